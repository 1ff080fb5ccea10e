"""A hostile build over the raw YAML: every scalar and every mapping key of every data file poisoned, one strict build.

The poison walks the parsed YAML, not the models, so a field or key the models forget is covered too. Each
place gets its own marker (pbx<n>) in tags, an event handler, an attribute list, a code span, a character
reference, a `javascript:` link written as HTML and a line that would open a box. What the loader or the checks
refuse is put back, and each refusal must be located at its place (the line, or the field, of that key or
value); everything else is built once, strictly. Then every page, the search index and hints, the sitemap,
and every generated file (alerts, router, escalation policy, dashboard, runbooks/) are parsed: no element,
attribute, class or script URL may come from the data, the generated YAML and JSON keep the shape the real
data gives them, the scripts stay valid bash. Each marker that reached an output is counted (coverage).

A second property draws strings with hypothesis and puts them in the real renderers' fields (no build).
"""

from __future__ import annotations

import copy
import functools
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import ROOT, copy_project
from data_edits import data_files
from playbook import project as projects
from playbook.adapters.mkdocs.build import build_site
from playbook.adapters.mkdocs.rendered import ENV_VAR
from playbook.checks.engine import publish_rules
from playbook.cli.generate import alert_texts
from playbook.data.load import load_catalog
from playbook.data.markup import problems_in
from playbook.data.scalars import other_reading
from playbook.drill.alert_results import load_alert_results
from playbook.drill.results import load_results
from playbook.errors import DataError, dotted
from playbook.markdown import slug
from playbook.site.checking import check


class QuotingDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """PyYAML's dumper, quoting a text another YAML reader would type otherwise (09:00), as FILE012 asks of
    the data: the rewritten files are as an editor keeps them."""


