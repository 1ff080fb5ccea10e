"""jq: every filter on the site compiles, and gives the answer reasoned from the fixtures when run."""

from __future__ import annotations

import json
import subprocess

import pytest

from playbook.toolcheck import calls, jq_compiles, jq_parts
from runbook_env import FIXTURES, LOGS, SINCE, manifest, run_script, step_number

AUTH_TIMES = [f"09:05:0{i}" for i in range(7)]  # seven "Auth failed" lines; "Auth succeeded" (09:05:08) is not one
# What each filter must select from tests/fixtures/logs.jsonl (by the time of day of each entry), worked out
# from the fixture by hand: see the comments on the fixture's design in each entry.
EXPECTED_LOG_TIMES = {
    # errors strictly after 09:00:00Z: not 08:55:00 / 08:59:59 (before), not the 09:05 warns or infos
    'select(.level == "error" and .timestamp > $since)': ["09:00:01", "09:30:00", "09:40:00"],
    'select(.message | contains("Auth failed"))': AUTH_TIMES,
    # exactly user_456: user_4567 (09:30:00) is another user
    "select(.context.userId == $user)": ["08:55:00", "09:00:01", "09:00:02", "09:45:00"],
    # over 1000 ms: 1250, 1001, 2000; not 1000 (08:59:59) or 999 (09:00:02)
    "select(.context.duration > 1000)": ["08:55:00", "09:00:01", "09:40:00"],
    "select(.context.requestId == $id)": ["09:00:01", "09:00:02"],
    # errors on the write endpoints: not the /api/sessions error (09:30:00)
    'select(.level == "error" and (.context.endpoint | contains("/api/notes") or contains("/api/prescriptions")))': [
        "08:55:00",
        "08:59:59",
        "09:00:01",
        "09:40:00",
    ],
}
IPS_OF_AUTH_FAILURES = ["203.0.113.7", "198.51.100.2", "203.0.113.7", "192.0.2.10"] + ["203.0.113.7", "198.51.100.2"]
IPS_OF_AUTH_FAILURES += ["203.0.113.7"]
ARGS = {"$SINCE": SINCE, "$USER_ID": "user_456", "$REQUEST_ID": "req_1705228200000_abc123"}


def _all_calls():
    for rid, rb in manifest().items():
        for s in rb.get("steps", []):
            for c in calls(s["code"], "jq"):
                yield rid, s, c


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
    for rid, s, c in _all_calls():
        opts, filt, files = jq_parts(c)
        where = f"{s['page']}:{s['line']} ({rid} step {s['number']}): jq {filt!r}"
        if files == ["$LOG_FILE"]:
            out = _jq(opts, filt, LOGS)
            if filt in EXPECTED_LOG_TIMES:
                assert _times(out) == EXPECTED_LOG_TIMES[filt], where
            elif filt.endswith("| .context.ip"):
                assert out.split() == IPS_OF_AUTH_FAILURES, where
            else:
                pytest.fail(f"{where}: no expected result for this filter; add one to this test")
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


def test_the_fixture_tells_wrong_filters_apart():
    right = EXPECTED_LOG_TIMES["select(.context.duration > 1000)"]
    assert _times(_jq(["-c"], "select(.context.duration >= 1000)", LOGS)) != right
    assert _times(_jq(["-c"], "select(.context.duration > 999)", LOGS)) != right
    since = EXPECTED_LOG_TIMES['select(.level == "error" and .timestamp > $since)']
    assert _times(_jq(["-c"], 'select(.level == "error")', LOGS)) != since
    user = EXPECTED_LOG_TIMES["select(.context.userId == $user)"]
    assert _times(_jq(["-c", "--arg", "user", "user_456"], "select(.context.userId | startswith($user))", LOGS)) != user


def test_log_queries_run_one_step_at_a_time():
    for filt, times in EXPECTED_LOG_TIMES.items():
        for rid in ("logs", "scenarios/write-operations-failing"):
            hits = [s for s in manifest()[rid]["steps"] if filt in s["code"]]
            for s in hits:
                proc = run_script(rid, str(s["number"]))
                assert proc.returncode == 0, f"{s['page']}:{s['line']}: {proc.stderr}"
                assert _times(proc.stdout) == times, f"{s['page']}:{s['line']} ({rid} step {s['number']})"


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
    # by requestId: 2 entries; by userId: grep also matches user_4567 (09:30:00), unlike the jq query;
    # by endpoint /api/auth/signin: the 7 failures and the success.
    want = ["09:00:01", "09:00:02"] + ["08:55:00", "09:00:01", "09:00:02", "09:30:00", "09:45:00"]
    want += AUTH_TIMES + ["09:05:08"]
    assert _times(proc.stdout) == want
