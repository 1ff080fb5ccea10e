"""Incident records and post-mortems: business days, new -> log -> check round trips, exit codes."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from playbook.cli.main import main
from playbook.incident.bizdays import add_business_days

START = "2026-01-16T10:30"  # a Friday


@pytest.mark.parametrize(
    ("start", "n", "holidays", "due"),
    [
        (date(2026, 1, 16), 3, [], date(2026, 1, 21)),  # Fri -> Mon, Tue, Wed
        (date(2026, 1, 17), 3, [], date(2026, 1, 21)),  # Sat -> Mon, Tue, Wed
        (date(2026, 1, 12), 3, [], date(2026, 1, 15)),  # Mon -> Thu, no weekend
        (date(2026, 1, 29), 3, [], date(2026, 2, 3)),  # Thu -> Fri 30, Mon 2 Feb, Tue 3 Feb
        (date(2026, 12, 30), 3, [], date(2027, 1, 4)),  # Wed -> Thu 31, Fri 1 Jan, Mon 4 Jan
        (date(2026, 1, 16), 3, [date(2026, 1, 19)], date(2026, 1, 22)),  # holiday Monday skipped
        (date(2026, 2, 27), 1, [], date(2026, 3, 2)),  # Fri end of February -> Mon 2 March
    ],
)
def test_business_days(start, n, holidays, due):
    assert add_business_days(start, n, holidays) == due


def _new(tmp_path: Path, capsys, *extra: str, sev: str = "1", cmd: str = "incident") -> Path:
    argv = [cmd, "new", "Sign-in failures", "--sev", sev, "--dir", str(tmp_path), *extra]
    assert main(argv) == 0
    return Path(capsys.readouterr().out.strip())


def _front(path: Path) -> dict:
    return yaml.safe_load(path.read_text().split("---")[1])


def test_new_record_front_matter_and_sections(catalog, tmp_path, capsys):
    path = _new(tmp_path, capsys, "--started", START)
    assert path.name == "INC-20260116103000.md"
    front = _front(path)
    pm = catalog.incident.postmortem
    assert front["id"] == "INC-20260116103000" and front["severity"] == "SEV-1"
    assert front["started"] == "2026-01-16T10:30:00+00:00"
    assert pm.due_business_days == 3 and "SEV-1" in pm.required_for
    assert front["postmortem_due"] == "2026-01-22"  # Friday + 3 business days: Mon 19 is Martin Luther King Jr. Day
    assert front["playbook_version"]
    text = path.read_text()
    for sec in pm.sections:
        assert f"\n## {sec.heading}\n" in text
    assert "| 2026-01-16 10:30 +0000 | Incident declared: SEV-1 Sign-in failures |" in text


def test_levels_without_postmortem_and_time_zone(catalog, tmp_path, capsys):
    low = next(lv.id for lv in catalog.severities.levels if lv.id not in catalog.incident.postmortem.required_for)
    path = _new(tmp_path, capsys, "--started", START, sev=low)
    assert _front(path)["postmortem_due"] == "not required"
    # Thursday 23:30 UTC is already Friday in Paris: the id, start and due date follow the chosen zone
    path = _new(tmp_path, capsys, "--started", "2026-01-15T23:30+00:00", "--tz", "Europe/Paris")
    assert path.name == "INC-20260116003000.md"
    front = _front(path)
    assert front["started"] == "2026-01-16T00:30:00+01:00" and front["postmortem_due"] == "2026-01-22"
    path = _new(tmp_path, capsys, "--started", "2026-01-15T23:30+00:00")
    assert _front(path)["postmortem_due"] == "2026-01-21"  # Thu + Fri 16, Tue 20, Wed 21 (Mon 19: a holiday)


def test_postmortem_new_requires_start_and_bad_input(tmp_path, capsys):
    with pytest.raises(SystemExit) as e:
        main(["postmortem", "new", "x", "--sev", "1", "--dir", str(tmp_path)])
    assert e.value.code == 2
    assert "--started" in capsys.readouterr().err
    for wrong in ("9", "one"):
        with pytest.raises(SystemExit) as e:
            main(["incident", "new", "x", "--sev", wrong, "--dir", str(tmp_path)])
        assert e.value.code == 2
        assert f"--sev: {wrong!r} is not a severity; choose from SEV-1, SEV-2" in capsys.readouterr().err
    assert main(["incident", "new", "x", "--sev", "1", "--dir", str(tmp_path), "--started", "soon"]) == 2
    assert "--started 'soon'" in capsys.readouterr().err


def _line(path: Path, needle: str) -> int:
    return next(i for i, s in enumerate(path.read_text().splitlines(), 1) if needle in s)


def _fill(path: Path) -> None:
    """Fill every placeholder the way a responder would."""
    text = path.read_text()
    text = re.sub(r"\*\*Duration:\*\* .*", "**Duration:** 10:30 - 11:00 (30 minutes)", text)
    text = re.sub(r"\*\*Owner:\*\* .*", "**Owner:** Sam", text)
    text = re.sub(r"(- \*\*[^*]+:\*\*) \[.*\]", r"\1 none", text)
    text = re.sub(r"^\[.*\]$", "Written by the responder.", text, flags=re.M)
    text = text.replace(
        "| [to be filled in] | [to be filled in] | [to be filled in] | [to be filled in] |",
        "| Add pool alert | Database Team | 2026-01-30 | open |",
    )
    text = text.replace("- [to be filled in]", "- A point")
    path.write_text(text)


def test_round_trip_new_log_check(tmp_path, capsys):
    path = _new(tmp_path, capsys, "--started", START, cmd="postmortem")
    assert main(["incident", "log", str(path), "Fix deployed", "--at", "2026-01-16T10:50"]) == 0
    assert main(["incident", "log", str(path), "Alert fired", "--at", "2026-01-16T10:20"]) == 0
    capsys.readouterr()
    rows = re.findall(r"^\| (2026-01-16 \d\d:\d\d \+0000) \| (.*) \|$", path.read_text(), flags=re.M)
    assert [r[1] for r in rows] == ["Alert fired", "Incident declared: SEV-1 Sign-in failures", "Fix deployed"]

    # untouched: every placeholder is reported, one finding per line of the record
    assert main(["postmortem", "check", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:{_line(path, '- **Data lost:**')}:1: error: PM007" in out
    assert f"{path}:{_line(path, '[One paragraph summary')}:1: error: PM003 section 'Summary'" in out
    assert f"{path}:{_line(path, '| [to be filled in] |')}:1: error: PM005" in out

    _fill(path)
    assert main(["postmortem", "check", str(path)]) == 0, capsys.readouterr().out
    assert capsys.readouterr().out.strip() == f"{path}: clean"

    # now break it precisely: out-of-order row, action item without owner, data lost blanked, due date moved
    text = path.read_text()
    text = text.replace("| 2026-01-16 10:50 +0000 | Fix deployed |", "| 2026-01-16 10:05 +0000 | Fix deployed |")
    text = text.replace("| Add pool alert | Database Team |", "| Add pool alert |  |")
    text = text.replace("- **Data lost:** none", "- **Data lost:**")
    text = text.replace("postmortem_due: '2026-01-22'", "postmortem_due: '2026-01-19'")
    path.write_text(text)
    assert main(["postmortem", "check", str(path)]) == 1
    got = capsys.readouterr().out.strip().splitlines()
    assert got == [
        f"{path}:1:1: error: PM006 postmortem_due is 2026-01-19, expected 2026-01-22"
        " (3 business days after the start for SEV-1, SEV-2)",
        f"{path}:{_line(path, 'Fix deployed')}:3: error: PM004 timeline row 2026-01-16 10:05 +0000 is earlier"
        " than the row above (keep the timeline in time order)",
        f'{path}:{_line(path, "- **Data lost:**")}:1: error: PM007 "Data lost" is not stated'
        ' (write "none" if no data was lost)',
        f"{path}:{_line(path, 'Add pool alert')}:1: error: PM005 action item lacks Owner"
        " (every action item needs an owner, a due date and a status)",
        f"{path}: 4 finding(s)",
    ]


def test_check_unreadable_and_missing_front_matter(tmp_path, capsys):
    assert main(["postmortem", "check", str(tmp_path / "none.md")]) == 2
    assert "cannot read" in capsys.readouterr().err
    bad = tmp_path / "bin.md"
    bad.write_bytes(b"\xff\xfe\x00bad")
    assert main(["postmortem", "check", str(bad)]) == 2
    plain = tmp_path / "plain.md"
    plain.write_text("# Notes\n")
    assert main(["postmortem", "check", str(plain)]) == 1
    out = capsys.readouterr().out
    assert f"{plain}:1:1: error: PM001 front matter lacks id, severity, started, postmortem_due" in out
    assert "PM002 section 'Summary' is missing" in out


def test_log_errors(tmp_path, capsys):
    plain = tmp_path / "plain.md"
    plain.write_text("# Notes\n")
    assert main(["incident", "log", str(plain), "x", "--at", "2026-01-16T10:00"]) == 2
    assert "no '## Timeline' section" in capsys.readouterr().err
    assert main(["incident", "log", str(plain), "x", "--at", "noon"]) == 2
    assert "--at 'noon'" in capsys.readouterr().err


def test_log_a_runner_transcript_as_one_timeline_row(tmp_path, capsys):
    path = _new(tmp_path, capsys, "--started", START, cmd="postmortem")
    transcript = tmp_path / "run.txt"
    transcript.write_text("step 1 Check database connection: ok\n\n  step 2 Check disk space: ok  \n")
    argv = ["incident", "log", str(path), "Runbook database-down", "--at", "2026-01-16T10:40"]
    assert main([*argv, "--transcript", str(transcript)]) == 0
    assert main(["incident", "log", str(path), "--at", "2026-01-16T10:45", "--transcript", str(transcript)]) == 0
    assert main(["incident", "log", str(path), "x", "--transcript", str(tmp_path / "missing.txt")]) == 2
    capsys.readouterr()
    rows = dict(re.findall(r"^\| 2026-01-16 (\d\d:\d\d) \+0000 \| (.*) \|$", path.read_text(), flags=re.M))
    steps = "step 1 Check database connection: ok / step 2 Check disk space: ok"
    assert rows["10:40"] == f"Runbook database-down: {steps}" and rows["10:45"] == steps
