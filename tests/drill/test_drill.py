"""Drills: every scenario's runbook, run against the drill target, leads to the diagnosis; broken ones fail."""

from __future__ import annotations

import tempfile

import pytest
import yaml

from conftest import DATA_DIR, ROOT, edit
from playbook.cli.main import main
from playbook.data.load import load_catalog
from playbook.data.model_runbook import Block
from playbook.drill.results import load_results
from playbook.drill.run import EXTERNAL, drill, run_block, steps_of, variants
from playbook.errors import DataError


@pytest.fixture(scope="module")
def outcomes(catalog):
    return {sid: drill(catalog, sid) for sid in catalog.scenarios}


# What each drill reports, written by hand from the runbooks in data/: (runbook, step, outcome) for each shell
# block (a step with several blocks appears once per block) and each step with a chat command, in page order.
# manual: the block says `manual: true` (systemctl, vercel) or it is a chat command; external: it calls a host
# other than 127.0.0.1; passed: everything else, run against the drill target.
EXPECTED = {
    "database-down": [
        ("database-down", 1, "passed"),  # sqlite3 -readonly "$DB_PATH"
        ("database-down", 2, "passed"),  # df -h
        ("database-down", 3, "passed"),  # ls -la "$DB_PATH"
        ("database-down", 4, "manual"),  # sudo systemctl restart postgresql
        ("database-down", 6, "manual"),  # /incident update
        ("rollback", 1, "passed"),  # git log --oneline -10
        ("rollback", 1, "manual"),  # vercel rollback --yes
        *[("rollback", 2, "passed")] * 6,  # the restore: stop check, keep a copy, check, restore, check, salvage
    ],
    "auth-failure-spike": [
        ("auth-failure-spike", 1, "passed"),  # the metrics endpoint
        ("auth-failure-spike", 2, "passed"),  # jq over the log
        ("auth-failure-spike", 5, "passed"),  # the rate-limit loop
    ],
    "write-operations-failing": [
        ("write-operations-failing", 1, "passed"),  # jq over the log
        ("write-operations-failing", 3, "passed"),  # git log
        ("write-operations-failing", 3, "manual"),  # vercel rollback --yes
        ("write-operations-failing", 4, "passed"),  # sqlite3 "$DB_PATH"
        ("write-operations-failing", 5, "manual"),  # /incident update
    ],
    "ai-service-down": [
        ("ai-service-down", 1, "passed"),  # the generate-note endpoint
        ("ai-service-down", 2, "external"),  # the AI provider's model list, https://api.openai.com
        ("ai-service-down", 5, "passed"),  # watch the metrics
        ("disable-ai", 1, "manual"),  # vercel env
        ("disable-ai", 2, "passed"),  # the generate-note endpoint
        ("disable-ai", 3, "manual"),  # vercel env
        ("disable-ai", 3, "passed"),  # the generate-note endpoint
    ],
}


def test_every_scenario_has_a_drill_and_it_passes(catalog, outcomes):
    assert outcomes.keys() == EXPECTED.keys()
    for sid, o in outcomes.items():
        assert o.problems == [], sid
        failed = [f"{s.label}: {s.note}" for s in o.steps if s.outcome == "failed"]
        assert failed == [], sid
        assert o.passed and o.time_to_diagnosis is not None, sid
        assert [(s.runbook, s.step, s.outcome) for s in o.steps] == EXPECTED[sid]


