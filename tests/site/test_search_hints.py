"""What the browser's search gets beside the index, from the data: thesaurus, ladder, page priors."""

from __future__ import annotations

import json
import math

from playbook.data.ladder import interval
from playbook.site.search_hints import PRIOR, answer_words, ladder, page_kind, search_hints, thesaurus


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


def test_the_thesaurus_is_the_datas(catalog):
    got = thesaurus(catalog)
    assert got == [(list(t.terms), t.find) for t in catalog.data.search.thesaurus]
    assert all(t.why for t in catalog.data.search.thesaurus)


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


def test_hints_name_built_pages_and_ship_word_forms(catalog):
    hints = search_hints(catalog, [], ["the"])
    assert all(".md" not in s["find"] and s["find"].split("#")[0].endswith(".html") for s in hints["thesaurus"])
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
