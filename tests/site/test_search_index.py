"""An aside's sections are folded into its page's index entry as their titles; every other entry stays as it is."""

from __future__ import annotations

from playbook.site.search_index import fold_asides


def test_an_asides_sections_fold_into_its_page_entry():
    docs = [
        {"location": "rules.html", "title": "Checker Rules", "text": "<p>The rules.</p>", "boost": 0.2},
        {
            "location": "rules.html#ai001",
            "title": "AI001",
            "text": "<p>the kill switch agrees (error)</p>",
            "boost": 0.2,
        },
        {"location": "oncall.html", "title": "On-call", "text": "<p>Duty.</p>"},
        {"location": "oncall.html#escalation-path", "title": "Escalation", "text": "<p>Who next.</p>"},
    ]
    kinds = {"rules.html": "aside", "rules.html#ai001": "aside", "oncall.html": "answer"}
    got = fold_asides(docs, lambda location: kinds.get(location))
    assert [d["location"] for d in got] == ["rules.html", "oncall.html", "oncall.html#escalation-path"]
    # the section's title stays findable; its text ("kill switch") is no longer weighed on every first visit
    assert got[0]["text"] == "<p>The rules.</p> AI001"
    # near miss: the sections of an answer page keep their own entries, untouched
    assert got[2] == {"location": "oncall.html#escalation-path", "title": "Escalation", "text": "<p>Who next.</p>"}


def test_an_aside_section_without_its_page_entry_stays():
    docs = [{"location": "drills.html#run-1", "title": "Run 1", "text": "<p>ok</p>"}]
    assert fold_asides(docs, lambda location: "aside") == docs
