"""The query rewriter relies on the theme's private search protocol: the guard reads the installed theme, and a
doctored copy of it (a renumbered message, a stop-word list bundled differently) is rejected, naming the cause."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import material
import pytest

from conftest import ROOT
from playbook.adapters.mkdocs.search import message_numbers, protocol_problems

SCRIPTS = Path("templates/assets/javascripts")
REWRITER = (ROOT / "docs" / "assets" / "pb-search.js").read_text(encoding="utf-8")
THEME = Path(material.__file__).parent


def test_the_installed_theme_speaks_the_protocol_the_rewriter_uses():
    assert protocol_problems(REWRITER) == []
    # as the theme's own source names them (src/.../worker/message/index.ts), hand-checked
    assert message_numbers() == {"SETUP": 0, "READY": 1, "QUERY": 2, "RESULT": 3}
    assert re.search(r"\bQUERY = 2, RESULT = 3\b", REWRITER)


@pytest.fixture
def theme_copy(tmp_path: Path) -> Path:
    """A copy of the installed theme's scripts (bundle, search worker, their source maps), to doctor."""
    shutil.copytree(THEME / SCRIPTS, tmp_path / SCRIPTS, ignore=shutil.ignore_patterns("lunr"))
    return tmp_path


def _doctor(theme: Path, pattern: str, old: str, new: str) -> None:
    (path,) = (theme / SCRIPTS).glob(pattern)
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_unchanged_copy_passes(theme_copy):
    assert protocol_problems(REWRITER, str(theme_copy)) == []


def test_a_worker_that_answers_queries_under_another_number_is_rejected(theme_copy):
    _doctor(theme_copy, "workers/search*.min.js", "case 2:let", "case 5:let")
    problems = protocol_problems(REWRITER, str(theme_copy))
    assert problems == [
        "search worker message numbers: the theme's worker answers no query (type 2) with a result (type 3)"
    ]


def test_a_bundle_that_posts_queries_under_another_number_is_rejected(theme_copy):
    _doctor(theme_copy, "bundle*.min.js", ".next({type:2,data:", ".next({type:7,data:")
    problems = protocol_problems(REWRITER, str(theme_copy))
    assert problems == ["search worker message numbers: the theme's bundle posts no query as {type:2,data:…}"]


def test_a_renumbered_enum_is_named_against_the_rewriters_number(theme_copy):
    (source_map,) = (theme_copy / SCRIPTS).glob("bundle*.min.js.map")
    data = json.loads(source_map.read_text(encoding="utf-8"))
    data["sourcesContent"] = [(text or "").replace("  QUERY,", "  PING,\n  QUERY,") for text in data["sourcesContent"]]
    source_map.write_text(json.dumps(data), encoding="utf-8")
    problems = protocol_problems(REWRITER, str(theme_copy))
    assert "search worker message numbers: pb-search.js sends QUERY = 2, the theme's SearchMessageType.QUERY is 3" in (
        problems
    )
    assert any("RESULT = 3, the theme's SearchMessageType.RESULT is 4" in p for p in problems)


def test_a_worker_that_bundles_its_stop_words_otherwise_is_rejected(theme_copy):
    _doctor(theme_copy, "workers/search*.min.js", "stopWordFilter=t.generateStopWordFilter(", "stops=t.makeStops(")
    (problem,) = protocol_problems(REWRITER, str(theme_copy))
    assert problem.startswith("lunr stop words: no lunr stop-word list in")
    assert "_STOP_LIST" in problem


def test_a_rewriter_without_the_numbers_is_rejected():
    assert protocol_problems("var post = 1;") == [
        "search worker message numbers: pb-search.js declares no QUERY or RESULT number",
        "search worker message numbers: the theme's bundle posts no query as {type:None,data:…}",
        "search worker message numbers: the theme's bundle reads no result as type None",
        "search worker message numbers: the theme's worker answers no query (type None) with a result (type None)",
    ]


def test_the_fields_the_rewriter_leaves_to_lunr_are_the_indexs_own(site):
    """A query typed with a field ("title:escalation") is sent as typed; a word and a colon that name no field of the
    index ("refused:true", a JSON field) are rewritten: the fields the rewriter knows are those the built index has."""
    config = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    (named,) = re.findall(r"\(\?:([a-z|]+)\):\[a-z\]", REWRITER)
    assert set(named.split("|")) == set(config["fields"])
