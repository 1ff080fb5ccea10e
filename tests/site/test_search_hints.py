"""What the browser's search gets beside the index, from the data: concepts, best bets, durations, ladder, priors."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playbook.data.ladder import interval
from playbook.site.search_hints import (
    PRIOR,
    answer_words,
    bets,
    concepts,
    durations,
    ladder,
    near_words,
    one_typo,
    page_kind,
    runbook_of,
    search_hints,
)


def test_answer_words_are_the_answers_heading_words(catalog):
    assert answer_words(catalog, "severities.md#sev-1", {}) == ["sev", "critical"]
    assert answer_words(catalog, "monitoring.md#3-response-time", {}) == ["response", "time"]
    assert answer_words(catalog, "oncall.md#escalation-path", {}) == ["escalation", "path"]
    sc = catalog.scenarios["database-down"]
    assert answer_words(catalog, "scenarios/database-down.md", {}) == [w.lower() for w in sc.title.split()]
    assert answer_words(catalog, "postmortem.md", {"postmortem.md": "Post-Mortem Template"}) == [
        "post",
        "mortem",
        "template",
    ]


def test_concepts_and_bets_are_the_datas(catalog):
    named = concepts(catalog)
    assert named["ai-off"][named["ai-off"].index(["kill", "switch"])] == ["kill", "switch"]
    assert ["log", "in"] in named["auth"], "a phrase goes as its words"
    assert bets(catalog) == [(list(b.when), b.find) for b in catalog.data.search.bets]
    assert all(c.why for c in catalog.data.search.concepts) and all(b.why for b in catalog.data.search.bets)


def test_a_duration_names_the_level_whose_time_it_is(catalog):
    got = {(d["when"], d["minutes"]): d["find"] for d in durations(catalog)}
    ack = {c.id for c in catalog.data.search.concepts if c.times == "ack"}
    assert ack, "a concept carries the acknowledge times"
    for lv in catalog.severities.levels:
        if lv.ack:
            n, unit = int(lv.ack[:-1]), lv.ack[-1]
            minutes = n * {"m": 1, "h": 60, "d": 1440}[unit]
            assert all(got[(c, minutes)] == f"severities.html#{lv.id.lower()}" for c in ack)
    escalation = {c.id for c in catalog.data.search.concepts if c.times == "escalation"}
    after = [e.after for e in catalog.oncall.escalation if e.after not in ("ack-sla", "0m")]
    assert after == ["2h"] and all(got[(c, 120)] == "oncall.html#escalation-path" for c in escalation)


@pytest.mark.parametrize(
    ("a", "b", "want"),
    [
        ("latancy", "latency", True),  # changed
        ("dashbord", "dashboard", True),  # dropped
        ("onwer", "owner", True),  # swapped
        ("passsword", "password", True),  # added
        ("owner", "owner", False),  # no typo at all
        ("ownre", "owner", True),
        ("lantecy", "latency", False),  # two
        ("latency", "lat", False),
    ],
)
def test_one_typo(a, b, want):
    assert one_typo(a, b) is want
    assert one_typo(b, a) is want


@settings(max_examples=200)
@given(st.text(alphabet="abcdefgh", min_size=2, max_size=8), st.integers(0, 7), st.sampled_from("abcdefghxyz"))
def test_one_typo_is_one_edit(word, at, letter):
    at = at % len(word)
    changed = word[:at] + letter + word[at + 1 :]
    assert one_typo(word, changed) is (changed != word)
    assert one_typo(word, word[:at] + word[at + 1 :])
    assert one_typo(word, word[:at] + letter + word[at:])


def test_near_words_are_real_words_one_typo_from_a_concept_word():
    got = near_words({"wording", "working", "words", "latency", "work"}, {"wording", "latency", "latencies"})
    assert got == ["working"], "a concept word itself, a form of it and a short word are no typos"


def test_the_ladder_covers_every_numeric_condition(catalog):
    lad = ladder(catalog, [])
    numeric = [(c, lv) for lv in catalog.severities.levels for c in lv.conditions if isinstance(c.value, float | int)]
    numeric = [(c, lv) for c, lv in numeric if not isinstance(c.value, bool)]
    shipped = [lvl for sig in lad for lvl in sig["levels"]]
    assert len(shipped) == len(numeric)
    for c, lv in numeric:
        iv = interval(c)
        hi = None if math.isinf(iv.high) else iv.high
        assert [
            iv.low,
            iv.low_closed,
            hi,
            iv.high_closed,
            ["sev", lv.name.lower()],
            f"severities.html#{lv.id.lower()}",
        ] in shipped


def test_a_signal_that_is_a_runbooks_symptom_names_that_runbook(catalog):
    assert runbook_of(catalog, "ai.generate_note.error") == "scenarios/ai-service-down.html"  # symptom ai.*.error
    assert runbook_of(catalog, "http.requests.error_rate") is None  # every runbook's, so none's
    assert runbook_of(catalog, None) is None
    lad = {tuple(s["words"]): s["runbook"] for s in ladder(catalog, [])}
    assert sorted(r for r in lad.values() if r) == ["scenarios/ai-service-down.html"]


def test_hints_name_built_pages_and_ship_word_forms(catalog):
    hints = search_hints(catalog, [], ["the"])
    assert all(".md" not in s["find"] and s["find"].split("#")[0].endswith(".html") for s in hints["bets"])
    assert {c for b in hints["bets"] for c in b["when"]} <= set(hints["concepts"])
    assert "passwords" in hints["forms"].get("password", []) or "password" in hints["forms"].get("passwords", [])
    json.dumps(hints)  # what the page embeds


def test_page_kinds_come_from_the_data(catalog):
    assert page_kind(catalog, "scenarios/database-down.html") == "answer"
    assert page_kind(catalog, "monitoring.html") == "mention"
    assert page_kind(catalog, "tags.html") is None


def test_the_built_index_carries_the_priors(site, catalog):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        kind = page_kind(catalog, doc["location"].partition("#")[0])
        assert doc.get("boost") == PRIOR.get(kind), doc["location"]
    assert PRIOR["answer"] > 1 > PRIOR["mention"]
