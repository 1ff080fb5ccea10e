"""REF002: a jq path reading the metrics endpoint's JSON indexes a metric by its whole name. Typed with dots
(`.metrics.counters.ai.generate_note.error`) jq reads nested keys that no metric has and prints null: an error at
its line, naming the bracketed form. A metric whose name is one word may be read with a dot."""

from __future__ import annotations

from conftest import edit, line_of
from playbook.checks.metric_reads import dotted_reads
from playbook.data.load import load_catalog
from playbook.site.checking import check

AI = "scenarios/ai-service-down.yaml"
READ = """jq '.metrics.counters[\\"ai.generate_note.error\\"]'"""


def test_a_dotted_metric_name_is_found_at_its_line(data_copy):
    new = "jq '.metrics.counters.ai.generate_note.error'"
    edit(data_copy / AI, READ, new)
    found = check(load_catalog(data_copy), ["REF002"])
    assert [(p.file, p.line) for p in found] == [(f"data/{AI}", line_of(data_copy / AI, new))], found
    assert "'ai.generate_note.error' is one key" in found[0].message
    assert '.metrics.counters["ai.generate_note.error"]' in found[0].hint


def test_a_key_that_names_a_metric_passes_and_the_name_meant_is_found():
    known = {"uptime", "ai.generate_note.error"}.__contains__
    assert dotted_reads("jq '.metrics.counters.uptime, .metrics.series[\"ai.generate_note.error\"]'", known) == []
    (read,) = dotted_reads("jq '.metrics.histograms.ai.generate_note.error | .count'", known)
    assert (read.section, read.keys) == ("histograms", ("ai", "generate_note", "error"))
    assert read.meant == "ai.generate_note.error"  # the bracketed name the hint gives


def test_the_real_data_passes(catalog):
    assert check(catalog, ["REF002"]) == []
