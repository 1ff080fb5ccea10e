"""jq: every filter on the site compiles, and gives the answer reasoned from the fixtures when run."""

from __future__ import annotations

import json
import subprocess

import pytest

from playbook.runbooks.toolcheck import calls, jq_compiles, jq_parts
from runbook_env import FIXTURES, LOGS, SINCE, manifest, run_script, step_number

AUTH_TIMES = [f"09:05:0{i}" for i in range(7)]  # seven "Auth failed" lines; "Auth succeeded" (09:05:08) is not one
# errors strictly after 09:00:00Z: not 08:55:00 / 08:59:59 (before), not the 09:05 warns or the infos
ERRORS_SINCE = ["09:00:01", "09:30:00", "09:40:00"]
USER_456 = ["08:55:00", "09:00:01", "09:00:02", "09:45:00"]  # exactly user_456: user_4567 (09:30:00) is another
SLOW = ["08:55:00", "09:00:01", "09:40:00"]  # 1250, 1001, 2000 ms; not 1000 (08:59:59) or 999 (09:00:02)
TRACE = ["09:00:01", "09:00:02"]
WRITE_ERRORS = ["08:55:00", "08:59:59", "09:00:01", "09:40:00"]  # not the /api/sessions error (09:30:00)
IPS_OF_AUTH_FAILURES = ["203.0.113.7", "198.51.100.2", "203.0.113.7", "192.0.2.10"] + ["203.0.113.7", "198.51.100.2"]
IPS_OF_AUTH_FAILURES += ["203.0.113.7"]
# What each jq call over $LOG_FILE must print for tests/fixtures/logs.jsonl, worked out from the fixture by hand:
# (runbook, words of the step title, which jq call of the step) -> times of day of the entries, or raw lines.
EXPECTED = {
    ("logs", "Find all errors in last hour", 0): ERRORS_SINCE,
    ("logs", "Find all auth failures", 0): AUTH_TIMES,
    ("logs", "Find all requests for specific user", 0): USER_456,
    ("logs", "Find slow requests", 0): SLOW,
    ("logs", "specific requestId", 0): TRACE,
    ("scenarios/auth-failure-spike", "Check logs for patterns", 0): AUTH_TIMES,
    ("scenarios/auth-failure-spike", "Check logs for patterns", 1): IPS_OF_AUTH_FAILURES,
    ("scenarios/write-operations-failing", "Check error logs", 0): WRITE_ERRORS,
}
ARGS = {"$SINCE": SINCE, "$USER_ID": "user_456", "$REQUEST_ID": "req_1705228200000_abc123"}


def _all_calls():
    for rid, rb in manifest().items():
        for s in rb.get("steps", []):
            for c in calls(s["code"], "jq"):
                yield rid, s, c


def _expected(rid: str, step: dict, index: int):
    hits = [v for (r, words, i), v in EXPECTED.items() if r == rid and words in step["title"] and i == index]
    return hits[0] if len(hits) == 1 else None


def _times(out: str) -> list[str]:
    return [json.loads(line)["timestamp"][11:19] for line in out.splitlines()]


