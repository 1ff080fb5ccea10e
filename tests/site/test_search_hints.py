"""What the browser's search gets beside the index, from the data: concepts, best bets, durations, ladder, priors."""

from __future__ import annotations

import fnmatch
import json
from collections import defaultdict

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA_DIR
from playbook.site.search_hints import (
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


def raw(name: str):
    """A data file as pyyaml reads it: the expectations below never go through the playbook's loader."""
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))


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
    assert bets(catalog) == [(b["when"], b["find"]) for b in raw("catalog.yaml")["search"]["bets"]]
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


def level_on_ladder(lad: list[dict], typed: str, n: float) -> str | None:
    """The level the ladder gives `n` typed beside a signal's words, read as pb-search.js's level() reads it: the
    signal naming every typed word with the fewest others, then the first of its ranges (highest level first)
    holding n; a range is [low, low included, high or None, high included, heading words, address]."""
    said = set(typed.split())
    sig = min((s for s in lad if said <= set(s["words"])), key=lambda s: len(s["words"]))
    for low, low_in, high, high_in, _, find in sig["levels"]:
        if (n > low or (low_in and n == low)) and (high is None or n < high or (high_in and n == high)):
            return find
    return None


def level_in_data(signal: str, n: float) -> str | None:
    """The highest level of data/severities.yaml (listed highest first) with a condition on `signal` holding n, as
    the conditions read: `op value`, and `upto` an upper bound included ("> 20% and <= 50%")."""
    ops = {">": lambda a, b: a > b, ">=": lambda a, b: a >= b, "<": lambda a, b: a < b, "<=": lambda a, b: a <= b}
    for lv in raw("severities.yaml")["levels"]:
        for c in lv["conditions"]:
            if c["signal"] == signal and c["op"] in ops and ops[c["op"]](n, c["value"]) and n <= c.get("upto", n):
                return f"severities.html#{lv['id'].lower()}"
    return None


# Hand-checked against data/severities.yaml: (words typed, value, the level's address or None).
LADDER_EXAMPLES = [
    ("error rate", 35, "severities.html#sev-2"),  # SEV-2: error_rate > 20, upto: 50
    ("error rate", 50, "severities.html#sev-2"),  # upto 50 is included
    ("error rate", 50.5, "severities.html#sev-1"),  # SEV-1: error_rate > 50
    ("error rate", 20, "severities.html#sev-3"),  # SEV-3: error_rate > 5, upto: 20
    ("error rate", 5, None),  # "> 5": 5% is no incident
    ("users affected", 5, "severities.html#sev-2"),  # SEV-2: users_affected >= 5
    ("users affected", 4, "severities.html#sev-3"),  # SEV-3: users_affected < 5
    ("ai error rate", 85, "severities.html#sev-2"),  # SEV-2: ai_error_rate > 80 (AI service down)
    ("ai error rate", 80, None),
    ("p95 baseline", 2.5, "severities.html#sev-2"),  # SEV-2: p95_vs_baseline > 2
    ("audit logging down", 31, "severities.html#sev-1"),  # SEV-1: audit_logging_down > 30 (minutes)
    ("audit logging down", 30, None),
    ("query time", 600, "severities.html#sev-3"),  # SEV-3: avg_query_ms > 500
]


@pytest.mark.parametrize(("typed", "n", "want"), LADDER_EXAMPLES)
def test_a_number_beside_a_signal_names_its_level(catalog, typed, n, want):
    assert level_on_ladder(ladder(catalog, []), typed, n) == want


def test_the_ladder_agrees_with_the_severities_data_at_every_boundary(catalog):
    """Each numeric signal of severities.yaml, probed at every threshold of its conditions and half a unit either
    side (a signal's axis starts at 0), gives the ladder's level and the data's the same answer."""
    lad = ladder(catalog, ["of"])
    data = raw("severities.yaml")
    numeric = {s["id"]: s["name"] for s in data["signals"] if s["unit"] != "bool"}
    thresholds = defaultdict(set)
    for lv in data["levels"]:
        for c in lv["conditions"]:
            if c["signal"] in numeric:
                thresholds[c["signal"]] |= {c["value"], c.get("upto", c["value"])}
    assert set(thresholds) == set(numeric), "every numeric signal has a threshold"
    assert len(lad) == len(numeric)
    probed = 0
    for signal, values in thresholds.items():
        typed = " ".join(w for w in numeric[signal].lower().split() if w != "of")
        for n in sorted({max(0, v + d) for v in values for d in (-0.5, 0, 0.5)} | {0, 10_000}):
            assert level_on_ladder(lad, typed, n) == level_in_data(signal, n), (signal, n)
            probed += 1
    assert probed >= 30


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


def test_the_built_index_boosts_each_page_by_its_kind_in_the_data(site):
    """Every entry of a page carries one boost, set by the page's kind in catalog.yaml search.pages (the first
    glob that matches): answers above 1, mentions below, asides lower still; a page of no kind has none."""
    pages = raw("catalog.yaml")["search"]["pages"]

    def kind(built: str) -> str | None:
        src = built.removesuffix(".html") + ".md"
        return next((p["kind"] for p in pages if fnmatch.fnmatchcase(src, p["page"])), None)

    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    boosts = defaultdict(set)
    for doc in index["docs"]:
        boosts[doc["location"].partition("#")[0]].add(doc.get("boost"))
    by_kind = defaultdict(set)
    for page, got in boosts.items():
        assert len(got) == 1, (page, got)
        by_kind[kind(page)] |= got
    # hand-checked against catalog.yaml search.pages: scenarios/*.md and severities.md are answers, monitoring.md
    # a mention, rules.md an aside; tags.md and alerting.md are named nowhere
    assert [kind(p) for p in ("scenarios/database-down.html", "severities.html", "monitoring.html", "rules.html")] == [
        "answer",
        "answer",
        "mention",
        "aside",
    ]
    assert kind("tags.html") is kind("alerting.html") is None
    assert by_kind.keys() == {"answer", "mention", "aside", None}
    assert by_kind[None] == {None}
    (answer,), (mention,), (aside,) = by_kind["answer"], by_kind["mention"], by_kind["aside"]
    assert answer > 1 > mention > aside > 0