def _text(dumper, value: str):
    style = '"' if other_reading(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


QuotingDumper.add_representer(str, _text)
DUMPER = QuotingDumper
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MARK = "pbx"
CALL = re.compile(MARK + r"\d+\(")
COMMENT = {"shell": "#", "jq": "#", "sql": "--", "typescript": "//"}


def poison(n: int) -> str:
    """What place n gets: everything a page must show as text, each with its marker."""
    m = f"{MARK}{n}"
    return (
        f" <img src=x onerror={m}()> </title><svg onload={m}()> `<b onclick={m}()>` {{ onclick={m}() .{m} }}"
        f' &lt;script&gt;{m}() <a href="javascript:{m}()">{m}</a> [{m}](https://x.test/{m})'
        f'\n!!! {m} "{m}"\n'
    )


def quiet(n: int) -> str:
    """For a title that a link names by its anchor: punctuation only, so its slug, and the link, still hold."""
    return " <>&\"'`{}[]!"


@dataclass
class Spot:
    """One poisoned place: the value at `path` (raw keys of the original tree), or its key."""

    n: int
    file: Path
    path: tuple
    key: bool
    quiet: bool = False
    on: bool = True
    line: int = 0  # where the poisoned file has it (set when written)
    field: str = ""  # its dotted path in the poisoned file, as findings name it
    was: object = None  # the original value (or key)

    def marker(self) -> str:
        return f"{MARK}{self.n}"

    def name(self) -> str:
        """A key spot's poisoned key: on one line, and short (each key a model refuses is compared with the
        model's keys for a did-you-mean)."""
        m = self.marker()
        return f"{self.was} <img src=x onerror={m}()> `<b onclick={m}()>` {{ .{m} }}"


def _anchors(root: Path) -> set[str]:
    """Anchors the data and the docs link to (`page.md#anchor`), and the search's best bets."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in [*data_files(root / "data"), *root.glob("docs/*.md")])
    return set(re.findall(r"\.md#([\w-]+)", text))


def _named(value, anchors: set[str]) -> bool:
    s = slug(str(value))
    return bool(s) and any(a == s or a.endswith("-" + s) for a in anchors)


def plan(root: Path) -> tuple[dict[Path, object], list[Spot]]:
    """The original tree of every data file, and one spot per scalar and per mapping key of each."""
    anchors = _anchors(root)
    trees, spots = {}, []

    def walk(file, node, path):
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else None
        if items is None:
            named = path and path[-1] in ("title", "topic", "heading", "name") and _named(node, anchors)
            spots.append(Spot(len(spots), file, path, False, quiet=bool(named), was=node))
            return
        for k, v in list(items):
            if isinstance(node, dict):
                spots.append(Spot(len(spots), file, path + (k,), True, was=k))
            walk(file, v, path + (k,))

    for file in data_files(root / "data"):
        trees[file] = yaml.safe_load(file.read_text(encoding="utf-8"))
        walk(file, trees[file], ())
    return trees, spots


def _poisoned_value(spot: Spot, value, parent) -> object:
    add = quiet(spot.n) if spot.quiet else poison(spot.n)
    if spot.path[-1] == "code" and isinstance(parent, dict) and isinstance(value, str):
        # Code is run as written: the poison goes in as a comment line of its kind (a query without one is shell).
        mark = COMMENT.get(parent.get("kind", "shell"))
        return f"{mark} {add.strip().replace(chr(10), ' ')}\n{value}" if mark else f"{value}\n{add.strip()}"
    return f"{'' if value is None else value}{add}"


def poisoned(tree, spots: dict[tuple, list[Spot]], path=()):
    """The tree with its spots' poison: a value poisoned in place; a key poisoned in a copy of its entry beside it
    (the original stays, so a key the model refuses hides nothing under it from the loader)."""
    if isinstance(tree, list):
        return [_leaf(v, spots, path + (i,), tree) for i, v in enumerate(tree)]
    out = {}
    for k, v in tree.items():
        out[k] = _leaf(v, spots, path + (k,), tree)
        for s in spots.get(path + (k,), []):
            if s.key and s.on:
                out[s.name()] = copy.deepcopy(v)
    return out


def _leaf(v, spots, path, parent):
    if isinstance(v, dict | list):
        return poisoned(v, spots, path)
    spot = next((s for s in spots.get(path, []) if not s.key and s.on), None)
    return _poisoned_value(spot, v, parent) if spot else v


def write(trees: dict[Path, object], spots: list[Spot]) -> None:
    """Write each file poisoned at its spots still on, and note where each spot landed (line, dotted field)."""
    by_path: dict[Path, dict[tuple, list[Spot]]] = {}
    for s in spots:
        by_path.setdefault(s.file, {}).setdefault(s.path, []).append(s)
    for file, tree in trees.items():
        mine = by_path.get(file, {})
        text = yaml.dump(poisoned(tree, mine), Dumper=DUMPER, sort_keys=False, allow_unicode=True, width=10_000)
        first = file.read_text(encoding="utf-8").split("\n", 1)[0]
        head = first + "\n" if first.startswith("# yaml-language-server") else ""
        file.write_text(head + text, encoding="utf-8")
        copies = {s.name(): s for ss in mine.values() for s in ss if s.key and s.on}
        _locate(yaml.compose(head + text, Loader=LOADER), tree, mine, copies, (), ())


def _locate(node, tree, spots, copies, path, shown):
    """Walk the written node tree beside the original tree: each spot's line and dotted field."""
    if isinstance(node, yaml.MappingNode):
        items = iter(tree.items())
        for key_node, value_node in node.value:
            if key_node.value in copies:
                s = copies[key_node.value]
                s.line, s.field = key_node.start_mark.line + 1, dotted(shown + (key_node.value,))
                continue
            k, v = next(items)
            here = shown + (key_node.value,)
            for s in spots.get(path + (k,), []):
                if not s.key:
                    s.line, s.field = value_node.start_mark.line + 1, dotted(here)
            _locate(value_node, v, spots, copies, path + (k,), here)
    elif isinstance(node, yaml.SequenceNode):
        for i, (item, v) in enumerate(zip(node.value, tree, strict=True)):
            for s in spots.get(path + (i,), []):
                s.line, s.field = item.start_mark.line + 1, dotted(shown + (i,))
            _locate(item, v, spots, copies, path + (i,), shown + (i,))


def back_off(problems, spots: list[Spot], root: Path) -> tuple[list, list[str]]:
    """Put back the spots each refusal names: at its place (the marker it quotes, its field, its line), else through
    what it compares (the members of the list it is about, the original value it quotes, the key it names).
    The refusals none explains, and for each refusal how it was explained."""
    active = [s for s in spots if s.on]
    index = {"field": {}, "line": {}, "n": {s.n: s for s in active}}
    for s in active:
        index["field"].setdefault((s.file, s.field), []).append(s)
        index["line"].setdefault((s.file, s.line), []).append(s)
    unexplained, how = [], []
    for p in problems:
        way, hit = _culprits(p, root / p.file, active, index)
        if not hit:
            unexplained.append(p)
        how.append(way)
        for s in hit:
            s.on = False
    return unexplained, how


def _culprits(p, file: Path, active: list[Spot], index: dict) -> tuple[str, list[Spot]]:
    if hit := [index["n"][int(n)] for n in re.findall(MARK + r"(\d+)", p.message) if int(n) in index["n"]]:
        return "marker", hit
    if hit := index["field"].get((file, p.field), []) if p.field else []:
        return "field", hit
    if hit := index["line"].get((file, p.line), []):
        return "line", hit
    members = (p.field + ".", p.field + "[") if p.field else None
    if members and (hit := [s for s in active if s.file == file and s.field.startswith(members)]):
        return "members", hit
    if hit := [s for s in active if isinstance(s.was, str) and len(s.was) > 3 and s.was in p.message]:
        return "value", hit
    words = set(re.findall(r"\w+", p.message))
    return "key", [s for s in active if not s.key and isinstance(s.path[-1], str) and s.path[-1] in words]


class Live(HTMLParser):
    """Elements, attributes, classes and script URLs in a page that carry a marker where a browser acts on it;
    the markers of the text (escaped data) the page shows."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bad: list = []
        self.seen: set[str] = set()
        self.script = False

    def handle_starttag(self, tag, attrs):
        types = [v for k, v in attrs if k == "type"]
        self.script = tag == "style" or (tag == "script" and types != ["application/json"])
        if MARK in tag:
            self.bad.append(tag)
        for name, value in attrs:
            value = value or ""
            url = name in ("href", "src", "action", "formaction", "xlink:href", "srcdoc", "data")
            scheme = value.strip().split(":")[0].lower() if url else ""
            if (
                (
                    MARK in name
                    or (name.startswith("on") and MARK in value)
                    or (name in ("class", "style") and MARK in value)
                )
                or url
                and MARK in value
                and (scheme in ("javascript", "data", "vbscript") or CALL.search(value))
            ):
                self.bad.append((tag, name, value))
            self.seen.update(re.findall(MARK + r"\d+", value))

    def handle_data(self, data):
        if self.script and MARK in data:
            self.bad.append(("script", data[:80]))
        self.seen.update(re.findall(MARK + r"\d+", data))

    def handle_endtag(self, tag):
        self.script = False


def live(html: str) -> Live:
    parser = Live()
    parser.feed(html)
    parser.close()
    return parser


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings(k)
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def shape(value):
    """A parsed YAML or JSON document with every string leaf blanked: its keys and lengths, its structure."""
    if isinstance(value, dict):
        return {k: shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shape(v) for v in value]
    return type(value).__name__


def generated(cat, rendered: Path) -> dict[str, str]:
    """alerts/, dashboards/ and runbooks/ as `playbook generate` makes them, from the pages this build rendered."""
    from playbook.runbooks.extract import COMPILATIONS, parse_pages
    from playbook.runbooks.generate import generate
    from playbook.runbooks.outline import page_steps

    pages = {p.relative_to(rendered).as_posix(): p.read_text(encoding="utf-8") for p in rendered.rglob("*.md")}
    pages = {page: text for page, text in pages.items() if page not in COMPILATIONS}
    outlines = {page: page_steps(text) for page, text in pages.items()}
    files = {f"runbooks/{k}": v for k, v in generate(parse_pages(pages), cat.meta.placeholders, outlines).items()}
    files.update({p.relative_to(cat.project.root).as_posix(): t for p, t in alert_texts(cat).items()})
    return files


# The checks the hostile build runs: the build's own but six that guard the editor's intent, not the output:
# TXT001 (markup typed into text), TXT004 (a code span never closed: the poison's lone backticks), TXT006 (Markdown
# in a keyword or an alert's title), TXT008 (a Markdown text that renders more than text, emphasis, code spans and
# links), DEC002 (a value a decision fixed, changed) and FILE003 (a recorded drill result changed by hand: every
# poisoned value of those files is one). Left out, so the poisoned text and values reach the renderers and their
# escaping is what is proven.
RULES = set(publish_rules()) - {"TXT001", "TXT004", "TXT006", "TXT008", "DEC002", "FILE003"}


def refusals(project) -> list:
    """What the loader refuses (the catalog, the drill and alert drill results), else what the checks the build
    runs refuse (detect-secrets, the slow one, is left to the build itself): the error findings, located."""
    found = []
    loads = (lambda: load_results(project.data), lambda: load_alert_results(project.data))
    for load in (*loads, lambda: load_catalog(project=project)):
        try:
            cat = load()
        except DataError as e:
            found += e.problems
    if found:
        return found
    try:
        return [p for p in check(cat, RULES - {"SEC001"}) if p.level == "error"]
    except DataError as e:
        return e.problems


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The poisoned project, loaded, checked and built once: (root, catalog, spots, refusals, site, rendered)."""
    root = copy_project(tmp_path_factory.mktemp("hostile"))
    project = projects.at(root, None)
    trees, spots = plan(root)
    refused: list = []
    for _ in range(12):
        write(trees, spots)
        problems = refusals(project)
        if not problems:
            break
        unexplained, how = back_off(problems, spots, root)
        assert not unexplained, "\n".join(p.format() for p in unexplained)
        refused += zip(problems, how, strict=True)
    else:
        raise AssertionError("the poisoned data never loaded")
    rendered = root / "rendered"
    ok, log = build_site(root / "site", project=project, env={ENV_VAR: str(rendered)}, rules=RULES)
    assert ok, log
    yield root, load_catalog(project=project), spots, refused, root / "site", rendered
    shutil.rmtree(root, ignore_errors=True)


def test_the_hostile_build_shows_every_poisoned_place_as_text(hostile):
    root, cat, spots, refused, site, rendered = hostile
    bad: dict[str, list] = {}
    seen: set[str] = set()

    def scan(name: str, html: str):
        found = live(html)
        seen.update(found.seen)
        if found.bad:
            bad.setdefault(name, []).extend(found.bad[:3])

    for page in site.rglob("*.html"):
        scan(page.relative_to(site).as_posix(), page.read_text(encoding="utf-8"))
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for text in strings(index):  # Material shows the index's titles and text as HTML
        scan("search_index.json", text)
    hints = (site / "assets" / "pb-search-hints.js").read_text(encoding="utf-8")
    for text in strings(json.loads(hints.removeprefix("window.pbSearchHints=").rstrip(";\n"))):
        scan("pb-search-hints.js", text)
    assert not bad, bad
    site_url = cat.meta.link("playbook-site").url
    for loc in ET.parse(site / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
        assert loc.text.startswith(site_url) and MARK not in loc.text, loc.text

    # The generated files: each parses, with the shape the real data gives it (no key, entry or document made by
    # the data), no marker in any key, every script valid bash; the markers they hold are text in string values.
    mine = generated(cat, rendered)
    for name, text in mine.items():
        if name.endswith((".json", ".yml", ".yaml")):
            # the real data's own, as committed (tests/cli/test_generate.py holds them to the data)
            doc, was = yaml.safe_load(text), yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))
            seen.update(m for s in strings(doc) for m in re.findall(MARK + r"\d+", s))
            if name.startswith("runbooks/") and name != "runbooks/manifest.json":
                continue  # a JSON block of the data, as the data writes it (the log format's example record)
            assert not [k for k in _keys(doc) if MARK in str(k)], name
            if name != "runbooks/manifest.json":  # the manifest's walk holds each step's prose, paragraph by paragraph
                assert shape(doc) == shape(was), name
        elif name.endswith(".sh"):
            proc = subprocess.run(["bash", "-n"], input=text, capture_output=True, text=True)
            assert proc.returncode == 0, (name, proc.stderr)

    on = [s for s in spots if s.on and not s.quiet]
    keys, values = [s for s in spots if s.key], [s for s in spots if not s.key]
    reached = [s for s in on if s.marker() in seen]
    print(  # the coverage of this run (pytest -s shows it)
        f"\nhostile build: {len(values)} scalars and {len(keys)} keys in {len(set(s.file for s in spots))} files; "
        f"built poisoned: {sum(s.on for s in values)} scalars, {sum(s.on for s in keys)} keys "
        f"({sum(s.quiet and s.on for s in spots)} anchored titles with punctuation only); "
        f"put back after a located refusal: {sum(not s.on for s in values)} scalars, {sum(not s.on for s in keys)} "
        f"keys ({len(refused)} findings); markers that reached an output as text: {len(reached)} of {len(on)}"
    )
    # What a reader reads reached the pages as text: every title, every step's text, every synonyms key.
    missing = [
        (s.file.name, s.path)
        for s in on
        if (s.path[-1] in ("title", "text") or (len(s.path) > 1 and s.path[-2] == "synonyms" and s.key))
        and s.path[0] != "links"  # meta.yaml's link titles: the `link` template shows the address, nothing the title
        and s.marker() not in seen
    ]
    assert not missing, missing
    assert len(reached) > 0.5 * len(on)
    # The keys the models take as free text stay poisoned and built: every synonyms key (issue 24's live script),
    # and some more (the log format's example record); a model's own keys are refused, located (test below).
    synonyms = [s for s in keys if len(s.path) > 1 and s.path[-2] == "synonyms"]
    assert len(synonyms) == 2 * len(cat.scenarios) and all(s.on for s in synonyms)
    assert sum(s.on for s in keys) > len(synonyms)


