"""What the browser's search gets beside the index, from the data: concepts, bets, durations, ladder, rows, places,
priors."""

from __future__ import annotations

import fnmatch
import json
from collections import defaultdict

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA_DIR
from playbook.data.spelling import normal
from playbook.site.search_hints import (
    PRIOR,
    answer_words,
    bets,
    durations,
    indexed_text,
    ladder,
    page_kind,
    phrases,
    runbook_of,
    search_hints,
)
from playbook.site.search_words import inflected, near_words, one_typo, word_forms


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
    named = phrases(catalog)
    assert ["log", "in"] in named["auth"], "a phrase goes as its words"
    assert ["doe", "not", "respond"] in named["escalate"], "in its normal spelling: 'does not respond'"
    assert bets(catalog) == [(b["when"], b["find"]) for b in raw("search.yaml")["bets"]]
    assert all(c.why for c in catalog.search.concepts) and all(b.why for b in catalog.search.bets)


def test_the_hints_ship_each_concept_with_its_rank_answer_and_phrases(catalog):
    hints = search_hints(catalog, [], ["the"])
    data = {c["id"]: c for c in raw("search.yaml")["concepts"]}
    # [rank, answer (built), asks, hub, phrase…]
    assert hints["concepts"]["owner"][:4] == [data["owner"]["rank"], "matrix.html", "owner", 1]
    assert hints["concepts"]["database"][:4] == [data["database"]["rank"], "scenarios/database-down.html", "", 0]
    assert hints["concepts"]["verify"][:4] == [9, "", "", 0], "a modifier has no answer"
    assert "sev 1" in hints["concepts"]["sev-1"][4:], '"sev1" is normalised to "sev 1"'
    assert hints["bets"][0] == ["disable-ai.html#verify-ai-is-disabled", "ai", "ai-off", "verify"]


