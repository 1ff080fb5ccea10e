"""Search words: lunr's stop words come from the theme, and each section is indexed with the data's other
forms of its heading and search-term words, in a hidden line that changes nothing else of the page."""

from __future__ import annotations

import json
import re

import pytest

from playbook.adapters.mkdocs.search import query_stop_words, stop_words
from playbook.site.search_words import FORMS_CLASS, WordForms, stem, with_word_forms, words

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
        ["fail", "failed", "failing", "failure", "failures"],
        ["corrupt", "corrupted", "corruption"],
        ["lock", "locked", "locking"],
        ["validate", "validation", "validated"],
        ["note", "notes"],
        ["query", "queries"],
        ["retry", "retries", "retried"],
    ],
)
def test_forms_of_one_word_share_a_stem(family):
    assert len({stem(w) for w in family}) == 1, {w: stem(w) for w in family}


@pytest.mark.parametrize(("a", "b"), [("information", "in"), ("page", "pager"), ("log", "login"), ("user", "use")])
def test_different_words_keep_different_stems(a, b):
    assert stem(a) != stem(b)


def test_words_split_like_the_search_and_skip_stop_words():
    assert words("Escalate to the CTO; requestId", stop_words()) == ["escalate", "cto", "request"]


def test_forms_are_the_datas_words_a_prefix_search_would_miss():
    wf = WordForms(["escalate", "escalation", "error", "errors", "log", "logs", "login", "the"], stop_words())
    assert wf.forms(["escalation"]) == ["escalate"]  # "escalate*" does not reach "escalation"
    assert wf.forms(["errors"]) == []  # "error*" already reaches "errors"
    assert wf.forms(["error"]) == ["errors"]
    assert wf.forms(["log"]) == ["logs"]  # not "login": another word
    assert wf.forms(["path"]) == []  # no other form in the data


PAGE = """# On-Call

<p class="pb-keywords" hidden>Search terms: pager, errors</p>

Text.

## Escalation Path { #escalation-path }

| Level | Who |
| --- | --- |

### Commands

```bash
# escalation comment, not a heading
echo hi
```

!!! note "Boxed"

    Indented text.
"""


def test_each_section_gets_its_forms_in_a_hidden_line_at_its_end():
    wf = WordForms(
        ["escalate", "escalation", "pagers", "pager", "error", "errors", "command", "commands"], stop_words()
    )
    out = with_word_forms(PAGE, wf)
    hidden = re.findall(rf'<p class="{FORMS_CLASS}" hidden>(.*?)</p>', out)
    # the page's own section: "pagers" for its search term "pager"; "errors" reaches "error" already
    # the escalation section: "escalate"; "Commands" has "command" (a prefix of it), and the comment
    # inside the fence is code, not a heading
    assert hidden == ["pagers", "escalate"]
    assert out.index("pagers") < out.index("## Escalation Path") < out.index("escalate") < out.index("### Commands")
    # nothing else changed: without the hidden lines, the page is as it was
    stripped = re.sub(rf'\n*<p class="{FORMS_CLASS}" hidden>.*?</p>\n*', "\n\n", out)
    assert re.sub(r"\n+", "\n", stripped) == re.sub(r"\n+", "\n", PAGE)


def test_a_page_without_other_forms_is_left_byte_for_byte():
    assert with_word_forms(PAGE, WordForms([], stop_words())) == PAGE


def test_the_data_vocabulary_gives_the_escalation_section_its_verb(catalog):
    """oncall.yaml says "Escalate to specialists": so the "Escalation Path" section answers "escalate"."""
    data_says = any(re.search(r"\bescalate\b", r.text, re.I) for r in catalog.oncall.responsibilities)
    wf = WordForms.of_catalog(catalog, stop_words())
    assert data_says == ("escalate" in wf.forms(words("Escalation Path", wf.stop)))
    assert data_says, "the real data says it; this test guards the mechanism with it"


def test_built_site_indexes_the_forms_and_hands_the_stop_words_to_the_page(site, catalog):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = {d["location"]: d for d in index["docs"]}
    wf = WordForms.of_catalog(catalog, stop_words())
    want = wf.forms(words(docs["oncall.html#escalation-path"]["title"], wf.stop))
    assert "escalate" in want
    assert " ".join(want) in docs["oncall.html#escalation-path"]["text"]
    html = (site / "oncall.html").read_text(encoding="utf-8")
    assert f'<p class="{FORMS_CLASS}" hidden>{" ".join(want)}</p>' in html
    config = re.search(r'<script type="application/json" id="pb-search">(.*?)</script>', html, re.S)
    assert config and json.loads(config.group(1)) == {"stopwords": list(stop_words())}
