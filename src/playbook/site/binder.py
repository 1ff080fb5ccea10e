"""The on-call binder: the whole playbook on one printable page, in reading order, from the same render functions."""

from __future__ import annotations

import re

from playbook.data.addresses import scenario_uri
from playbook.data.catalog import Catalog
from playbook.markdown import Md, line, link, restructured
from playbook.runbooks.headings import lines_outside_code
from playbook.site import alerting as ra
from playbook.site import incident as rinc
from playbook.site import people as rp
from playbook.site import reference as rref
from playbook.site import runbook as rr
from playbook.site import severities as rs
from playbook.site.binder_links import link_inside

_HEADING = re.compile(r"^(\s*)(#{1,5}) ")


def demote(markdown: Md, levels: int = 1) -> Md:
    """Push every Markdown heading down `levels` levels, leaving fenced code (e.g. `# comments`) alone.
    Only `#` marks change: what was safe Markdown stays safe."""
    out = []
    for row, code in lines_outside_code(markdown):
        if not code:
            row = _HEADING.sub(lambda h: h.group(1) + "#" * min(6, len(h.group(2)) + levels) + " ", row)
        out.append(row)
    return restructured(markdown, "\n".join(out))


def _from_root(markdown: Md) -> Md:
    """Scenario pages live in scenarios/: their `../page.md` links point one level up from the binder.
    Only link targets change (to other pages of the site): what was safe Markdown stays safe."""
    # `../page.md` is one level up; a bare `other.md` is a sibling scenario, under scenarios/ from the root.
    sibling = re.sub(r"\]\((?![a-z]+:|\.\./|#|/)([^)]+\.md(?:#[^)]*)?)\)", r"](scenarios/\1)", markdown)
    return restructured(markdown, sibling.replace("](../", "]("))


def _part(title: str, body: Md) -> Md:
    return Md("## {} {{ .pb-part }}\n\n{}\n").format(line(title), demote(body))


_PROCEDURE = re.compile(r"""\{\{\s*procedure\(\s*["']([\w-]+)["']\s*\)\s*\}\}""")


def _procedure_pages(cat: Catalog) -> dict[str, str]:
    """{procedure id: the docs page that shows it}, read from the pages' `procedure("...")` calls."""
    out = {}
    for page in sorted(cat.project.docs.rglob("*.md")):
        for pid in _PROCEDURE.findall(page.read_text(encoding="utf-8")):
            out.setdefault(pid, page.relative_to(cat.project.docs).as_posix())
    return out


def _parts(cat: Catalog) -> list[tuple[str, str, tuple[str, ...]]]:
    """(title, Markdown, the pages it repeats) of each part, in the order an engineer reads them: what to do
    first, the runbooks, then what they point at (alerts, the post-mortem). A page or section any part links
    to is a part itself, so no link leaves the binder (`page.md#section` stands for that section alone)."""
    parts = [
        ("Severity at a glance", rs.render_severity_ladder(cat), ()),
        ("Declare an incident", rinc.render_declaration(cat), ("declare.md",)),
        ("Scenarios by symptom", rr.render_scenario_index(cat), ("index.md#scenarios-by-symptom",)),
        ("Escalation", rp.render_escalation(cat), ("oncall.md",)),
        ("Contacts", rp.render_contacts(cat), ("contacts.md",)),
        ("Responsibility matrix", rp.render_matrix(cat), ("matrix.md",)),
        ("Placeholders", rref.render_placeholders(cat), ("placeholders.md",)),
    ]
    for sid, sc in cat.scenarios.items():
        body = _from_root(rr.render_scenario(cat, sid, alias=False))
        parts.append((f"Scenario {sc.number}: {sc.title}", body, (scenario_uri(sid),)))
    pages = _procedure_pages(cat)
    for pid, proc in cat.procedures.items():
        parts.append((proc.title, rr.render_procedure(cat, pid), (pages[pid],) if pid in pages else ()))
    postmortem = rinc.render_postmortem_policy(cat) + Md("\n") + rinc.render_postmortem_template(cat)
    parts += [
        ("Alerting", ra.render_alerting(cat), ("alerting.md",)),
        ("Post-mortem template", postmortem, ("postmortem.md",)),
    ]
    return parts


# A page the binder sums up in one part: a link to any of its sections goes to that part.
SUMMARIES = {"severities.md": "Severity at a glance"}


def binder_parts(cat: Catalog) -> list[tuple[str, Md]]:
    """(title, Markdown) of each part, in the order an engineer reads them during an incident."""
    return [(title, body) for title, body, _ in _parts(cat)]


def render_binder(cat: Catalog) -> Md:
    """The table of contents, in page order (each part starts a printed page), then every part, its links
    to pages the binder prints pointing inside the binder."""
    parts = _parts(cat)
    linked = link_inside([(t, _part(t, body), pages) for t, body, pages in parts], SUMMARIES)
    toc = Md("\n").join(
        Md("{}. {}").format(n, link(t, f"#{pid}"))
        for n, ((t, _, _), (pid, _)) in enumerate(zip(parts, linked, strict=True), 1)
    )
    body = Md("\n").join(text for _, text in linked)
    return Md('<div class="pb-toc" markdown>\n\n**Contents**\n\n') + toc + Md("\n\n</div>\n\n") + body
