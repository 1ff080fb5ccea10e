"""Recorded drill results carry a fingerprint of what each drill ran: a change to that data makes them stale."""

from __future__ import annotations

import re

from conftest import edit
from playbook.data.load import load_catalog
from playbook.drill.results import fingerprint, load_results, stale_results

RERUN = "; run: playbook drill --all --record"
# database-down and its two variants follow the rollback procedure; ai-service-down follows disable-ai
# (data/scenarios/*.yaml, `follow:`); the other two scenarios follow none.
DATABASE_DOWN = ["database-down", "database-down / backup-corrupt", "database-down / rows-after-backup"]


def _named(lines: list[str]) -> list[str]:
    """The drill each stale line names."""
    return [re.match(r"data/drill_results\.yaml: drill (.+?): ", line).group(1) for line in lines]


def test_every_recorded_result_has_the_fingerprint_of_the_data(catalog):
    results = load_results(catalog.project.data)
    assert results is not None and len(results.results) == 7
    for r in results.results:
        assert re.fullmatch(r"sha256:[0-9a-f]{64}", r.fingerprint), r.scenario
    assert stale_results(catalog) == []


def test_a_followed_procedure_changed_makes_its_scenarios_drills_stale(data_copy):
    edit(data_copy / "procedures" / "rollback.yaml", "- title: Roll back the deployment", "- title: Roll back")
    lines = stale_results(load_catalog(data_copy))
    assert _named(lines) == DATABASE_DOWN
    assert all(
        line.endswith("the data this drill runs changed since its result was recorded" + RERUN) for line in lines
    )


def test_a_fault_changed_makes_only_that_drill_stale(data_copy):
    text = (data_copy / "scenarios" / "auth-failure-spike.yaml").read_text(encoding="utf-8")
    attempts = re.search(r"attempts: (\d+)", text).group(1)
    edit(data_copy / "scenarios" / "auth-failure-spike.yaml", f"attempts: {attempts}", f"attempts: {int(attempts) + 1}")
    assert _named(stale_results(load_catalog(data_copy))) == ["auth-failure-spike"]


def test_what_a_drill_does_not_read_leaves_it_current(data_copy):
    before = load_catalog(data_copy)
    prints = {sid: fingerprint(before, sid) for sid in before.scenarios}
    edit(data_copy / "scenarios" / "database-down.yaml", "title: Database is Down", "title: Database Down")
    for f in (data_copy / "severities.yaml", data_copy / "scenarios" / "database-down.yaml"):
        f.write_text("# a comment line moves every line below it\n" + f.read_text(encoding="utf-8"), encoding="utf-8")
    after = load_catalog(data_copy)
    assert after.scenarios["database-down"].title != before.scenarios["database-down"].title
    assert {sid: fingerprint(after, sid) for sid in after.scenarios} == prints
    assert stale_results(after) == []


def test_missing_gone_and_unfingerprinted_results_are_stale(data_copy):
    path = data_copy / "drill_results.yaml"
    text = path.read_text(encoding="utf-8")
    first = text.index("- scenario: auth-failure-spike")
    end = text.index("- scenario: write-operations-failing")
    text = text[:first] + text[end:]  # auth-failure-spike's result is gone
    # write-operations-failing's result (the one before ai-service-down's) was recorded before fingerprints
    text = re.sub(r"\n  fingerprint: \S+(?=\n  seal: [^\n]*\n- scenario: ai-service-down)", "", text)
    text = text.replace("- scenario: ai-service-down", "- scenario: ai-service-down\n  variant: retired", 1)
    path.write_text(text, encoding="utf-8")
    lines = stale_results(load_catalog(data_copy))
    assert lines == [
        "data/drill_results.yaml: drill auth-failure-spike: no result recorded" + RERUN,
        "data/drill_results.yaml: drill write-operations-failing: recorded without a fingerprint of what it ran"
        + RERUN,
        "data/drill_results.yaml: drill ai-service-down: no result recorded" + RERUN,
        "data/drill_results.yaml: drill ai-service-down / retired: recorded, but the data has no such drill any more"
        + RERUN,
    ]


def test_no_results_recorded_is_nothing_to_verify(data_copy):
    (data_copy / "drill_results.yaml").unlink()
    assert stale_results(load_catalog(data_copy)) == []