def test_a_duration_names_the_level_whose_time_it_is(catalog):
    got = {(d["when"], d["minutes"]): d["find"] for d in durations(catalog)}
    ack = {c.id for c in catalog.search.concepts if c.times == "ack"}
    assert ack, "a concept carries the acknowledge times"
    for lv in catalog.severities.levels:
        if lv.ack:
            n, unit = int(lv.ack[:-1]), lv.ack[-1]
            minutes = n * {"m": 1, "h": 60, "d": 1440}[unit]
            assert all(got[(c, minutes)] == f"severities.md#{lv.id.lower()}" for c in ack)
    escalation = {c.id for c in catalog.search.concepts if c.times == "escalation"}
    after = [e.after for e in catalog.oncall.escalation if e.after not in ("ack-sla", "0m")]
    assert after == ["2h"] and all(got[(c, 120)] == "oncall.md#escalation-path" for c in escalation)


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
    holding n; a range is [low, low included, high or None, high included, address]. The typed words are read
    in their normal spelling, as the browser reads them."""
    said = set(normal(typed.split()))
    sig = min((s for s in lad if said <= set(s["words"])), key=lambda s: len(s["words"]))
    if n > sig.get("most", n):
        return None
    for low, low_in, high, high_in, find in sig["levels"]:
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
    ("error rate", 429, None),  # a rate is at most 100%: "429" is a status code
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
    top = {s["id"]: 100 if s["unit"] == "%" else 10_000 for s in data["signals"]}  # a percentage is at most 100
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
        for n in sorted({max(0, v + d) for v in values for d in (-0.5, 0, 0.5)} | {0, top[signal]}):
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
    assert all(".md" not in b[0] and b[0].split("#")[0].endswith(".html") for b in hints["bets"])
    assert {c for b in hints["bets"] for c in b[1:]} <= set(hints["concepts"])
    assert hints["forms"]["escalate"] == ["escalating", "escalation"]
    assert "password" not in hints["forms"], "a plural is the normalisation's, no form ships for it"
    json.dumps(hints)  # what the page embeds


@pytest.mark.parametrize(
    ("word", "family", "want"),
    [
        ("escalate", {"escalate", "escalated", "escalation", "escalating"}, ["escalating", "escalation"]),
        ("severity", {"severity", "several"}, []),  # Porter's stemmer conflates them; no form of each other
        ("documentation", {"documentation", "document"}, []),  # an ending of 5 letters is another word
        ("check", {"check", "checked", "checking"}, []),  # endings the browser reads without a list
    ],
)
def test_word_forms_are_endings_of_three_letters_the_browser_cannot_read_itself(word, family, want):
    assert word_forms(word, family) == want


def test_inflected_is_what_the_browser_reads_without_a_list():
    assert inflected("stopped", "stop") and inflected("checks", "check") and inflected("saved", "save")
    assert not inflected("author", "auth"), "an ending that is no inflection: no sign-in for an author"
    assert not inflected("ai", "ai") and not inflected("logging", "lo")


def test_page_kinds_come_from_the_data(catalog):
    assert page_kind(catalog, "scenarios/database-down.html") == "answer"
    assert page_kind(catalog, "monitoring.html") == "mention"
    assert page_kind(catalog, "tags.html") is None
    # the hubs: the levels, the matrix, the escalation rule (a #section pattern ranks that section alone)
    assert page_kind(catalog, "severities.html#sev-1") == page_kind(catalog, "matrix.html") == "hub"
    assert page_kind(catalog, "oncall.html#escalation-path") == "hub"
    assert page_kind(catalog, "oncall.html#primary-on-call-engineer") == page_kind(catalog, "oncall.html") == "answer"


def test_an_aside_keeps_its_first_paragraph_only():
    text = "<p>every bet's answer exists (error)</p> <p>Why: a dead link. Fix: point it at a page.</p>"
    assert indexed_text("aside", text) == "<p>every bet's answer exists (error)</p>"
    assert indexed_text("answer", text) == text
    assert indexed_text("aside", "<ul> <li>no paragraph first</li> </ul>") == "no paragraph first"
    # a list or a table first: its first 30 words, as text (no tag left open)
    table = "<ul><li>" + " ".join(f"w{n}" for n in range(40)) + "</li></ul>"
    assert indexed_text("aside", table) == " ".join(f"w{n}" for n in range(30)) + " …"


def test_a_mention_keeps_its_prose_without_its_code_blocks():
    example = "<pre><code>$ playbook classify\nSeverity: SEV-1</code></pre>"
    text = f"<p>Give the signals.</p> {example} <p>The highest wins.</p>"
    assert indexed_text("mention", text) == "<p>Give the signals.</p> <p>The highest wins.</p>"
    assert indexed_text("hub", text) == indexed_text(None, text) == text


def test_the_built_index_boosts_each_entry_by_its_kind_in_the_data(site):
    """Every entry carries the boost of its kind in search.yaml pages (the first pattern that matches its page,
    or its page#section): answers above hubs, hubs above mentions, asides lowest; an entry of no kind has none.
    An aside keeps its first paragraph only."""
    pages = raw("search.yaml")["pages"]

    def kind(location: str) -> str | None:
        page, _, section = location.partition("#")
        src = page.removesuffix(".html") + ".md"
        for p in pages:
            want, _, part = p["page"].partition("#")
            if fnmatch.fnmatchcase(src, want) and part in ("", section):
                return p["kind"]
        return None

    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    by_kind = defaultdict(set)
    for doc in index["docs"]:
        by_kind[kind(doc["location"])].add(doc.get("boost"))
        if kind(doc["location"]) == "aside":
            assert doc["text"].count("<p>") <= 1, doc["location"]
    # hand-checked against search.yaml pages: scenarios are answers, the levels and the escalation rule hubs,
    # monitoring.md a mention, rules.md an aside; tags.md and alerting.md are named nowhere
    assert [
        kind(p) for p in ("scenarios/database-down.html", "severities.html#sev-2", "oncall.html#escalation-path")
    ] == [
        "answer",
        "hub",
        "hub",
    ]
    assert [kind(p) for p in ("oncall.html", "monitoring.html", "rules.html")] == ["answer", "mention", "aside"]
    assert kind("tags.html") is kind("alerting.html") is None
    assert kind("decisions.html#d-ladder") == "record"
    assert by_kind.keys() == {"answer", "hub", "mention", "record", "aside", None}
    assert by_kind[None] == {None}
    (answer,), (hub,), (mention,), (record,), (aside,) = (
        by_kind[k] for k in ("answer", "hub", "mention", "record", "aside")
    )
    assert answer > hub >= 1 > mention > record > aside > 0
    assert (answer, hub, mention, record, aside) == tuple(
        PRIOR[k] for k in ("answer", "hub", "mention", "record", "aside")
    )
