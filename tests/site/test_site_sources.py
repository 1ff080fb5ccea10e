"""Docs-as-code conventions of the built site: one edit link per page, at the file the page is made from; a sitemap."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
import yaml

from conftest import ROOT
from playbook.data.reads import Reads
from playbook.site.macros import calls, macro_table
from playbook.site.sources import EDITED_IN, ITEM, edit_file, edited_in

EDIT = re.compile(r'<a href="([^"]*)"[^>]*rel="edit"')


def _meta() -> dict:
    return yaml.safe_load((ROOT / "data" / "meta.yaml").read_text(encoding="utf-8"))


def _link(link_id: str) -> str:
    return next(x["url"] for x in _meta()["links"] if x["id"] == link_id)


def _pages(site) -> dict[str, str]:
    return {
        p.relative_to(site).with_suffix(".md").as_posix(): p.read_text(encoding="utf-8")
        for p in site.rglob("*.html")
        if p.name != "404.html" and "assets" not in p.parts
    }


def test_every_page_has_one_edit_link_at_the_file_it_is_made_from(site, catalog):
    base = _link("playbook-source").rstrip("/") + "/" + _meta()["edit_uri"]
    pages = _pages(site)
    assert len(pages) >= 20
    for uri, html in pages.items():
        links = EDIT.findall(html)
        assert len(links) == 1, (uri, links)
        assert links[0].startswith(base), links[0]
        path = links[0].removeprefix(base)
        assert (ROOT / path).is_file(), (uri, path)
        if uri.startswith("scenarios/"):
            assert path == f"data/{uri.removesuffix('.md')}.yaml"  # the scenario's YAML, not generated Markdown
            continue
        raw = (ROOT / "docs" / uri).read_text(encoding="utf-8")
        known = [c for c in calls(raw) if c[0] in EDITED_IN]
        if not known:
            assert path == f"docs/{uri}", uri  # prose: the page itself
        else:
            assert path in {f"docs/{uri}", edited_in(catalog, *known[0])}, (uri, path)
    assert EDIT.findall(pages["contacts.md"]) == [base + "data/contacts.yaml"]
    assert EDIT.findall(pages["scenarios/database-down.md"]) == [base + "data/scenarios/database-down.yaml"]
    assert EDIT.findall(pages["tags.md"]) == [base + "docs/tags.md"]
    assert EDIT.findall(pages["logs.md"]) == [base + "data/procedures/log-access.yaml"]


def test_each_macro_declares_where_it_is_edited_and_reads_that_file(catalog):
    """The declared edit file of each macro is one of the files its rendering actually reads."""
    reads = Reads(catalog)
    table = macro_table(reads)
    assert set(EDITED_IN) == set(table)
    args = {"procedure": next(iter(catalog.procedures)), "scenario": next(iter(catalog.scenarios))}
    for name, fn in table.items():
        catalog.memo.clear()
        reads.reset()
        arg = args.get(name)
        fn(arg) if arg else fn()
        read = reads.reset()
        file = edited_in(catalog, name, arg)
        if EDITED_IN[name] is None:
            assert file is None
        else:
            assert file in read, (name, file, read)
        if EDITED_IN[name] == ITEM:
            assert file == catalog.source[arg]


def test_a_scenario_page_reads_its_own_scenario_file_not_the_others(catalog):
    from playbook.site.pages import scenario_source

    reads = Reads(catalog)
    sid, *others = list(catalog.scenarios)
    scenario_source(reads, sid)
    read = reads.reset()
    assert catalog.source[sid] in read and "data/contacts.yaml" in read
    assert not {catalog.source[o] for o in others} & read
    assert edit_file(catalog, f"scenarios/{sid}.md", "") == catalog.source[sid]


@pytest.mark.parametrize("page", ["index.html", "contacts.html", "scenarios/database-down.html"])
def test_site_url_and_repo_url_come_from_the_data(site, page):
    html = (site / page).read_text(encoding="utf-8")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
    assert canonical == _link("playbook-site").rstrip("/") + "/" + page
    assert f'href="{_link("playbook-source").rstrip("/")}/"' in html  # the repository, in the header


def test_the_sitemap_lists_every_page_under_the_site_url(site):
    pages = _pages(site)
    root = ET.fromstring((site / "sitemap.xml").read_text(encoding="utf-8"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [u.findtext("s:loc", namespaces=ns) for u in root.findall("s:url", ns)]
    base = _link("playbook-site").rstrip("/") + "/"
    assert sorted(locs) == sorted(base + uri.removesuffix(".md") + ".html" for uri in pages)
    days = [u.findtext("s:lastmod", namespaces=ns) for u in root.findall("s:url", ns)]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d or "") for d in days)
