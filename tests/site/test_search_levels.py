"""The severity levels' own words for the search (search_levels), from the real data: hand-checked."""

from __future__ import annotations

from playbook.site.search_levels import level_words

STOP = ["a", "an", "the", "in", "of", "is", "not", "within", "during", "for", "no"]


def test_each_level_ships_its_concept_its_name_and_its_own_word_pairs(catalog):
    got = level_words(catalog, STOP)
    levels = {lv[0]: lv for lv in got["levels"]}
    assert [lv[1] for lv in got["levels"]] == ["critical", "high", "medium", "low"]
    assert {"severity", "sev", "priority", "incident", "level"} <= set(got["near"])
    assert {"alert", "page"} <= set(got["near"])  # what carries a level (search.yaml carries_level)
    assert "slow query" in levels["sev-3"] and "business hour" in levels["sev-3"]
    assert "documentation issue" in levels["sev-4"] and "next sprint" not in levels["sev-4"]  # a concept's phrase
    pairs = {p for lv in got["levels"] for p in lv[2:]}
    assert "rate limit" not in pairs  # the vocabulary reads it (the rate-limit concept)
    assert not {"ai service", "service down", "auth failure"} & pairs  # a text naming a system with a runbook
    assert "issue affecting" not in pairs  # two levels say it, neither as a condition of its own
    # two levels say it, but SEV-2's condition is "Partial outage" itself; SEV-3's "below a partial outage" mentions it
    assert "partial outage" in levels["sev-2"][2:] and "partial outage" not in levels["sev-3"]


def test_the_declaring_step_that_says_each_levels_declaration_ships_with_its_pairs(catalog):
    """Hand-checked: incident.yaml's "Assess severity" step shows each level's `declare:` text (severities.yaml)."""
    got = level_words(catalog, STOP)["declared"]
    assert got[0] == "declare.html#step-2-assess-severity"
    assert {"page engineering", "engineering manager", "call team", "business hour"} <= set(got[1:])
    assert "handle during" not in got, "a stop word is no half of a pair"
