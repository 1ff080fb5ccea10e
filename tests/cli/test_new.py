"""`playbook new scenario`: the scaffold passes check, build, generate and its drill as written, on a copy of
the project, run as a user runs them; wrong ids, types and owners are one line; nothing is overwritten."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project
from playbook.cli.main import main

# The README's "Add a scenario", as a user reads it: its command, and the message it shows for a typo.
SECTION = (ROOT / "README.md").read_text(encoding="utf-8").split("### Add a scenario\n", 1)[1].split("\n### ", 1)[0]
NEW = shlex.split(re.search(r"```bash\n(.*?)\n```", SECTION, re.S).group(1))[1:]
TYPO = re.search(r"^`(data/scenarios/billing-export-stuck\.yaml:6:1: error: LOAD003 [^`]+)`$", SECTION, re.M).group(1)


def playbook(project: Path, *argv: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "playbook.cli.main", *argv],
        cwd=project,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=600,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_the_scaffold_passes_every_command_as_written(tmp_path):
    project = copy_project(tmp_path / "project")
    made = playbook(project, *NEW)
    assert made.returncode == 0, made.stderr
    file = project / "data" / "scenarios" / "billing-export-stuck.yaml"
    text = file.read_text(encoding="utf-8")
    assert text.split("\n", 1)[0] == "# yaml-language-server: $schema=../schema/scenario.schema.json"
    sc = yaml.safe_load(text)
    # the next number after the four scenarios; the least severe level; the type's primary in matrix.yaml
    assert {k: sc[k] for k in ("id", "number", "title", "incident_type", "severity", "owner", "found_by")} == {
        "id": "billing-export-stuck",
        "number": 5,
        "title": "Billing export stuck",
        "incident_type": "write-failures",
        "severity": "SEV-4",
        "owner": "backend-team",
        "found_by": "humans",
    }
    assert len(sc["symptoms"]) == 1 and len(sc["steps"]) == 1 and sc["steps"][0]["blocks"][0]["kind"] == "shell"
    assert sc["drill"]["steps"] == [{"step": 1, "diagnosis": True, "expect": {"stdout_equals": "200"}}]
    out = made.stdout
    assert out.startswith("wrote data/scenarios/billing-export-stuck.yaml: scenario 5, 'Billing export stuck'")
    for follow_up in (
        "add one to data/alerts.yaml",
        "set found_by: alert",
        "playbook drill billing-export-stuck --record",
        "playbook generate",
        "playbook check",
    ):
        assert follow_up in out, out

    checked = playbook(project, "check")
    assert checked.returncode == 0 and re.search(r"^0 errors, \d+ warnings$", checked.stderr, re.M), checked.stderr
    assert "billing-export-stuck" not in checked.stdout + checked.stderr  # not one warning about it either
    built = playbook(project, "build", "--site-dir", str(tmp_path / "site"))
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "site" / "scenarios" / "billing-export-stuck.html").read_text(encoding="utf-8")
    assert "Billing export stuck" in page and "/api/health/liveness" in page
    generated = playbook(project, "generate")
    assert generated.returncode == 0, generated.stderr
    assert "wrote runbooks/scenarios/billing-export-stuck.sh" in generated.stdout
    drilled = playbook(project, "drill", "billing-export-stuck")
    assert drilled.returncode == 0, drilled.stdout + drilled.stderr
    assert "PASS    billing-export-stuck step 1 (Check that the app answers)" in drilled.stdout
    assert "time to diagnosis: " in drilled.stdout and "not reached" not in drilled.stdout
    # the follow-ups are all it takes: with the drill recorded, nothing generated is stale
    assert playbook(project, "generate", "--check").returncode == 1  # its drill result is not recorded yet
    assert playbook(project, "drill", "billing-export-stuck", "--record").returncode == 0
    final = playbook(project, "generate", "--check")
    assert final.returncode == 0, final.stdout + final.stderr
    # and the README's example of a typo in it is what `check` says
    file.write_text(text.replace("severity: SEV-4", "severity: SEV2", 1), encoding="utf-8")
    typo = playbook(project, "check")
    assert typo.returncode == 2 and typo.stderr.split("\n")[0] == TYPO, typo.stderr


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def new(project: Path, *argv: str) -> int:
    return main(["--project", str(project), "new", "scenario", *argv])


def scenario_files(project: Path) -> dict[str, str]:
    return {f.name: f.read_text(encoding="utf-8") for f in sorted((project / "data" / "scenarios").iterdir())}


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (
            ["database-down", "--title", "x", "--type", "write-failures"],
            "playbook new scenario: 'database-down' is taken: data/scenarios/database-down.yaml has that id; "
            "choose another\n",
        ),
        (
            ["rollback", "--title", "x", "--type", "write-failures"],
            "playbook new scenario: 'rollback' is taken: data/procedures/rollback.yaml has that id; choose another\n",
        ),
        (
            ["Billing Export", "--title", "x", "--type", "write-failures"],
            "playbook new scenario: 'Billing Export' is not an id (did you mean billing-export?): letters, digits, "
            "'.', '_' and '-', starting with a letter or digit, no spaces, e.g. backend-team\n",
        ),
        (
            ["billing", "--title", " ", "--type", "write-failures"],
            "playbook new scenario: --title is empty; give the scenario a title\n",
        ),
    ],
)
def test_a_wrong_id_or_title_is_refused_in_one_line(project, capsys, argv, says):
    before = scenario_files(project)
    assert new(project, *argv) == 2
    assert capsys.readouterr().err == says
    assert scenario_files(project) == before


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (
            ["--type", "write-failure"],
            "argument --type: 'write-failure' is not an incident type (did you mean write-failures?); choose from "
            "auth-failures, write-failures, read-failures, ai-failures, database-failures, audit-failures, "
            "security-breach",
        ),
        (
            ["--type", "write-failures", "--owner", "Backend"],
            "argument --owner: 'Backend' is not a team or role (did you mean backend-team?); choose from "
            "security-team, backend-team, database-team, ai-team, devops-team, compliance-team, oncall-team, "
            "legal-team, board, cto, eng-manager, oncall-primary, oncall-secondary, security-lead, compliance-lead",
        ),
        (["--type", "write-failures", "--sev", "SEV-9"], "argument --sev: 'SEV-9' is not a severity; choose from"),
    ],
)
def test_a_wrong_type_owner_or_severity_names_the_choices(project, capsys, argv, says):
    before = scenario_files(project)
    with pytest.raises(SystemExit) as e:
        new(project, "billing", "--title", "Billing", *argv)
    err = capsys.readouterr().err
    assert e.value.code == 2 and err.count("\n") == 1 and says in err, err
    assert scenario_files(project) == before


def test_an_existing_file_is_never_overwritten(project, capsys):
    scenarios = project / "data" / "scenarios"
    other = (scenarios / "ai-service-down.yaml").read_text(encoding="utf-8")
    (scenarios / "billing.yaml").write_text(other.replace("id: ai-service-down", "id: ai-down-2", 1), "utf-8")
    before = scenario_files(project)
    assert new(project, "billing", "--title", "Billing", "--type", "write-failures") == 2
    err = capsys.readouterr().err  # a file not named after its id is refused before anything is written
    assert err.startswith(
        "data/scenarios/billing.yaml:2:1: error: LOAD009 id: id 'ai-down-2' in a file named billing"
    ), err
    assert scenario_files(project) == before


def test_a_title_the_loader_refuses_leaves_no_file(project, capsys):
    before = scenario_files(project)
    assert new(project, "billing", "--title", "Billing [stuck](javascript:x)", "--type", "write-failures") == 2
    err = capsys.readouterr().err
    assert err.startswith("data/scenarios/billing.yaml:4:1: error: LOAD006 title: a link to 'javascript:x' in data")
    assert err.endswith("playbook new scenario: the scenario would not load as given; data/scenarios/billing.yaml "
                        "not written\n")  # fmt: skip
    assert scenario_files(project) == before


def test_the_number_follows_the_highest_and_the_options_are_kept(project, capsys):
    scenarios = project / "data" / "scenarios"
    path = scenarios / "ai-service-down.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("number: 4\n", "number: 9\n", 1), "utf-8")
    title = "Sign-in: slow # at peak"  # a colon and a hash: YAML would misread it unquoted
    assert new(project, "login-slow", "--title", title, "--type", "auth-failures", "--owner", "cto", "--sev", "2") == 0
    capsys.readouterr()
    sc = yaml.safe_load((scenarios / "login-slow.yaml").read_text(encoding="utf-8"))
    assert (sc["number"], sc["title"], sc["severity"], sc["owner"]) == (10, title, "SEV-2", "cto")