def _keys(doc):
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield k
            yield from _keys(v)
    elif isinstance(doc, list):
        for v in doc:
            yield from _keys(v)


def test_each_refusal_was_at_the_place_it_names(hostile):
    """What the loader refused (an id, an enum, a number, a date, a model's own key, a link no page can publish)
    was refused at its place: the finding names the poisoned value's or key's field or line, or quotes it. Only the
    checks that compare two places (a metric a rule names, a key the code must show) are traced through what they
    compare."""
    _, _, _, refused, _, _ = hostile
    loader = [(p, how) for p, how in refused if p.rule.startswith("LOAD")]
    assert {p.rule for p, _ in loader} >= {"LOAD003", "LOAD005"}
    elsewhere = [p.format() for p, how in loader if how not in ("marker", "field", "line")]
    assert not elsewhere, elsewhere[:5]
    print(f"\nrefused: {len(loader)} by the loader at their place, {len(refused) - len(loader)} by the checks")


# --- the same over generated strings, in the real renderers' fields (no build) ----------------------------------

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details", "pymdownx.inlinehilite"]
EXTENSIONS += ["pymdownx.superfences", "pymdownx.tabbed"]
FRAGMENTS = ["<img src=x onerror=pbx0()>", "`", "``", "{ onclick=pbx0() }", "&lt;", "[", "](", "\n", "!!! x", "\\"]
FRAGMENTS += ['"', "'", "</title>", "<!--", "|", "*", "_", "#", '=== "t"', "~~~ pbx0", "javascript:pbx0()"]