def test_the_external_steps_are_those_quoting_an_external_endpoint():
    """Checks EXPECTED against the YAML read with pyyaml: a step is external when its code quotes (through the
    `ep` template) an endpoint that catalog.yaml marks `external: true`; those endpoints are not on 127.0.0.1."""
    endpoints = yaml.safe_load((DATA_DIR / "catalog.yaml").read_text(encoding="utf-8"))["endpoints"]
    external = [e for e in endpoints if e.get("external")]
    assert external and all(e["path"].startswith("https://") for e in external)
    quoted = set()
    for rid in {r for rows in EXPECTED.values() for r, _, _ in rows}:
        folder = "scenarios" if (DATA_DIR / "scenarios" / f"{rid}.yaml").exists() else "procedures"
        runbook = yaml.safe_load((DATA_DIR / folder / f"{rid}.yaml").read_text(encoding="utf-8"))
        for n, step in enumerate(runbook["steps"], 1):
            for b in [*step.get("blocks", []), *(b for o in step.get("options", []) for b in o["blocks"])]:
                if b["kind"] == "shell" and any(f"ep['{e['id']}']" in b["code"] for e in external):
                    quoted.add((rid, n))
    said = {(r, n) for rows in EXPECTED.values() for r, n, outcome in rows if outcome == "external"}
    assert said == quoted == {("ai-service-down", 2)}


def test_manual_blocks_are_reported_never_run(catalog, outcomes):
    manual = [(sid, n) for sid in catalog.scenarios for n, _, b in steps_of(catalog, sid) if b.manual]
    assert manual, "the data has manual blocks (systemctl, vercel)"
    for sid, n in manual:
        assert any(s.step == n and s.outcome == "manual" for s in outcomes[sid].steps if s.runbook == sid)


def test_recorded_results_match_a_fresh_run(catalog, outcomes):
    rec = load_results(catalog.project.data)
    assert rec is not None, "run: playbook drill --all --record"
    runs = [(sid, v) for sid in catalog.scenarios for v in variants(catalog, sid)]
    assert [(r.scenario, r.variant) for r in rec.results] == runs
    fresh = {(sid, None): o for sid, o in outcomes.items()}
    fresh |= {(sid, v): drill(catalog, sid, v) for sid, v in runs if v}
    for r in rec.results:
        o = fresh[(r.scenario, r.variant)]
        assert r.passed == o.passed and r.diagnosed_at == o.diagnosed_at, "run: playbook drill --all --record"
        assert [(s.runbook, s.step, s.title, s.outcome) for s in r.steps] == [
            (s.runbook, s.step, s.title, s.outcome) for s in o.steps
        ], "run: playbook drill --all --record"


def test_cli_reports_each_step(capsys):
    assert main(["drill", "database-down"]) == 0
    out = capsys.readouterr().out
    assert "PASS    database-down step 1 (Check database connection)" in out
    assert "MANUAL  database-down step 4" in out and "time to diagnosis" in out


def test_cli_refuses_unknown_scenario(capsys):
    with pytest.raises(SystemExit) as e:
        main(["drill", "no-such-scenario"])
    assert e.value.code == 2
    assert "'no-such-scenario' is not a scenario; choose from database-down," in capsys.readouterr().err


@pytest.mark.parametrize(
    ("sid", "old", "new", "step"),
    [
        # a wrong jq path prints null instead of the counter
        (
            "auth-failure-spike",
            '.metrics.counters["auth.signin.failure"]',
            '.metrics.counter["auth.signin.failure"]',
            1,
        ),
        # grouping by the wrong field names no IP
        ("auth-failure-spike", "| .context.ip'", "| .context.userId'", 2),
    ],
)
def test_a_broken_runbook_command_fails_its_drill_naming_the_step(data_copy, capsys, sid, old, new, step):
    edit(data_copy / "scenarios" / f"{sid}.yaml", old, new)
    assert main(["--data", str(data_copy), "drill", sid]) == 1
    err = capsys.readouterr().err
    title = load_catalog(data_copy).scenarios[sid].steps[step - 1].title
    # at the YAML line of the edited command's block (its `code:` key, at or just above the edit)
    edited = (data_copy / "scenarios" / f"{sid}.yaml").read_text(encoding="utf-8").splitlines()
    at = next(n for n, text in enumerate(edited, 1) if new.splitlines()[0] in text)
    code = max(n for n, text in enumerate(edited[:at], 1) if text.strip().startswith("code:"))
    assert f"{sid}: data/scenarios/{sid}.yaml:{code}: {sid} step {step} ({title}) failed:" in err, err


