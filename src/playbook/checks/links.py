"""Links in the data's text: each relative link's page exists and has the anchor it names, on every page the
link is shown on (REF006)."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.near_names import _files  # every data file, as REF011 and REF015 read them
from playbook.checks.pages import anchors_of
from playbook.checks.renamed_titles import at_the_title
from playbook.data import files as F
from playbook.data.addresses import SCENARIO_DIR
from playbook.data.markup import data_strings
from playbook.data.suggest import edit_distance
from playbook.errors import DataError
from playbook.markdown import outside_code

_LINK = re.compile(r"\]\(([^)\s]+)\)")


@rule(
    "REF006",
    "error",
    "every relative link in the data points at an existing page and at an anchor that page has",
    "The seed linked ALERTING_CONFIG.md and ROLLBACK_STRATEGY.md, which never existed. An anchor is a heading's "
    "id on the page as the site renders it: `#escalation` on a page whose section is `#escalation-path` opens the "
    "page at its top, and nothing says the section is missing. A link to an anchor of its own page is checked on "
    "every page the text is shown on.",
    "link to a page under docs/ (or scenarios/<id>.md) and an anchor it has (the message lists them)",
)
def links_resolve(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for file, path, text in data_strings(cat):
        if "](" not in text:
            continue
        base = SCENARIO_DIR + "/" if file.startswith(cat.file(F.SCENARIOS) + "/") else ""
        for target in _LINK.findall(outside_code(text)):
            page, _, anchor = target.partition("#")
            if parsed_url(target).scheme or not (page or anchor):
                continue
            # a page's own anchor: every page the link is shown on (the text's page, the binder) must have it
            for resolved in [_join(base, page)] if page else _shown_on(ctx, target):
                try:
                    anchors = _anchors(ctx, resolved)
                except DataError as e:
                    _raise_unless_data(cat, e)
                    continue
                if anchors is None:
                    yield report(file, path, f"link {target!r}: no page {resolved}", needle=target)
                elif anchor and anchor not in anchors:
                    listed = ", ".join(sorted(anchors)[:12]) or "none"
                    message = f"link {target!r}: {resolved} has no anchor #{anchor} (it has: {listed})"
                    yield report(file, path, message, needle=target)
                    line = cat.where(file, path)[0]  # … and at the title that now makes the nearest anchor
                    yield from at_the_title(cat, report, ctx.page(resolved), anchor, f"the link at {file}:{line}")


def _anchors(ctx: CheckContext, page: str) -> set[str] | None:
    """The anchors site page `page` is rendered with (its headings' ids), or None when there is no such page."""

    def find() -> set[str] | None:
        md = ctx.page(page)
        return None if md is None else anchors_of(md)

    return ctx.catalog.memoized(("page anchors", page), find)


def _raise_unless_data(cat, error: DataError) -> None:
    """A page that cannot render because of the data: the data's own rule reports it (ALR004 for an alert's
    symptom), so it is left to that rule; because of the page itself (a macro of docs/ naming a procedure that is
    gone): raised, located in the page, since no rule reads the page's own text."""
    data = cat.rel(cat.project.data) + "/"
    if not all(p.file.startswith(data) for p in error.problems):
        raise error


def _shown_on(ctx: CheckContext, target: str) -> list[str]:
    """The site pages that show a link to `target` (a page's own anchor, `#x`), as rendered from the data."""
    out = []
    for page in ctx.page_names():
        try:
            if f"]({target})" in (ctx.page(page) or ""):
                out.append(page)
        except DataError as e:
            _raise_unless_data(ctx.catalog, e)
    return out


def parsed_url(text: str):
    """`urlparse(text)`, or an empty result for a text it refuses (`http://[x`: a bracketed host that is
    no IP address raises ValueError): a finding names the text, a traceback would not."""
    try:
        return urlparse(text)
    except ValueError:
        return urlparse("")


def _join(base: str, page: str) -> str:
    parts = (base + page).split("/")
    out: list[str] = []
    for p in parts:
        if p == "..":
            out = out[:-1]
        elif p and p != ".":
            out.append(p)
    return "/".join(out)


# The workflow that publishes the site: the branches its `push` builds from are the branches the site shows.
_WORKFLOWS = ".github/workflows"


def published_branches(root) -> list[str]:
    """The branches whose pushes publish the site, as the repository's GitHub workflows name them (`on: push:
    branches:`); none when no workflow names any (then nothing is judged: no branch is known without the network)."""
    import yaml

    out: list[str] = []
    for path in sorted((root / _WORKFLOWS).glob("*.y*ml")):
        try:
            flow = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        if not isinstance(flow, dict):
            continue
        on = flow.get("on", flow.get(True))  # YAML 1.1 reads the key `on` as the boolean true
        push = on.get("push") if isinstance(on, dict) else None
        branches = push.get("branches") if isinstance(push, dict) else None
        if isinstance(branches, list):
            out += [b for b in branches if isinstance(b, str) and not any(c in b for c in "*?[!")]
    return out


@rule(
    "REF013",
    "error",
    "the edit link (meta.yaml `edit_uri`) names a branch the site is published from",
    "Every page's edit link is the playbook-source address, `edit_uri` and the file's path: a branch misspelt there "
    "(`edit/mian/`) or one that is not the published one opens an error page, or a stale copy, from every page of "
    "the site. The branches the site is published from are those whose pushes run the publishing workflow "
    "(`.github/workflows/`, `on: push: branches:`).",
    "name the published branch in edit_uri, e.g. edit/main/",
)
def edit_branch(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    uri = cat.meta.edit_uri
    if not uri:
        return
    branches = published_branches(cat.project.root)
    if branches and not any(f"/{b}/" in f"/{uri}" for b in branches):
        shown = ", ".join(branches)
        yield report(F.META, ("edit_uri",), f"edit_uri {uri!r} names no branch the site is published from ({shown})")


_NAMED_ANCHOR = re.compile(r"#([a-z0-9][\w-]*[a-z0-9])|\banchors?\s+#?([a-z0-9][\w-]*[a-z0-9])", re.I)


@rule(
    "REF014",
    "error",
    "a scenario's anchor_alias is an anchor the data names (a link, the decision or the template that wants it)",
    "An anchor alias exists for the links that name it (the seed's #2-write-operation-failure-spike): one that "
    "nothing names keeps no link working, and the anchor the texts do name points at nothing on its page.",
    "write the anchor the data's texts and links name (the hint gives the nearest), or drop the alias",
)
def anchor_alias_named(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    aliased = [(cat.source[sid], sc.anchor_alias) for sid, sc in cat.scenarios.items() if sc.anchor_alias]
    if not aliased:
        return
    files = _files(cat)
    named: dict[str, str] = {}  # an anchor a text or a link names: where it is first named
    for rel in files:
        for n, text in enumerate(report.lines(rel), 1):
            for m in _NAMED_ANCHOR.finditer(text):
                named.setdefault((m.group(1) or m.group(2)).lower(), f"{rel}:{n}")
    for rel, alias in aliased:
        if alias_named_elsewhere(cat, report, rel, alias):
            continue
        near = sorted((edit_distance(alias, a), a) for a in named if a != alias and edit_distance(alias, a) <= 2)
        hint = f"did you mean {near[0][1]}, which {named[near[0][1]]} names? " if near else ""
        message = f"anchor_alias {alias} is named nowhere else in the data: no link or text wants this anchor"
        yield report(rel, ("anchor_alias",), message, hint + report.rule.fix, needle=alias)


def alias_named_elsewhere(cat, report: Reporter, rel: str, alias: str) -> bool:
    """Whether a line of the data other than the scenario's `anchor_alias:` line (file `rel`) names `alias`."""
    line, _ = cat.where(rel, ("anchor_alias",))
    word = re.compile(rf"(?<![\w-]){re.escape(alias)}(?![\w-])")
    return any((f, n) != (rel, line) and word.search(t) for f in _files(cat) for n, t in enumerate(report.lines(f), 1))
