"""The on-call binder: the whole playbook on one printable page, in reading order, from the same render functions."""

from __future__ import annotations

import re

from playbook.data.catalog import Catalog
from playbook.markdown import esc, slug
from playbook.site import people as r
from playbook.site import runbook as rr

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_HEADING = re.compile(r"^(\s*)(#{1,5}) ")


def demote(markdown: str, levels: int = 1) -> str:
    """Push every Markdown heading down `levels` levels, leaving fenced code (e.g. `# comments`) alone."""
    out, fence = [], None
    for line in markdown.split("\n"):
        m = _FENCE.match(line)
        if m and (fence is None or m.group(1).startswith(fence)):
            fence = None if fence else m.group(1)[0] * 3
        elif fence is None:
            line = _HEADING.sub(lambda h: h.group(1) + "#" * min(6, len(h.group(2)) + levels) + " ", line)
        out.append(line)
    return "\n".join(out)


def _from_root(markdown: str) -> str:
    """Scenario pages live in scenarios/: their `../page.md` links point one level up from the binder."""
    # `../page.md` is one level up; a bare `other.md` is a sibling scenario, under scenarios/ from the root.
    sibling = re.sub(r"\]\((?![a-z]+:|\.\./|#|/)([^)]+\.md(?:#[^)]*)?)\)", r"](scenarios/\1)", markdown)
    return sibling.replace("](../", "](")


def _part(title: str, body: str) -> str:
    return f"## {title} {{ .pb-part }}\n\n{demote(body)}\n"


def binder_parts(cat: Catalog) -> list[tuple[str, str]]:
    """(title, Markdown) of each part, in the order an engineer reads them during an incident."""
    parts = [
        ("Severity at a glance", r.render_severity_ladder(cat)),
        ("Declare an incident", rr.render_declaration(cat)),
        ("Escalation", r.render_escalation(cat)),
        ("Contacts", r.render_contacts(cat)),
    ]
    for sid, sc in cat.scenarios.items():
        parts.append((f"Scenario {sc.number}: {sc.title}", _from_root(rr.render_scenario(cat, sid))))
    for pid, proc in cat.procedures.items():
        parts.append((proc.title, rr.render_procedure(cat, pid)))
    return parts


def render_binder(cat: Catalog) -> str:
    """The table of contents, in page order (each part starts a printed page), then every part."""
    parts = binder_parts(cat)
    toc = "\n".join(f"{n}. [{esc(title)}](#{slug(title)})" for n, (title, _) in enumerate(parts, 1))
    return (
        '<div class="pb-toc" markdown>\n\n**Contents**\n\n'
        + toc
        + "\n\n</div>\n\n"
        + "\n".join(_part(title, body) for title, body in parts)
    )