def test_drill_leaves_nothing_behind(catalog, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert drill(catalog, "write-operations-failing").passed
    assert list(tmp_path.iterdir()) == []


def test_destructive_block_runs_only_inside_the_drill_directory(tmp_path):
    block = Block(kind="shell", code='cp "$DB_BACKUP" "$DB_PATH"', destructive=True)
    env = {"DB_PATH": "/var/db/dev.db", "DB_BACKUP": "b", "LOG_FILE": "l", "PATH": "/usr/bin:/bin"}
    with pytest.raises(RuntimeError, match="only on files inside"):
        run_block(block, tmp_path, env, tmp_path)


def test_external_urls_are_detected():
    assert EXTERNAL.findall("curl -s https://api.openai.com/v1/models -H x") == ["https://api.openai.com/v1/models"]
    assert EXTERNAL.findall('curl -s "$BASE_URL/api/metrics"') == []


def test_a_command_that_hangs_is_stopped(tmp_path):
    block = Block(kind="shell", code="sleep 30 | cat; echo never")
    proc = run_block(block, tmp_path, {"PATH": "/usr/bin:/bin"}, tmp_path, timeout=1)
    assert proc.returncode == 124 and "timed out" in proc.stderr and "never" not in proc.stdout


def test_unknown_procedure_in_follow_is_reported(data_copy):

    edit(data_copy / "scenarios" / "ai-service-down.yaml", "follow: [disable-ai]", "follow: [disable-al]")
    with pytest.raises(DataError) as e:  # the loader's one id lookup, before any drill starts
        load_catalog(data_copy)
    (p,) = e.value.problems
    assert (p.file, p.rule, p.field) == ("data/scenarios/ai-service-down.yaml", "LOAD005", "drill.follow[0]")
    assert "no procedure 'disable-al'" in p.message and "disable-ai" in p.hint


def test_bad_drill_results_are_located(data_copy):

    edit(data_copy / "drill_results.yaml", "passed: true", "passed: maybe")
    with pytest.raises(DataError) as e:
        load_results(data_copy)
    (p,) = e.value.problems
    assert p.file == "data/drill_results.yaml" and p.field == "results[0].passed" and p.line > 1


def test_database_moved_away_is_diagnosed_and_nothing_is_created(data_copy):
    """The other way a database goes down: step 1 must fail on a missing file, not create an empty one."""
    path = data_copy / "scenarios" / "database-down.yaml"
    edit(path, "kind: db_corrupt", "kind: db_missing")
    edit(path, "stderr_contains: [file is not a database]", "stderr_contains: [unable to open database]")
    edit(path, 'stdout_equals: "1"', 'stdout_equals: ""')
    # the permissions step then finds no file
    edit(path, "expect: {stdout_regex: ['^-rw']}", "expect: {exit: nonzero, stdout_equals: ''}")
    # and the restore keeps no corrupt file: there is none
    edit(path, "block: 2, expect: {stdout_regex: [' dev\\.db$']}}", "block: 2, expect: {stdout_lacks: [' dev.db']}}")
    o = drill(load_catalog(data_copy), "database-down")
    assert [f"{s.label}: {s.note}" for s in o.steps if s.outcome == "failed"] == []
    assert o.passed and o.diagnosed_at == "database-down step 1"


def test_the_restore_drills_stop_before_overwriting_and_count_the_salvage(catalog):
    """backup-corrupt: the runbook stops at the backup check, the live file is untouched; rows-after-backup:
    the salvage counts exactly the notes the fault wrote after the backup."""
    sc = catalog.scenarios["database-down"]
    assert [v.id for v in sc.drill.variants][:2] == ["backup-corrupt", "rows-after-backup"]
    o = drill(catalog, "database-down", "backup-corrupt")
    assert o.passed and o.problems == [], [f"{s.label}: {s.note}" for s in o.steps] + o.problems
    restore = [s for s in o.steps if s.runbook == "rollback" and s.step == 2]
    assert [s.outcome for s in restore] == ["passed"] * 3 + ["stopped"] * 3
    o = drill(catalog, "database-down", "rows-after-backup")
    assert o.passed, [f"{s.label}: {s.note}" for s in o.steps] + o.problems


@pytest.mark.parametrize(
    ("old", "new", "variant", "why"),
    [
        # the backup check no longer stops: the restore overwrites the live file
        (
            'echo "the backup failed its integrity check: STOP',
            'echo "the backup failed its integrity check: ok',
            "backup-corrupt",
            "was changed by the runbook",
        ),
        # the salvage compares with the wrong database: it counts nothing as lost
        ("EXCEPT SELECT * FROM main", "EXCEPT SELECT * FROM salvaged", "rows-after-backup", "stdout does not match"),
    ],
)
def test_a_broken_restore_fails_its_drill(data_copy, old, new, variant, why):
    path = data_copy / "procedures" / "rollback.yaml"
    edit(path, old, new)
    if "STOP" in old:  # the block then goes on past the failed check
        edit(path, 'escalate to the database team" >&2\n            exit 1', 'escalate to the database team" >&2')
    o = drill(load_catalog(data_copy), "database-down", variant)
    assert not o.passed
    assert why in " ".join([s.note for s in o.steps] + o.problems)


@pytest.mark.parametrize(("least", "out", "says"), [
    ("no-such-id", "7\n", "number_at_least 'no-such-id' is not a whole number (fix the drill)"),
    ("${limit}", "2\n", "stdout is '2', expected a number of at least 3"),
    ("3", "many\n", "stdout is 'many', expected a number of at least 3"),
])  # fmt: skip
def test_a_number_expectation_is_a_message_never_a_traceback(least, out, says):
    """Found by the fuzz test: an id where a number was expected raised ValueError inside the drill."""
    import subprocess

    from playbook.data.model_drill import Expect
    from playbook.drill.check import check

    proc = subprocess.CompletedProcess(["x"], 0, out, "")
    assert check(Expect(number_at_least=least), proc, None, {"limit": "3"}) == [says]


def test_each_step_cites_its_block_in_the_yaml(outcomes):
    """What an editor opens: the YAML file and the line of the block's `code`, not a generated page."""
    for o in outcomes.values():
        for s in (s for s in o.steps if s.outcome != "manual" or s.source):
            if s.note == "chat command":
                continue
            file, _, line = s.source.rpartition(":")
            lines = (ROOT / file).read_text(encoding="utf-8").splitlines()
            assert file.startswith("data/") and lines[int(line) - 1].strip().startswith("code:"), s
    first = outcomes["database-down"].steps[0]  # database-down.yaml: step 1 runs `sqlite3 … "SELECT 1;"`
    file, _, line = first.source.rpartition(":")
    code = (ROOT / file).read_text(encoding="utf-8").splitlines()[int(line) : int(line) + 3]
    assert file == "data/scenarios/database-down.yaml" and any('"SELECT 1;"' in c for c in code)


def test_the_slow_query_drill_follows_no_restore_and_the_restart_clears_the_slowness(catalog):
    """slow-queries (the slow-query alert's fault): the database answers, the variant follows no procedure (no
    restore of a healthy file), and the manual restart is what the drill does in its place."""
    o = drill(catalog, "database-down", "slow-queries")
    assert o.passed, [f"{s.label}: {s.note}" for s in o.steps] + o.problems
    assert {s.runbook for s in o.steps} == {"database-down"}
    (restart,) = [s for s in o.steps if s.step == 4]
    assert restart.outcome == "manual" and "database restarted" in restart.note