def _jq(opts: list[str], filt: str, path) -> str:
    opts = [ARGS.get(o, o) for o in opts]
    proc = subprocess.run(["jq", *opts, filt, str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_the_site_has_jq_filters():
    assert len(list(_all_calls())) >= 10


def test_every_jq_filter_compiles():
    problems = []
    for rid, s, c in _all_calls():
        opts, filt, _ = jq_parts(c)
        if msg := jq_compiles(opts, filt):
            problems.append(f"{s['page']}:{s['line']} ({rid} step {s['number']}): jq {filt!r}\n{msg}")
    assert not problems, "\n".join(problems)


def test_a_broken_filter_does_not_compile():
    assert "syntax error" in jq_compiles([], 'select(.level == "error"')
    assert "$since" in jq_compiles([], "select(.timestamp > $since)")  # an undefined variable is caught too


def test_every_filter_gives_the_expected_answer(catalog):
    refused = catalog.data.feature_flags[0].refused_response
    seen = set()
    for rid, rb in manifest().items():
        for s in rb.get("steps", []):
            for index, c in enumerate(calls(s["code"], "jq")):
                opts, filt, files = jq_parts(c)
                where = f"{s['page']}:{s['line']} ({rid} step {s['number']}): jq {filt!r}"
                if files == ["$LOG_FILE"]:
                    want = _expected(rid, s, index)
                    assert want is not None, f"{where}: no expected result for this query; add one to EXPECTED"
                    out = _jq(opts, filt, LOGS)
                    got = out.split() if "-r" in opts else _times(out)
                    assert got == want, where
                    seen.add((rid, s["number"], index))
                elif filt == ".refused":
                    proc = subprocess.run(["jq", filt], input=json.dumps(refused), capture_output=True, text=True)
                    assert proc.stdout.strip() == "true", where
                elif filt.startswith(".metrics.counters["):
                    metric = filt.split('"')[1]
                    want = json.loads((FIXTURES / "metrics.json").read_text())["metrics"]["counters"][metric]
                    assert metric in catalog.metric_names, f"{where}: {metric} is not a metric of data/catalog.yaml"
                    assert _jq(opts, filt, FIXTURES / "metrics.json").strip() == str(want), where
                else:
                    pytest.fail(f"{where}: no fixture for this filter; add one to this test")
    assert len(seen) == len(EXPECTED)  # every expectation met a query


def test_the_fixture_tells_wrong_filters_apart():
    assert _times(_jq(["-c"], "select(.context.duration >= 1000)", LOGS)) != SLOW
    assert _times(_jq(["-c"], "select(.context.duration > 999)", LOGS)) != SLOW
    assert _times(_jq(["-c"], 'select(.level == "error")', LOGS)) != ERRORS_SINCE
    assert (
        _times(_jq(["-c", "--arg", "user", "user_456"], "select(.context.userId | startswith($user))", LOGS))
        != USER_456
    )
    assert _times(_jq(["-c"], 'select(.message | contains("Auth"))', LOGS)) != AUTH_TIMES


def test_log_queries_run_one_step_at_a_time():
    for (rid, words, _index), want in EXPECTED.items():
        step = next(s for s in manifest()[rid]["steps"] if words in s["title"])
        if len(calls(step["code"], "jq")) > 1:
            continue  # several commands in one step: checked by the pipeline test below
        proc = run_script(rid, str(step["number"]))
        assert proc.returncode == 0, f"{step['page']}:{step['line']}: {proc.stderr}"
        assert _times(proc.stdout) == want, f"{step['page']}:{step['line']} ({rid} step {step['number']})"


def test_auth_failure_pipeline_names_the_attacking_ip_first():
    n = step_number("scenarios/auth-failure-spike", "uniq -c")
    proc = run_script("scenarios/auth-failure-spike", str(n))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert _times("\n".join(lines[:7])) == AUTH_TIMES
    counts = [(int(c), ip) for c, ip in (line.split() for line in lines[7:])]
    assert counts == [(4, "203.0.113.7"), (2, "198.51.100.2"), (1, "192.0.2.10")]


def test_grep_queries_run_against_the_fixture():
    n = step_number("logs", "grep ")
    proc = run_script("logs", str(n))
    assert proc.returncode == 0, proc.stderr
    # by requestId: 2 entries; by userId: user_456 only (the closing quote keeps user_4567 at 09:30:00 out,
    # decision D-log-query-edges); by endpoint /api/auth/signin: the 7 failures and the success.
    want = ["09:00:01", "09:00:02"] + ["08:55:00", "09:00:01", "09:00:02", "09:45:00"]
    want += AUTH_TIMES + ["09:05:08"]
    assert _times(proc.stdout) == want


def test_errors_since_includes_a_record_at_exactly_the_start(catalog, tmp_path):
    """D-log-query-edges: `.000Z` must not sort before `Z` and drop the first record of the window."""
    import subprocess

    code = next(q.code for q in catalog.procedures["log-access"].queries if "errors in last hour" in q.title)
    logs = tmp_path / "edge.jsonl"
    logs.write_text(
        '{"timestamp":"2026-01-14T08:59:59.999Z","level":"error","message":"before"}\n'
        '{"timestamp":"2026-01-14T09:00:00.000Z","level":"error","message":"at start"}\n'
    )
    env = {"PATH": "/usr/bin:/bin", "LOG_FILE": str(logs), "SINCE": "2026-01-14T09:00:00Z"}
    out = subprocess.run(["bash", "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert [line for line in out.splitlines()] == [
        '{"timestamp":"2026-01-14T09:00:00.000Z","level":"error","message":"at start"}'
    ]
