"""DEC002: a value a seed decision fixed is the value it recorded, until `playbook revisit` records it again.

Every kind of value a decision fixes (a threshold, a cadence, a duration, a path, the refused response, a
parameter, a business hour) changed by an edit is found at that value's line; any one of them changed in the
models is found at its own place and nowhere else (hypothesis); `generate` never records; `revisit` does."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA_DIR, copy_project, edit
from playbook.checks.engine import run_checks
from playbook.cli.main import main
from playbook.data.decided import lock
from playbook.data.load import load_catalog
from playbook.errors import dotted

S, C = "scenarios/", "procedures/"

# (file, old, new, marker): a value some decision fixed, changed; DEC002 must point at the marker's line.
CHANGES = [
    ("severities.yaml", "value: 80, wording: AI service down", "value: 50, wording: AI service down", None),  # M47
    ("severities.yaml", "    update_every: 30m\n", "    update_every: 20m\n", "update_every: 20m"),
    ("severities.yaml", "value: 5, upto: 20, wording: Elevated", "value: 5, upto: 25, wording: Elevated", None),
    ("oncall.yaml", "    after: 2h\n", "    after: 3h\n", "after: 3h"),
    ("oncall.yaml", '  start: "09:00"\n', '  start: "08:00"\n', '"08:00"'),
    ("catalog.yaml", "path: /api/health/liveness,", "path: /api/health/live,", None),
    ("catalog.yaml", "reasoning: AI temporarily disabled}", "reasoning: AI is off}", None),
    ("catalog.yaml", "{id: AI, requests: TBD,", "{id: AI, requests: 20,", None),
    ("alerts.yaml", "  group_wait: 30s\n", "  group_wait: 2m\n", "group_wait: 2m"),
    ("meta.yaml", "    default: user_456\n", "    default: usr-456\n", "usr-456"),
    ("incident.yaml", "public_holidays: {country: US,", "public_holidays: {country: GB,", None),
    ("incident.yaml", "due_business_days: 3", "due_business_days: 5", None),  # set 15's M37, cites D-business-hours
    (S + "ai-service-down.yaml", "  wait_limit: 1h\n", "  wait_limit: 2h\n", "wait_limit: 2h"),
    (C + "disable-ai.yaml", "target: 2m\n", "target: 5m\n", "target: 5m"),
]


def _lines(path, marker: str) -> set[int]:
    return {n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if marker in line}


@pytest.mark.parametrize(("file", "old", "new", "marker"), CHANGES, ids=[f"{c[0]}:{c[2].strip()}" for c in CHANGES])
def test_a_decided_value_changed_is_an_error_at_its_line(data_copy, catalog, file, old, new, marker):
    assert run_checks(catalog, ["DEC002"]) == []  # the real data passes
    edit(data_copy / file, old, new)
    found = run_checks(load_catalog(data_copy), ["DEC002"])
    assert [(p.file, p.level) for p in found] == [(f"data/{file}", "error")], [p.format() for p in found]
    assert found[0].line in _lines(data_copy / file, marker or new.strip()), found[0].format()
    assert "revisit" in found[0].hint


def test_the_decision_quotes_the_value_it_fixed_from_the_data(data_copy, catalog):
    """One source: the decision's text renders the threshold from severities.yaml, so it follows the edit (and the
    lock, not the text, says that the decision was not revisited)."""
    (ai,) = [d for d in catalog.decisions.decisions if d.id == "D-ai-down"]
    assert "an AI error rate > 80%." in ai.decision
    text = (data_copy / "decisions.yaml").read_text(encoding="utf-8").split("  - id: D-ai-down\n")[1]
    written = next(line for line in text.splitlines() if line.startswith("    decision: "))
    assert "80" not in written and "condition('SEV-2', 'ai_error_rate')" in written  # not typed again
    edit(data_copy / "severities.yaml", "value: 80, wording: AI service down", "value: 90, wording: AI service down")
    (ai,) = [d for d in load_catalog(data_copy).decisions.decisions if d.id == "D-ai-down"]
    assert "an AI error rate > 90%." in ai.decision


def _line_in(path, after: str, starts: str) -> int:
    """The line of the first line starting with `starts` after the line `after`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n in range(lines.index(after), len(lines)) if lines[n].startswith(starts)) + 1


def test_a_citation_a_fixes_name_and_a_recorded_value_that_go_missing(data_copy):
    dec = data_copy / "decisions.yaml"
    # a decision that fixes a field no citing item has (a typo), and an item citing one that fixes none of its
    edit(dec, "    fixes: [path]\n    fingerprint:", "    fixes: [path, paht]\n    fingerprint:")
    edit(data_copy / "catalog.yaml", "category: auth, help: Email", "category: auth, decision: D-jsonl, help: Email")
    # one of its two citations removed: the value it fixed is gone, found at the decision's fingerprint
    edit(data_copy / "catalog.yaml", '503 when the database is unreachable", decision: D-health-path}', '503"}')
    # its only citation removed: the decision fixes nothing, found at its id
    edit(data_copy / "meta.yaml", "    default: https://app.dramal.com\n    decision: D-base-url\n", "    default: x\n")
    found = {(p.file, p.line) for p in run_checks(load_catalog(data_copy), ["DEC002"])}
    assert found == {
        ("data/decisions.yaml", min(_lines(dec, "fixes: [path, paht]"))),
        ("data/catalog.yaml", min(_lines(data_copy / "catalog.yaml", "decision: D-jsonl, help: Email"))),
        ("data/decisions.yaml", _line_in(dec, "  - id: D-health-path", "    fingerprint:")),
        ("data/decisions.yaml", _line_in(dec, "  - id: D-base-url", "  - id: D-base-url")),
    }


