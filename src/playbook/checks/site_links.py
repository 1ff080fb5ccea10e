"""Links into the published site: an address of the site resolves to a page it builds (REF016), an alert section's
anchor alias is the anchor its heading renders (REF017), and a page's text links the site's pages by source (REF022)."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urlsplit

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.links import _LINK, _anchors, _raise_unless_data, alias_named_elsewhere, parsed_url
from playbook.data import files as F
from playbook.data.addresses import SCENARIO_DIR
from playbook.data.markup import data_strings
from playbook.errors import DataError
from playbook.markdown import outside_code
from playbook.runbooks.headings import heading_ids

ALERTING = "alerting.md"  # the site page with one section per alert (site/alerting.py renders it)


def site_base(cat) -> str:
    """The published site's address (meta.yaml's link `playbook-site`, as `site_page` prefixes it), or ""."""
    link = next((x for x in cat.meta.links if x.id == "playbook-site"), None)
    return link.url.rstrip("/") + "/" if link else ""


def page_of(path: str) -> str:
    """The site page (its Markdown source) an address path names: `alerting.html` and `x/` are `alerting.md`
    and `x/index.md`."""
    if not path or path.endswith("/"):
        return path + "index.md"
    return path[: -len(".html")] + ".md" if path.endswith(".html") else path


@rule(
    "REF016",
    "error",
    "every address of the published site in the data (a `site_page` link) names a page the site builds and an "
    "anchor that page has",
    "The post-mortem template links the Alerting and Rollback pages by their published address (`site_page`), which "
    "REF006 does not read as a page: a page renamed or an anchor whose heading changed leaves every post-mortem "
    "pointing at a 404 or at the page's top.",
    "name a page of the site (`x.html`) and an anchor it has (the message lists them)",
)
def site_addresses_resolve(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    base = site_base(cat)
    if not base:
        return
    address = re.compile(re.escape(base) + r"([^\s)'\"`<>]*)")
    names = set(ctx.page_names())
    for file, path, text in data_strings(cat):
        if base not in text:
            continue
        for target in address.findall(text):
            page_path, _, anchor = target.partition("#")
            page = page_of(page_path)
            if page not in names:
                yield report(file, path, f"{base}{target}: the site builds no page {page}", needle=target or None)
                continue
            try:
                anchors = _anchors(ctx, page) or set()
            except DataError as e:
                _raise_unless_data(cat, e)
                continue
            if anchor and anchor not in anchors:
                listed = ", ".join(sorted(anchors)[:12]) or "none"
                message = f"{base}{target}: {page} has no anchor #{anchor} (it has: {listed})"
                yield report(file, path, message, needle=target)


_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*$")


@rule(
    "REF017",
    "error",
    "a scenario's anchor_alias is the anchor its alert's section heading renders on the Alerting page",
    "The alias is the anchor the links name (the seed's #2-write-operation-failure-spike, the section's number and "
    "its alert's title): an alert renamed or moved under it keeps the old id only as a hidden alias, so the "
    "decision and the post-mortem template send the reader to a section whose heading no longer says what they "
    "link to, and the heading's new anchor is one no link names.",
    "keep the alert's title (and place) the alias spells, or rename the alias and every link that names it",
)
def alias_is_heading(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    aliased = {sid: sc.anchor_alias for sid, sc in cat.scenarios.items() if sc.anchor_alias}
    if not aliased or not cat.alerts.alerts:
        return
    try:
        md = ctx.page(ALERTING) or ""
    except DataError as e:
        _raise_unless_data(cat, e)
        return
    lines = md.split("\n")
    for sid, alias in aliased.items():
        at = [n for n, t in enumerate(lines) if f'<a id="{alias}"></a>' in t]
        if not at or not alias_named_elsewhere(cat, report, cat.source[sid], alias):
            continue  # the heading renders it (or no section carries it); named nowhere else is REF014's
        heading = next((m.group(1) for t in reversed(lines[: at[0]]) if (m := _HEADING.match(t))), "")
        hits = [i for i, al in enumerate(cat.alerts.alerts) if al.scenario == sid and heading.endswith(al.title)]
        if not hits:
            continue
        i = hits[0]
        before = heading_ids("\n".join(lines[: at[0]]), set())
        own = before[-1][1] if before else "?"
        message = (
            f"alert {cat.alerts.alerts[i].title!r}'s section renders #{own}, but {sid}'s anchor_alias, named "
            f"by the data's links and texts, is #{alias}: the section keeps it only as a hidden alias"
        )
        yield report(F.ALERTS, ("alerts", i, "title"), message)


def _own_page(base: str, target: str) -> str | None:
    """The path under the site's address `base` that link target `target` names when it is an address of the site
    itself (its host, any scheme or case, under its path), else None."""
    site, url = urlsplit(base), parsed_url(target)
    if url.scheme.lower() not in ("http", "https", "") or not url.netloc:
        return None
    if url.netloc.lower() != site.netloc.lower() or not (url.path + "/").startswith(site.path):
        return None
    return url.path[len(site.path) :] + (f"#{url.fragment}" if url.fragment else "")


@rule(
    "REF022",
    "error",
    "a link in the data's text to a page of the site itself is written as the page's source (x.md#anchor), never as "
    "the site's published address",
    "A link typed with the site's own address (https://<site>/disable-ai.html#re-enable-ai) is an external link to "
    "the build: the strict build's link and anchor check does not follow it (a page renamed or a heading reworded "
    "breaks it silently), the published address may be a placeholder that serves nothing yet (D-repository), and "
    "from the offline binder or the site opened from disk it leaves for the internet. Only `site_page()`, for a text "
    "copied out of the site (the post-mortem template), writes the address.",
    "link the page by its source, relative to the text's page (the message names it)",
)
def site_pages_linked_by_source(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    base = site_base(cat)
    if not base:
        return
    host = urlsplit(base).netloc.lower()
    for file, path, text in data_strings(cat):
        if "](" not in text or host not in text.lower():
            continue
        here = SCENARIO_DIR if file.startswith(cat.file(F.SCENARIOS) + "/") else ""
        for target in _LINK.findall(outside_code(text)):
            if (own := _own_page(base, target)) is None:
                continue
            page_path, _, anchor = own.partition("#")
            source = posixpath.relpath(page_of(page_path), here or ".") + (f"#{anchor}" if anchor else "")
            message = f"link {target!r} names this site's own page by its published address: link {source!r}"
            yield report(file, path, message, needle=target)