@functools.cache
def renderers():
    """The real catalog and renderers (not a fixture: hypothesis would print the whole catalog on a failure)."""
    from playbook.site import people, runbook

    return load_catalog(), runbook, people


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=8).map("".join))
@example("`x`{ onclick=pbx0() }")  # an attribute list after an element of the data's own
@example("Title { onclick=pbx0() }")  # at the end of a heading, before the site's own list
@example("`<img src=x onerror=pbx0()>`")  # a synonyms key of issue 24, raw in the search-terms line
@example('x\n!!! pbx0 "t"\n    body')  # a box of the data's own
def test_generated_strings_in_the_renderers_fields_render_as_text(value):
    """A drawn string as a scenario's title, symptom, keyword and synonyms key, a step's title, text, items, an
    option's title, a block's title, changes and undo, a team's name: the scenario page, the index, the contacts
    and the nav title hold no element or attribute of its own. (What LOAD006 refuses is never rendered.)"""
    from playbook.site.pages import nav_title, page_meta

    cat, runbook, people = renderers()
    if problems_in(value):
        return
    sc = cat.scenarios["database-down"]
    step = sc.steps[0]
    block = step.blocks[0].model_copy(update={"title": value, "changes": value, "undo": value, "destructive": True})
    opt = step.options[0].model_copy(update={"title": value}) if step.options else None
    step = step.model_copy(update={"title": value, "text": value, "items": [value], "blocks": [block]})
    if opt:
        step = step.model_copy(update={"options": [opt]})
    symptoms = [sc.symptoms[0].model_copy(update={"text": value})]
    hostile_sc = sc.model_copy(
        update={"title": value, "symptoms": symptoms, "keywords": [value], "synonyms": {value: [value]},
                "steps": [step, *sc.steps[1:]]}
    )  # fmt: skip
    cat.scenarios["database-down"] = hostile_sc
    cat.memo.clear()
    try:
        shown = [runbook._render_scenario(cat, "database-down", True), runbook.render_scenario_index(cat)]
        shown.append(people.render_matrix(cat))
        for md in shown:
            html = markdown.markdown(md, extensions=EXTENSIONS)
            assert live(html).bad == [], (value, html)
        assert "<" not in nav_title(hostile_sc)
        assert all("<" not in t for t in page_meta(cat, "scenarios/database-down.md", {})["tags"])
    finally:
        cat.scenarios["database-down"] = sc
        cat.memo.clear()


