"""Docs-as-code conventions of the built site: one edit link per page, at the file the page is made from; a sitemap."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
import yaml
from recorded_reads import Reads

from conftest import ROOT
from playbook.data import files as registry
from playbook.site.macros import calls, macro_table
from playbook.site.sources import EDITED_IN, ITEM, SOURCES, edit_file, edited_in, files_read, page_files

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


def _calls_of_every_macro(catalog):
    for name in SOURCES:
        if name == "procedure":
            yield from ((name, pid) for pid in catalog.procedures)
        elif name == "scenario":
            yield from ((name, sid) for sid in catalog.scenarios)
        else:
            yield name, None


def test_each_macro_declares_every_data_file_its_rendering_reads(catalog):
    """SOURCES says what each macro is made from (the page dates follow it); a recording of the catalog
    while each macro renders proves it: nothing read is undeclared, and every single-file part declared is
    read (a folder part, `scenarios`, declares each of its files: a rendering may read only some)."""
    reads = Reads(catalog)
    table = macro_table(reads)
    folders = {spec.part for spec in registry.FOLDERS}
    read_by: dict[str, set[str]] = {}
    for name, arg in _calls_of_every_macro(catalog):
        catalog.memo.clear()
        reads.reset()
        table[name](arg) if arg else table[name]()
        read, declared = reads.reset(), files_read(catalog, name, arg)
        assert read <= declared, (name, arg, sorted(read - declared))
        read_by.setdefault(name, set()).update(read)
    for name, read in read_by.items():  # over all its calls (one procedure names no role, another does)
        singles = {catalog.file(registry.BY_PART[p]) for p in SOURCES[name].reads if p != ITEM and p not in folders}
        assert singles <= read, (name, sorted(singles - read))


def test_a_page_is_made_from_its_macros_and_its_pb_expressions(catalog):
    assert page_files(catalog, "placeholders.md", "{{ placeholders() }}") == ["data/meta.yaml", "docs/placeholders.md"]
    home = page_files(catalog, "index.md", "# {{ pb.meta.system }}\n\n{{ pb.incident.motto }}")
    assert home == ["data/incident.yaml", "data/meta.yaml", "docs/index.md"]
    sid = next(iter(catalog.scenarios))
    scenario = page_files(catalog, f"scenarios/{sid}.md", "")
    assert catalog.source[sid] in scenario and not {catalog.source[o] for o in catalog.scenarios if o != sid} & set(
        scenario
    )


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
