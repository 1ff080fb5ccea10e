"""Search words: lunr's stop words come from the theme; the build's stemmer is lunr's, word for word."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from playbook.adapters.mkdocs.search import query_stop_words, stop_words
from playbook.data.spelling import words
from playbook.site.search_hints import HINTS_JS
from playbook.site.search_words import families, initialisms, stem, stop_forms

# A few of the stop words lunr's stopWordFilter is documented to drop, and words it keeps.
LUNR_STOP = ["a", "in", "to", "the", "who", "not", "on", "is", "i"]
CONTENT = ["page", "logs", "escalate", "cto", "database"]


def test_stop_words_are_lunrs_read_from_the_installed_theme():
    stop = stop_words()
    assert set(LUNR_STOP) <= set(stop)
    assert not set(CONTENT) & set(stop)
    assert all(w == w.lower() and w.isalpha() for w in stop)


def test_a_theme_without_the_list_is_a_clear_error(tmp_path):
    workers = tmp_path / "templates" / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / "search.0.min.js").write_text("var lunr = {};", encoding="utf-8")
    with pytest.raises(RuntimeError, match="no lunr stop-word list.*_STOP_LIST"):
        stop_words(str(tmp_path))


class _Plugin:
    def __init__(self, pipeline):
        self.config = {"pipeline": pipeline}


@pytest.mark.parametrize(
    ("pipeline", "dropped"),
    [
        (["stopWordFilter"], True),
        (["trimmer", "stopWordFilter"], True),
        (None, True),
        (["trimmer"], False),
        ([], False),
    ],
)
def test_queries_lose_stop_words_only_when_the_index_drops_them(pipeline, dropped):
    got = query_stop_words({"material/search": _Plugin(pipeline)})
    assert (got == list(stop_words())) if dropped else (got == [])


@pytest.mark.parametrize(
    "family",
    [
        ["escalation", "escalate", "escalated", "escalating", "escalates"],
        ["error", "errors"],
        ["fail", "failed", "failing", "fails"],
        ["failure", "failures"],
        ["corrupt", "corrupted", "corruption"],
        ["lock", "locked", "locking"],
        ["validate", "validation", "validated"],
        ["note", "notes"],
        ["query", "queries"],
        ["retry", "retries", "retried"],
        ["deploy", "deployed", "deployment"],
        ["password", "passwords"],
    ],
)
def test_forms_of_one_word_share_a_stem(family):
    assert len({stem(w) for w in family}) == 1, {w: stem(w) for w in family}


@pytest.mark.parametrize(
    ("a", "b"), [("information", "in"), ("page", "pager"), ("log", "login"), ("user", "use"), ("notes", "not")]
)
def test_different_words_keep_different_stems(a, b):
    assert stem(a) != stem(b)


def test_the_old_stemmers_mistakes_are_gone():
    assert stem("notes") == "note" and stem("access") == "access" and stem("deployment") == stem("deploy")


def test_words_are_lower_case_and_skip_stop_words():
    assert words("Escalate to the CTO; can't sign-in", stop_words()) == ["escalate", "cto", "can't", "sign"]


def test_the_ing_forms_of_stop_words_are_words_of_their_own():
    """Hand-written: "being" is no typo of "bring", "getting" no typo of "setting"; a content word has none."""
    forms = stop_forms(["be", "do", "have", "get", "say"])
    assert {"being", "doing", "having", "getting", "saying"} <= forms
    assert "haveing" not in forms
    assert not stop_forms(["s", "3"])  # no form of a letter or a number


def test_families_group_by_stem():
    assert families(["deploy", "deployment", "notes", "note", "not"]) == {
        "deploy": {"deploy", "deployment"},
        "note": {"notes", "note"},
        "not": {"not"},
    }


_LUNR_STEMS = """
const lunr = require(process.argv[1]);
const words = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(words.map(w => lunr.stemmer(new lunr.Token(w)).toString())));
"""


def _index_vocabulary(site: Path) -> list[str]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(f"{d['title']} {d['text']}" for d in index["docs"])
    return sorted(set(re.findall(r"[a-z]+", re.sub(r"<[^>]+>", " ", text).lower())))


def test_stem_is_lunrs_stemmer_over_the_whole_vocabulary(site):
    """The browser stems the index and the query with lunr.js (node_modules/lunr, the version the theme
    bundles); the build's `stem` must give the very same stem for every word the index holds."""
    vocab = _index_vocabulary(site) + ["deployment", "passwords", "lockout", "readiness", "why", "try", "days"]
    lunr = str(Path("node_modules/lunr").resolve())
    proc = subprocess.run(
        ["node", "-e", _LUNR_STEMS, lunr], input=json.dumps(vocab), capture_output=True, text=True, check=True
    )
    theirs = json.loads(proc.stdout)
    assert len(vocab) > 1000
    assert [(w, stem(w)) for w in vocab] == list(zip(vocab, theirs, strict=True))


def test_the_theme_bundles_the_lunr_the_test_compares_with():
    import material

    worker = next((Path(material.__file__).parent / "templates/assets/javascripts/workers").glob("search*.js"))
    bundled = re.search(r'version="(\d+\.\d+\.\d+)"', worker.read_text(encoding="utf-8"))
    ours = json.loads(Path("node_modules/lunr/package.json").read_text(encoding="utf-8"))["version"]
    assert bundled and bundled.group(1) == ours


def test_built_site_stems_both_sides_and_ships_its_stems(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "stemmer" in index["config"]["pipeline"], "the index is stemmed by lunr"
    html = (site / "oncall.html").read_text(encoding="utf-8")
    assert "pb-forms" not in html, "no hidden word-forms text on the pages"
    assert 'src="assets/pb-search-hints.js"' in html
    hints_js = (site / HINTS_JS).read_text(encoding="utf-8")
    hints = json.loads(hints_js.removeprefix("window.pbSearchHints=").rstrip(";\n"))
    assert hints["stopwords"] == list(stop_words())
    assert not (site / "assets" / "pb-stems.js").exists(), "no stems shipped: the typed words go unstemmed"


def test_rate_initialisms_come_from_the_dashboard_and_metric_help(catalog):
    got = initialisms(catalog, set())
    assert got["rps"] == "requests per second"  # dashboard.yaml: "Total requests per second"
    assert all(len(k) == 3 and v.split()[1] == "per" for k, v in got.items())
    assert "rps" not in initialisms(catalog, {"rps"}), "an initialism that is a word of the data is no short form"