def test_the_refused_build_leaves_the_site_alone(tmp_path):
    root = copy_project(tmp_path / "p")
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("previous", encoding="utf-8")
    file = root / "data" / "scenarios" / "ai-service-down.yaml"
    text = file.read_text(encoding="utf-8").replace("title: AI Service Down", "title: AI [down](javascript:x)")
    file.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        build_site(root / "site", project=projects.at(root, None))
    assert [(p.rule, p.line) for p in info.value.problems] == [("LOAD006", 4)]
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "previous"
    shutil.rmtree(root)


def test_a_page_naming_an_unknown_procedure_is_located(tmp_path):
    """docs/rollback.md calls {{ procedure("rollback") }}: renaming the procedure once raised KeyError."""
    root = copy_project(tmp_path / "p")
    file = root / "data" / "procedures" / "rollback.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace("\nid: rollback\n", "\nid: rollback-plan\n"))
    file.rename(file.with_name("rollback-plan.yaml"))  # a runbook file is named after its id (LOAD009)
    drill = root / "data" / "scenarios" / "database-down.yaml"  # its drill follows the procedure by id
    text = drill.read_text(encoding="utf-8").replace("follow: [rollback]", "follow: [rollback-plan]")
    drill.write_text(re.sub(r"runbook: rollback\b", "runbook: rollback-plan", text), encoding="utf-8")
    try:
        check(load_catalog(project=projects.at(root, None)))
    except DataError as e:
        (p,) = e.problems
        assert (p.file, p.line, p.col, p.rule) == ("docs/rollback.md", 7, 1, "LOAD005")
        assert "no procedure 'rollback'" in p.message and "rollback-plan" in p.hint
    else:
        raise AssertionError("no problem reported")