@pytest.mark.parametrize(
    ("old", "new", "meant"),
    [
        ("    fixes: [params.wait_limit]\n", "    fixes: [params.wait_limt]\n", "params.wait_limit"),  # a key
        ("    fixes: [update_every]\n    fingerprint: ", "    fixes: [update_evry]\n    fingerprint: ", "update_every"),
    ],
)
def test_a_fixes_name_misspelt_is_one_finding_at_it_with_the_name_meant(data_copy, old, new, meant):
    """The value it meant is still in the data, under the right name: the typo is in decisions.yaml, not at the
    citing item (no 'null is not the value', no 'cites a decision that fixes none of its fields')."""
    dec = data_copy / "decisions.yaml"
    edit(dec, old, new)
    found = run_checks(load_catalog(data_copy), ["DEC002"])
    assert [(p.file, p.line) for p in found] == [("data/decisions.yaml", min(_lines(dec, new.split("\n")[0])))]
    assert found[0].hint.startswith(f"did you mean {meant}?"), found[0].hint


def test_a_decision_that_fixes_values_without_a_fingerprint_says_what_to_run(data_copy):
    dec = data_copy / "decisions.yaml"
    text = dec.read_text(encoding="utf-8")
    start = text.index("  - id: D-ai-down\n")
    line = next(x for x in text[start:].splitlines() if x.startswith("    fingerprint:"))
    edit(dec, line + "\n", "")
    (p,) = run_checks(load_catalog(data_copy), ["DEC002"])
    assert p.line in _lines(dec, "fixes: [signal, op, value, upto]") and p.hint == "run: playbook revisit D-ai-down"


# --- any decided value, changed in the models: found at its place, and only there (hypothesis) ------------------


@pytest.fixture(scope="module")
def own_catalog(tmp_path_factory):
    data = tmp_path_factory.mktemp("decided") / "data"
    shutil.copytree(DATA_DIR, data)
    return load_catalog(data)


def _changed(value):
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + 1
    if isinstance(value, list):
        return [*value, value[0] if value else "x"]
    if isinstance(value, dict):
        return {**value, "extra": 1}
    return "x" if value is None else value + "x"


def _set(cat, fixed, new):
    """Set the value at `fixed.path` of its file's model; the old value."""
    model = next(m for f, m in _roots(cat) if f == fixed.file)
    *parents, last = fixed.path
    for key in parents:
        model = _get(model, key)
    old = _get(model, last)
    if isinstance(model, dict):
        model[last] = new
    else:
        name = next(n for n, f in type(model).model_fields.items() if (f.alias or n) == last)
        object.__setattr__(model, name, new)
    return old


def _get(obj, key):
    if isinstance(obj, dict | list):
        return obj[key]
    return getattr(obj, next(n for n, f in type(obj).model_fields.items() if (f.alias or n) == key))


def _roots(cat):
    from playbook.data import files as F

    return [(cat.file(s), getattr(cat, s.part)) for s in F.SINGLE] + cat.runbook_files()


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_any_one_decided_value_changed_is_found_at_its_place_and_nowhere_else(own_catalog, data):
    cat = own_catalog
    values = [v for vs in lock(cat).values.values() for v in vs]
    assert len(values) >= 60  # thresholds, cadences, durations, paths, the refused response, …
    fixed = data.draw(st.sampled_from(values))
    old = _set(cat, fixed, _changed(fixed.value))
    cat.memo.pop(("decided", "lock"), None)
    try:
        found = run_checks(cat, ["DEC002"])
    finally:
        _set(cat, fixed, old)
        cat.memo.pop(("decided", "lock"), None)
    assert [(p.file, p.field) for p in found] == [(fixed.file, dotted(fixed.path))], [p.format() for p in found]
    assert run_checks(cat, ["DEC002"]) == []


# --- only `playbook revisit` records: `generate` refuses, and writes nothing ------------------------------------


def test_generate_never_records_a_decision_and_revisit_does(tmp_path, capsys):
    root = copy_project(tmp_path / "playbook")
    dec = root / "data" / "decisions.yaml"
    before = dec.read_text(encoding="utf-8")
    edit(root / "data" / "severities.yaml", "value: 80, wording: AI", "value: 50, wording: AI")
    assert main(["--project", str(root), "generate"]) == 1
    out, err = capsys.readouterr()
    assert "DEC002" in out + err and dec.read_text(encoding="utf-8") == before
    assert main(["--project", str(root), "revisit", "D-ai-down"]) == 0
    out, _ = capsys.readouterr()
    assert "AI service down means an AI error rate > 50%" in out  # what the editor must reread
    after = dec.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert len(changed) == 1 and changed[0][0].startswith("    fingerprint:"), changed
    assert run_checks(load_catalog(root / "data"), ["DEC002"]) == []
