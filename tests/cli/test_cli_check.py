"""`playbook check` and `playbook who` as a user runs them: output format, JSON, exit codes."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT, edit


def playbook(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "playbook.cli.main", *args], capture_output=True, text=True, cwd=cwd)


LINE = re.compile(r"^[\w/.-]+:\d+:\d+: (error|warning): [A-Z]+\d{3} .+ \(.+\)$")


def test_real_data_is_clean_but_warns():
    proc = playbook("check", "--verbose")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout and all(LINE.match(line) for line in proc.stdout.splitlines())
    assert re.search(r"^0 errors, \d+ warnings$", proc.stderr, re.M)
    assert playbook("check", "--strict").returncode == 1


# The open questions of the real data (contacts.yaml and catalog.yaml TBDs, severities.yaml conditions with no
# number yet, and the receivers those TBDs leave silent): counted per rule, so an editor's own finding shows.
TBD_RULES = {"REF005", "SEV004", "ALR005"}


def test_known_tbds_are_counted_and_an_editors_finding_stands_out(data_copy):
    verbose = playbook("check", "--verbose").stdout.splitlines()
    counts = {r: sum(f" warning: {r} " in line for line in verbose) for r in TBD_RULES}
    assert all(counts.values()), counts
    out = playbook("check").stdout
    assert not any(f" warning: {r} " in out for r in TBD_RULES), out
    for rule, n in counts.items():
        assert re.search(rf"^ +{n} warning\(s\) {rule}: ", out, re.M), out
    edit(data_copy / "severities.yaml", "value: 5, upto: 20,", "value: 5, upto: 15,")
    proc = playbook("--data", str(data_copy), "check")
    first = proc.stdout.splitlines()[:2]  # the editor's findings first: the gap, at both of its edges
    assert [x.split(" levels")[0] for x in first] == [
        f"data/severities.yaml:{_line(data_copy, 'value: 20, upto: 50')}:9: error: SEV002",  # SEV-2's: the gap's end
        f"data/severities.yaml:{_line(data_copy, 'value: 5, upto: 15')}:9: error: SEV002",  # the edited SEV-3 one
    ], proc.stdout


def _line(data, text: str) -> int:
    (n,) = [n for n, x in enumerate((data / "severities.yaml").read_text().splitlines(), 1) if text in x]
    return n


def test_check_passes_where_the_editor_is_with_a_tool_missing(tmp_path):
    """After `bash scripts/serve` (no test tools: no tsc), check exits 0 with one warning saying how to install
    tsc, as the pre-commit hook runs it; where tools are required (CI, --strict) the same is an error."""
    from conftest import copy_project

    project = copy_project(tmp_path / "project")
    (project / "node_modules").unlink()  # the test tools' tsc, which scripts/serve does not install
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    run = [sys.executable, "-m", "playbook.cli.main", "check"]
    proc = subprocess.run(run, cwd=project, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    tsc = [line for line in proc.stdout.splitlines() if " TOOL005 " in line]
    assert len(tsc) == 1 and ": warning: TOOL005 " in tsc[0], proc.stdout
    assert tsc[0].endswith("tsc is not installed (install it: `bash scripts/setup --test`)")
    assert "shellcheck" not in proc.stdout  # ShellCheck is a dependency of the package itself
    ci = subprocess.run(run, cwd=project, env={**env, "CI": "true"}, capture_output=True, text=True)
    assert ci.returncode == 1 and ": error: TOOL005 " in ci.stdout and "tsc is not installed" in ci.stdout


def test_json_lists_the_same_findings():
    text = playbook("check", "--verbose").stdout.splitlines()
    data = json.loads(playbook("check", "--format", "json").stdout)
    assert data["summary"]["errors"] == 0 and data["summary"]["warnings"] == len(text)
    assert [f"{f['file']}:{f['line']}:{f['col']}: {f['level']}: {f['rule']}" for f in data["findings"]] == [
        " ".join(t.split(" ")[:3]) for t in text
    ]


def test_error_findings_exit_1(data_copy):
    edit(data_copy / "severities.yaml", "value: 5, upto: 20,", "value: 5, upto: 15,")
    proc = playbook("--data", str(data_copy), "check")
    assert proc.returncode == 1
    edited = _line(data_copy, "value: 5, upto: 15")
    assert f"data/severities.yaml:{edited}:9: error: SEV002" in proc.stdout  # at the edited line (and the gap's end)
    assert f"data/severities.yaml:{edited}:49: error: DEC002" in proc.stdout  # a value D-ladder fixed
    assert re.search(r"^3 errors, ", proc.stderr, re.M)


def test_unusable_data_exits_2_without_traceback(data_copy):
    (data_copy / "routes.yaml").write_text("tests: [\n")
    proc = playbook("--data", str(data_copy), "check")
    assert proc.returncode == 2 and "data/routes.yaml:" in proc.stderr and "LOAD002" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_rule_that_breaks_is_named_the_others_still_report_and_check_exits_3(data_copy, monkeypatch, capsys):
    # Held-out set 17's M41 ended `playbook check` on a traceback raised inside one rule, and nothing else was
    # reported. A rule's bug now costs that rule only: the editor still gets every other finding, and status 3
    # (neither "findings" nor "unusable data") tells CI it is playbook's bug.
    from playbook.checks import engine
    from playbook.cli.main import main

    rules = engine.load_rules()

    def broken(ctx, report):
        yield from ()
        raise RuntimeError("the rule's own bug")

    monkeypatch.setitem(engine.RULES, "SEV004", dataclasses.replace(rules["SEV004"], func=broken))
    status = main(["--data", str(data_copy), "check", "--no-cache", "--rule", "SEV004", "--rule", "REF005"])
    out, err = capsys.readouterr()
    assert status == 3 and "Traceback" not in out + err
    assert " warning(s) REF005: " in out  # the other rule's findings
    assert re.search(
        r"^data:1:1: error: SEV004 stopped on an internal error \(RuntimeError: the rule's own bug\)", out, re.M
    )
    assert "playbook check: rule SEV004 stopped on an internal error" in err


def test_build_refuses_inconsistent_data(data_copy, tmp_path):
    edit(data_copy / "severities.yaml", "value: 5, upto: 20,", "value: 5, upto: 15,")
    proc = playbook("--data", str(data_copy), "build", "--site-dir", str(tmp_path / "site"))
    assert proc.returncode == 2 and "SEV002" in proc.stderr and not (tmp_path / "site").exists()


def test_who_follows_the_escalation_path():
    out = playbook("who", "--sev", "1", "--after", "90m", "--acknowledged").stdout
    assert re.findall(r"^  NOW   (.+?):", out, re.M) == ["On-Call (Primary)", "Engineering Manager"]
    assert re.findall(r"^  NEXT  (.+?) at (.+?) \(in (.+?)\)", out, re.M) == [("CTO", "2 hours", "30 minutes")]


def test_who_takes_the_signals_and_names_the_level():
    """35% errors is SEV-2 (severities.yaml: error_rate > 20 up to 50); 90 minutes in, the primary (at once) and
    the secondary (after SEV-2's 15-minute acknowledge) are due, the CTO at 2 hours is next."""
    proc = playbook("who", "--error-rate", "35%", "--after", "90m")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("SEV-2 (HIGH), 1 hour 30 minutes after declaration\n")
    assert "from the signals: Partial outage" in out
    assert re.findall(r"^  NOW   (.+?): escalation step (\d)", out, re.M) == [
        ("On-Call (Primary)", "1"),
        ("On-Call (Secondary)", "2"),
    ]
    # SEV-2's own path has three steps: the CTO is its third, not "level 4" of the whole table
    assert re.findall(r"^  NEXT  (.+?) at 2 hours \(in 30 minutes\): escalation step (\d)", out, re.M) == [("CTO", "3")]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["classify", "--error-rate", "135%"], "--error-rate '135%': write a percentage from 0% to 100%"),
        (["classify", "--error-rate", "-5%"], "--error-rate '-5%': write a percentage from 0% to 100%"),
        (["who", "--sev", "2", "--after", "-5m"], "--after '-5m': the time since declaration cannot be negative"),
        (["who", "--after", "10m"], "give --sev, or the signals you observe"),
        (["who", "--sev", "1", "--error-rate", "60%"], "give --sev or the signals you observe, not both"),
    ],
)
def test_impossible_values_get_one_line_naming_the_command(args, says):
    proc = playbook(*args)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith(f"playbook {args[0]}: ") and says in proc.stderr, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_outside_a_project_the_message_names_the_command(tmp_path):
    proc = playbook("who", "--sev", "1", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stderr.startswith("playbook who: no mkdocs.yml in "), proc.stderr


def test_a_data_folder_that_does_not_exist_is_one_finding(tmp_path):
    proc = playbook("--data", str(tmp_path / "nowhere"), "who", "--sev", "1")
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert lines[0].endswith(
        "nowhere:1:1: error: LOAD001 the data folder does not exist (give the folder that holds "
        "severities.yaml and the other data files (--data DIR or $PLAYBOOK_DATA))"
    )
    assert len(lines) == 2 and lines[1].startswith("playbook who: the data is invalid (1 problem(s))")


def test_who_rejects_garbage():
    proc = playbook("who", "--sev", "1", "--after", "soon")
    assert proc.returncode == 2 and "'soon' is not a duration" in proc.stderr


def test_who_classify_and_drill_speak_json():
    who = json.loads(playbook("who", "--sev", "1", "--format", "json").stdout)
    assert [c["party"] for c in who["contacted"]] == ["oncall-primary", "eng-manager"]
    assert who["contacted"][0]["slack"] == "@oncall-primary" and who["next"][0]["party"] == "oncall-secondary"
    team = json.loads(playbook("who", "--sev", "2", "--type", "ai-failures", "--format", "json").stdout)
    ai = next(c for c in team["contacted"] if c["party"] == "ai-team")
    assert ai["slack"] is None and ai["email"] is None  # TBD is unknown, never a made-up address
    cls = json.loads(
        playbook("classify", "--error-rate", "60%", "--started", "2026-01-16T10:30", "--format", "json").stdout
    )
    assert cls["severity"] == "SEV-1" and cls["acknowledge_by"] == "2026-01-16T10:35:00+00:00"
    drill = playbook("drill", "database-down", "--format", "json")
    results = json.loads(drill.stdout)  # stdout is the JSON alone; the summary line goes to stderr
    # the scenario's own drill, then its variants (the backup is corrupt too; rows written after the backup; slow)
    assert [(r["scenario"], r["variant"]) for r in results] == [
        ("database-down", None),
        ("database-down", "backup-corrupt"),
        ("database-down", "rows-after-backup"),
        ("database-down", "slow-queries"),  # the queries slow down: the slow-query alert's own fault
    ]
    assert all(r["passed"] for r in results) and "4 of 4" in drill.stderr


def test_who_text_says_how_to_reach_each_party():
    out = playbook("who", "--sev", "2", "--type", "ai-failures").stdout
    # contacts.yaml: the on-call primary's phone is TBD, its Slack and e-mail are known
    assert "phone unknown (TBD) · Slack @oncall-primary · e-mail oncall@dramal.com" in out
    assert "phone unknown (TBD) · Slack unknown (TBD) · e-mail unknown (TBD)" in out  # the AI Team: no contact yet


def test_unknown_rule_is_a_message_with_the_choices():
    proc = playbook("check", "--rule", "NOPE")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "no rule NOPE; rules: AI001, AI002" in proc.stderr


def test_version_names_the_package_and_the_project(tmp_path):
    proc = playbook("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("playbook command 0.1.0; playbook ")
    assert f"at {ROOT}" in proc.stdout
    outside = subprocess.run(
        [sys.executable, "-m", "playbook", "--version"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert outside.returncode == 0 and "no project here" in outside.stdout


def test_findings_read_like_a_linter_and_as_github_annotations():
    line = re.compile(r"^data/[\w/.-]+\.yaml:\d+:\d+: (error|warning): [A-Z]+\d{3} .+$")
    text = playbook("check", "--verbose").stdout.splitlines()
    assert text and all(line.match(x) for x in text), text[:3]
    gh = playbook("check", "--format", "github").stdout.splitlines()
    annotation = re.compile(r"^::(error|warning) file=data/[\w/.-]+\.yaml,line=\d+,col=\d+,title=[A-Z]+\d{3}::.+$")
    assert len(gh) == len(text) and all(annotation.match(x) for x in gh), gh[:3]


def test_github_annotation_escapes_what_would_end_it():
    from playbook.errors import Problem

    p = Problem("data/a,b.yaml", 3, 7, "REF001", "50% of:\nthings", level="warning")
    assert p.github() == "::warning file=data/a%2Cb.yaml,line=3,col=7,title=REF001::50%25 of:%0Athings"
