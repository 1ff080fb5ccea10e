"""TXT009: a Markdown text that is also written where Markdown is not read (a metric's help: Prometheus HELP; a
dashboard item: a Grafana title; a symptom: an alert's description; the status page's message; a placeholder's
meaning: the scripts' prompt) holds no emphasis, link or other markup; a code span only where that place drops
the backticks."""

from __future__ import annotations

import pytest

from conftest import ROOT, edit
from playbook import project as projects
from playbook.adapters.mkdocs.markdown import text_renderer
from playbook.data.load import load_catalog
from playbook.data.model import Metric, Placeholder
from playbook.data.model_dashboard import PanelItem
from playbook.data.model_incident import StatusPage
from playbook.data.model_runbook import Symptom
from playbook.data.outputs import PlainToo, plain_too
from playbook.site.checking import check

RENDER = text_renderer(projects.at(ROOT))
HELP = "Requests refused by a rate limit, by limit class, IP and user"

# (file, old, new, marker: the finding's line holds it, the message names)
FAULTS = [
    ("catalog.yaml", HELP, "Requests refused by a rate limit, **by limit class**, IP and user", "**by limit", "strong"),
    ("catalog.yaml", HELP, "Requests refused by a rate limit, by _limit class_, IP and user", "_limit class_", "emph"),
    ("catalog.yaml", HELP, "Requests refused by a [rate limit](reference.md), by limit class", "[rate limit]", "link"),
    # a HELP line keeps a code span's backticks
    ("catalog.yaml", HELP, "Requests refused by a rate limit, by `limit` class, IP and user", "by `limit`", "code"),
    ("catalog.yaml", HELP, "Requests refused by a rate limit: *by limit class*, IP and user", "*by limit", "emph"),
    ("dashboard.yaml", "{text: Total requests per second,", "{text: Total requests per **second**,", "per **second**",
     "strong"),
    ("dashboard.yaml", "{text: Total requests per second,", "{text: Total requests per *second*,", "per *second*",
     "emphasis"),
    ("scenarios/database-down.yaml", "{text: Write operations failing,", "{text: Write operations __failing__,",
     "operations __failing__", "strong"),
    ("incident.yaml", "We are investigating reports of login issues.",
     "We are investigating reports of **login issues**.", "**login issues**", "strong"),
    ("incident.yaml", "We are investigating reports of login issues.",
     "We are investigating reports of `login` issues.", "of `login` issues", "code"),
    # an escalation step's trigger is the reason the paging tool's policy gives (JSON: backticks kept)
    ("oncall.yaml", "trigger: The incident persists", "trigger: The incident **persists**", "**persists**", "strong"),
    ("oncall.yaml", "trigger: The incident persists", "trigger: The incident persists (`ack-sla`)", "`ack-sla`",
     "code"),
    # a destructive block's undo is a note of the scripts and the manifest: ** and backticks dropped, a link kept
    ("procedures/disable-ai.yaml", 'undo: "Follow Re-enable AI below',
     'undo: "Follow [Re-enable AI](#re-enable-ai) below', "[Re-enable AI]", "link"),
    ("procedures/disable-ai.yaml", 'undo: "Follow Re-enable AI below', 'undo: "Follow _Re-enable AI_ below',
     "_Re-enable AI_", "emphasis"),
    ("meta.yaml", "meaning: Path of the latest database backup file.",
     "meaning: Path of the [latest database backup](logs.md) file.", "[latest database backup]", "link"),
]  # fmt: skip

# Where the place drops a code span's backticks, a code span passes (a Grafana title, an alert's, the scripts' prompt)
NEAR_MISSES = [
    ("dashboard.yaml", "{text: Total requests per second,", "{text: Total `http.requests` per second,"),
    ("meta.yaml", "meaning: Path of the latest database backup file.", "meaning: Path of the latest `*.db` backup."),
    ("procedures/disable-ai.yaml", 'undo: "Follow Re-enable AI below', 'undo: "Follow **Re-enable AI** below'),
    ("catalog.yaml", HELP, "Requests refused by a rate limit, by limit class (limit_class), IP and user"),
]


def _line(path, needle: str) -> int:
    (n,) = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    return n


@pytest.mark.parametrize(("file", "old", "new", "marker", "says"), FAULTS, ids=[f"{f[0]}-{f[4]}" for f in FAULTS])
def test_txt009_markup_in_a_text_written_as_plain_text_is_an_error_at_its_line(data_copy, file, old, new, marker, says):
    edit(data_copy / file, old, new)
    found = [p for p in check(load_catalog(data_copy), ["TXT009"], render=RENDER) if p.level == "error"]
    assert {(p.file, p.line) for p in found} == {(f"data/{file}", _line(data_copy / file, marker))}, [
        p.format() for p in found
    ]
    assert all("shows as typed" in p.message for p in found), [p.format() for p in found]


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES, ids=[f[0] for f in NEAR_MISSES])
def test_txt009_near_misses_pass(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert check(load_catalog(data_copy), ["TXT009"], render=RENDER) == []


def test_txt009_leaves_what_the_page_refuses_too_to_txt008(data_copy):
    edit(data_copy / "catalog.yaml", HELP, "Requests refused by a rate limit, by ~~IP~~ limit class and user")
    found = check(load_catalog(data_copy), ["TXT008", "TXT009"], render=RENDER)
    assert [p.rule for p in found] == ["TXT008"], [p.format() for p in found]


def test_txt009_real_data_passes(catalog):
    assert check(catalog, ["TXT009"], render=RENDER) == []


def test_txt009_the_models_mark_the_fields_written_as_plain_text():
    """Each field a generator writes as plain text is marked, with whether that place drops a code span's backticks."""
    marked = {
        type(m).__name__: mark.drops
        for m in (
            Metric(name="a.b", type="counter", unit="x", help="h"),
            PanelItem(text="t", metrics=["a.b"]),
            Symptom(text="s"),
            StatusPage(status="Investigating", message="m", note="n"),
            Placeholder(name="NAME", meaning="m"),
        )
        for _, _, mark in plain_too(m)
        if isinstance(mark, PlainToo)
    }
    code = ("code",)
    assert marked == {"Metric": (), "PanelItem": code, "Symptom": code, "StatusPage": (), "Placeholder": code}


def test_txt009_runs_in_playbook_check(data_copy):
    from playbook.cli.main import main

    edit(data_copy / "catalog.yaml", HELP, "Requests refused by a rate limit, __by limit class__, IP and user")
    assert main(["--data", str(data_copy), "check", "--rule", "TXT009", "--no-cache"]) == 1
