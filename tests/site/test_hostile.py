"""Hostile strings in every free-text field of the real data: refused with a located LOAD006, or shown as text.

One strict build (hypothesis draws the strings, two examples) where every free-text field of every data
file ends with what LOAD006 lets through (quotes, `a < b`, code spans, emphasis, an https link) and
shell blocks open with a hostile comment; then no HTML page and no JSON file of the site, and no
generated alert or dashboard file, may hold an element or attribute that came from the data. What
LOAD006 refuses (tags, entities, attribute lists, templates) is refused before anything is built;
the boundary itself is covered with many examples in tests/data/test_markup.py.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import copy_project
from data_edits import data_files, get, put, read_tree, text_fields, write_tree
from playbook import project as projects
from playbook.adapters.mkdocs.build import build_site
from playbook.cli.generate import alert_texts
from playbook.data import files as registry
from playbook.data.load import load_catalog
from playbook.data.markup import problems_in
from playbook.errors import DataError
from playbook.markdown import slug

# Accepted by LOAD006 and still hostile if any page forgot to treat it as text.
ACCEPTED = [
    '" onmouseover="pbx()',
    "' onfocus='pbx()",
    "a < b > c",
    "`pbx()` > `'pbx'`",
    "R & D && x < y",
    "[page](https://x.test/pbx) **pbx** *pbx*",
]
# Free-text fields that are still names of something else (a rule, a time zone, a metric, a URL, a
# path, a chat command), or headings the post-mortem checks by name: changing them fails the build for
# another reason (tests/cli/test_fuzz.py changes those).
NAMES = {
    "rule",
    "timezone",
    "metric",
    "metrics",
    "url",
    "path",
    "code",
    "required_for",
    "severities",
    "lead",
    "channel",
    "chat",
}
CODE_LINE = "# <script>pbx()</script> ```` <img src=x onerror=pbx()>\n"
MODELS = {spec.name: spec.model for spec in registry.ALL}


def _anchors(data: Path) -> set[str]:
    """Anchors the data links to (`page.md#anchor`): the titles they name must keep their slug."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in data_files(data))
    return set(re.findall(r"\.md#([\w-]+)", text))  # links, and the search's best bets


def poison(data: Path, draw) -> int:
    """Append a drawn hostile string to every free-text field; prefix every shell block. Returns how many."""
    anchors, count = _anchors(data), 0
    offset = draw(st.integers(0, 99))  # field i gets pool[(i + offset) % len]: every string is used
    for file in data_files(data):
        model = MODELS.get(file.name) or MODELS[file.parent.name]
        tree = read_tree(file)
        pool = ACCEPTED
        for path in list(text_fields(model, tree)):
            keys = {k for k in path if isinstance(k, str)}
            value = get(tree, path)
            named = path[:2] == ("postmortem", "sections") or path[0] == "chat_commands"  # matched by name
            if keys & NAMES or (named and path[-1] in ("heading", "name")):
                continue
            if path[-1] == "title" and any(a == slug(value) or a.endswith("-" + slug(value)) for a in anchors):
                # linked to; a numbered heading ("3. Response Time", "Step 5: Communicate") keeps the title's slug
                continue
            put(tree, path, f"{value} {pool[(count + offset) % len(pool)]}")
            count += 1
        for _, node in _dicts(tree):
            if node.get("kind") == "shell" and isinstance(node.get("code"), str):
                node["code"] = CODE_LINE + node["code"]
        write_tree(file, tree)
    return count


def _dicts(tree, path=()):
    if isinstance(tree, dict):
        yield path, tree
    items = tree.items() if isinstance(tree, dict) else enumerate(tree) if isinstance(tree, list) else ()
    for k, v in items:
        yield from _dicts(v, path + (k,))


class Markup(HTMLParser):
    """Elements and attributes that carry the marker `pbx` where a browser would act on it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bad: list = []
        self.script = False

    def handle_starttag(self, tag, attrs):
        types = [v for k, v in attrs if k == "type"]
        self.script = tag == "style" or (tag == "script" and types != ["application/json"])  # JSON is data
        for name, value in attrs:
            acting = name.startswith("on") or name in ("href", "src", "style", "action", "formaction", "srcdoc")
            if "pbx" in name or (acting and "pbx(" in (value or "")):  # a slug (#…-pbx) is only text
                self.bad.append((tag, name, value))
        if tag in ("img", "svg", "iframe", "object", "embed", "b", "i") and any("pbx(" in (v or "") for _, v in attrs):
            self.bad.append((tag, attrs))

    def handle_data(self, data):
        if self.script and "pbx" in data:
            self.bad.append(("script", data[:80]))

    def handle_endtag(self, tag):
        self.script = False


def markup_in(html: str) -> list:
    parser = Markup()
    parser.feed(html)
    return parser.bad


def json_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from json_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from json_strings(v)


@settings(max_examples=2, deadline=None, phases=[Phase.generate], suppress_health_check=list(HealthCheck))
@given(st.data())
def test_hostile_data_reaches_the_site_as_text(tmp_path_factory, data):
    root = copy_project(tmp_path_factory.mktemp("hostile"))
    count = poison(root / "data", data.draw)
    assert count > 500  # every free-text field but the few NAMES
    project = projects.at(root, None)
    cat = load_catalog(project=project)  # all accepted: LOAD006 lets these strings through
    assert cat.scenarios["database-down"].title.startswith("Database is Down ")
    ok, log = build_site(root / "site", project=project)
    assert ok, log
    site = root / "site"
    bad = {}
    for page in site.rglob("*.html"):
        found = markup_in(page.read_text(encoding="utf-8"))
        if found:
            bad[str(page.relative_to(site))] = found[:3]
    for file in [*site.rglob("*.json")]:
        for text in json_strings(json.loads(file.read_text(encoding="utf-8"))):
            found = markup_in(text)
            if found or re.search(r"<(script|img|svg)\b", text):
                bad.setdefault(str(file.relative_to(site)), []).append(text[:120])
    # The alert rules, the router, the escalation policy and the Grafana dashboard, from the same data.
    for file, text in alert_texts(cat).items():
        for line in text.splitlines():
            if re.search(r"<(script|img|svg|b|i)\b", line):
                bad.setdefault(file.name, []).append(line[:120])
    assert not bad, bad


def test_accepted_strings_are_accepted():
    for text in ACCEPTED:
        assert problems_in(text) == [], text


def test_the_refused_build_leaves_the_site_alone(tmp_path):
    root = copy_project(tmp_path / "p")
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("previous", encoding="utf-8")
    file = root / "data" / "scenarios" / "ai-service-down.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace("title: AI Service Down", "title: AI <b>Down</b>"))
    with pytest.raises(DataError) as info:
        build_site(root / "site", project=projects.at(root, None))
    assert [(p.rule, p.line) for p in info.value.problems] == [("LOAD006", 4)]
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "previous"
    shutil.rmtree(root)


def test_a_page_naming_an_unknown_procedure_is_located(tmp_path):
    """docs/rollback.md calls {{ procedure("rollback") }}: renaming the procedure once raised KeyError."""
    from playbook.errors import DataError
    from playbook.site.checking import check

    root = copy_project(tmp_path / "p")
    file = root / "data" / "procedures" / "rollback.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace("\nid: rollback\n", "\nid: rollback-plan\n"))
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
