"""Every generated alert, end to end, in one run: the real Prometheus and Alertmanager (started once for the module,
on 127.0.0.1, stopped even on failure) see the fault fire it, page exactly who `playbook who` names, carry the
scenario's runbook URL, and resolve after the runbook; a healthy stand-in under the same traffic pages nobody."""

from __future__ import annotations

import io
import re
import threading
from datetime import timedelta

import pytest
import yaml

from conftest import ROOT, edit
from playbook.alerts.prometheus import resolve
from playbook.cli.drill import alert_table
from playbook.data.load import load_catalog
from playbook.drill import alerting
from playbook.drill.alert_results import stale_alert_results
from playbook.drill.alerting import TIME_FACTOR, run_all
from playbook.incident.routes import route

RULES = ROOT / "alerts" / "playbook.rules.yml"


@pytest.fixture(scope="module")
def drills(catalog, tmp_path_factory):
    # run_all holds Prometheus, Alertmanager, the webhooks and the exporters in context managers: stopped on
    # any exit, and it binds 127.0.0.1 only (free ports).
    return run_all(catalog, tmp=tmp_path_factory.mktemp("alert-drills"))


def rules() -> list[dict]:
    return yaml.safe_load(RULES.read_text(encoding="utf-8"))["groups"][0]["rules"]


def site() -> str:
    meta = yaml.safe_load((ROOT / "data" / "meta.yaml").read_text(encoding="utf-8"))
    return next(x["url"] for x in meta["links"] if x["id"] == "playbook-site").rstrip("/") + "/"


def test_every_generated_alert_fires_pages_whom_who_names_links_its_runbook_and_resolves(drills, catalog):
    proven = {a.alert: (run, a) for run in drills.runs for a in run.alerts if a.required}
    assert sorted(proven) == sorted(r["alert"] for r in rules())  # each alert has its drill
    for rule in rules():
        run, a = proven[rule["alert"]]
        labels = rule["labels"]
        who = [c.party for c in route(catalog, labels["severity"], timedelta(0), labels["incident_type"])]
        assert a.fired_after_s is not None, (run.id, a)
        assert sorted(a.receivers) == sorted(who), (rule["alert"], a.receivers, who)
        assert a.runbook_url == f"{site()}scenarios/{labels['scenario']}.html#runbook", a
        assert run.scenario == labels["scenario"]
        assert a.resolved_after_s is not None, (run.id, a, run.problems)


def test_no_false_alert_and_the_runbooks_pass_under_alerting(drills):
    assert drills.healthy.false_alerts == []
    assert drills.healthy.duration_s >= 10  # as long as the faulted runs, under the same traffic
    for run in drills.runs:
        assert run.false_alerts == [], run.id
        assert run.problems == [], run.id  # the runbook's steps passed, every wait ended in time
        for a in run.alerts:  # another scenario's alert for a symptom (writes failing with the database)
            assert a.required or a.passed, (run.id, a)
    assert drills.passed


def test_one_time_factor_makes_the_longest_for_a_few_seconds(drills):
    longest = max(int(re.fullmatch(r"(\d+)m", r["for"]).group(1)) for r in rules())
    assert drills.time_factor == TIME_FACTOR and longest * 60 / TIME_FACTOR <= 10
    out = io.StringIO()
    alert_table(drills, out)
    text = out.getvalue()
    assert f"divided by {TIME_FACTOR:g}" in text and all(r["alert"] in text for r in rules())
    assert "healthy target" in text and "passed" in text


def test_the_recorded_alert_drills_are_those_of_the_data(catalog):
    assert stale_alert_results(catalog) == []


def test_a_changed_rule_makes_the_recorded_alert_drills_stale(data_copy):
    edit(data_copy / "alerts.yaml", "    for: 10m", "    for: 15m")
    lines = stale_alert_results(load_catalog(data_copy))
    assert lines and all("playbook drill --all --alerts --record" in ln for ln in lines)
    assert any("alert drill database-down.slow-queries: the data this run uses changed" in ln for ln in lines)


def test_a_run_that_raises_ends_the_drills_with_its_error_not_a_hang(catalog, tmp_path, monkeypatch):
    # The healthy run serves until every faulted run is over: a run that raised once left it waiting for ever, and
    # the drills (and the suite) hung. One real run, its scenario drill broken; the test frees the healthy run
    # itself if run_all is still busy after a minute, so Prometheus and Alertmanager stop even then.
    first = alerting.runs_of(catalog, resolve(catalog))[:1]
    monkeypatch.setattr(alerting, "runs_of", lambda cat, rules: first)

    def broken(cat, scenario, variant, hooks):
        raise RuntimeError("the stand-in broke")

    monkeypatch.setattr(alerting, "drill", broken)
    healthy, until = alerting._healthy, []
    monkeypatch.setattr(
        alerting, "_healthy", lambda cat, f, e, tmp, done: healthy(cat, f, e, tmp, until.append(done) or done)
    )
    outcome: list[BaseException | None] = []

    def go():
        try:
            run_all(catalog, tmp=tmp_path)
            outcome.append(None)
        except BaseException as e:  # noqa: BLE001 - the test reads what run_all raised
            outcome.append(e)

    worker = threading.Thread(target=go, daemon=True)
    worker.start()
    worker.join(60)
    hung = worker.is_alive()
    if hung:
        until[0].set()
        worker.join(60)
    assert not hung, "run_all still running a minute after its only run raised"
    assert isinstance(outcome[0], RuntimeError) and "the stand-in broke" in str(outcome[0])
