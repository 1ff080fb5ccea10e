"""The drill target honours the contract in data/catalog.yaml: limits, readiness, flag, counters, log format."""

from __future__ import annotations

import json
import time

import pytest

from conftest import edit
from playbook.data import files as F
from playbook.data.load import load_catalog
from playbook.drill import db as drill_db
from playbook.drill.faults import call
from playbook.drill.target import DrillTarget


@pytest.fixture
def target(catalog, tmp_path):
    db = tmp_path / "prisma" / "dev.db"
    drill_db.create(db, catalog.project.app_schema)
    with DrillTarget(catalog, db, tmp_path / "logs.json") as t:
        yield t


def signin(t, ip):
    return call(t.base_url, t.ep["signin"], {"email": "x@example.test", "password": "wrong"}, ip=ip)[0]


def test_auth_answers_429_exactly_after_the_limit_per_ip(catalog, target):
    limit = catalog.limits["AUTH"].requests
    assert [signin(target, "203.0.113.9") for _ in range(limit + 3)] == [401] * limit + [429] * 3
    assert signin(target, "203.0.113.10") == 401  # another client has its own window
    counters = target.counters
    assert counters["auth.signin.failure"] == limit + 1 and counters["ratelimit.hit"] == 3


def test_readiness_is_503_on_a_corrupt_or_missing_database(target):
    ready = target.ep["readiness"]
    assert call(target.base_url, ready)[0] == 200
    backup = target.db_path.read_bytes()
    drill_db.corrupt(target.db_path)
    assert call(target.base_url, ready)[0] == 503
    target.db_path.write_bytes(backup)
    assert call(target.base_url, ready)[0] == 200
    drill_db.move_away(target.db_path)
    assert call(target.base_url, ready)[0] == 503
    assert not target.db_path.exists(), "a probe must not create an empty database"


def test_refused_response_is_the_catalogs(catalog, target):
    flag = catalog.data.feature_flags[0]
    target.env[flag.name] = "false"
    status, body = call(target.base_url, target.ep["generate-note"], {"sessionId": "1"}, token=True)
    assert (status, body) == (200, flag.refused_response)
    assert target.counters["ai.generate_note.invocation"] == 0  # the provider is not called


def test_ai_provider_down_counts_errors_and_refuses(catalog, target):
    target.provider_up = False
    for _ in range(3):
        body = call(target.base_url, target.ep["generate-note"], {"sessionId": "1"}, token=True)[1]
        assert body == catalog.data.feature_flags[0].refused_response
    assert target.counters["ai.generate_note.error"] == 3
    target.provider_up = True
    assert call(target.base_url, target.ep["generate-note"], {"sessionId": "1"}, token=True)[1]["refused"] is False


def test_ai_limit_tbd_means_no_limit(catalog, target):
    assert catalog.limits["AI"].requests == "TBD"
    most = max(x.requests for x in catalog.data.rate_limits if x.requests != "TBD")
    statuses = {call(target.base_url, target.ep["generate-note"], {}, token=True)[0] for _ in range(most + 1)}
    assert statuses == {200}


def test_ai_limit_when_given_answers_the_rate_limited_response(data_copy, tmp_path):
    edit(data_copy / "catalog.yaml", "{id: AI, requests: TBD", "{id: AI, requests: 2")
    cat = load_catalog(data_copy)
    drill_db.create(tmp_path / "dev.db", cat.project.app_schema)
    with DrillTarget(cat, tmp_path / "dev.db", tmp_path / "log.json") as t:
        got = [call(t.base_url, t.ep["generate-note"], {}, token=True) for _ in range(3)]
    assert [s for s, _ in got] == [200, 200, 429]
    assert got[2][1] == cat.data.feature_flags[0].rate_limited_response


def test_bearer_endpoints_need_the_token(target):
    assert call(target.base_url, target.ep["notes"], {"sessionId": "1"})[0] == 401
    assert call(target.base_url, target.ep["notes"], {"sessionId": "1"}, token=True)[0] == 200


def test_state_transitions_are_validated(target):
    url, notes = target.base_url, target.ep["notes"]
    status, body = call(url, notes, {"sessionId": "s", "content": "c"}, token=True)
    assert status == 200
    assert call(url, notes, {"id": body["id"], "status": "signed"}, token=True)[0] == 409  # draft cannot be signed
    assert call(url, notes, {"id": body["id"], "status": "finalized"}, token=True)[0] == 200
    assert call(url, notes, {"id": body["id"], "status": "signed"}, token=True)[0] == 200
    c = target.counters
    assert (c["write.note.created"], c["write.note.finalized"], c["write.note.error"]) == (1, 1, 1)


def test_metrics_are_the_catalog_counters(catalog, target):
    status, body = call(target.base_url, target.ep["metrics"])
    assert status == 200
    assert set(body["metrics"]["counters"]) == {m.name for m in catalog.data.metrics if m.type == "counter"}


def test_log_lines_follow_the_catalog_log_format(catalog, target):
    signin(target, "203.0.113.9")
    call(target.base_url, target.ep["notes"], {"id": "nope", "status": "signed"}, token=True)
    fields = {f.path: f for f in catalog.data.log_format.fields}
    types = {"string": str, "integer": int, "number": (int, float), "boolean": bool}
    lines = [json.loads(x) for x in target.log_file.read_text().splitlines()]
    assert any(x["message"] == "Auth failed" and x["context"]["ip"] == "203.0.113.9" for x in lines)
    for entry in lines:
        flat = {f"{k}.{kk}": vv for k, v in entry.items() if isinstance(v, dict) for kk, vv in v.items()}
        flat |= {k: v for k, v in entry.items() if not isinstance(v, dict)}
        assert set(flat) <= set(fields), entry
        assert all(f.path in flat for f in fields.values() if f.required), entry
        for path, value in flat.items():
            assert isinstance(value, types[fields[path].type]), (path, entry)
            assert fields[path].enum is None or value in fields[path].enum, (path, entry)


def test_traffic_goes_to_127_0_0_1_only():
    with pytest.raises(ValueError, match="127.0.0.1 only"):
        call("http://example.com", "/api/metrics")


def test_the_stand_in_database_has_the_apps_tables(catalog, tmp_path):
    """The drill target's database is built from the contract that check compiles the runbooks' SQL against."""
    import sqlite3

    db = tmp_path / "dev.db"
    drill_db.create(db, catalog.project.app_schema)
    contract = sqlite3.connect(":memory:")
    contract.executescript(catalog.project.app_schema.read_text(encoding="utf-8"))
    columns = "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table'"
    with sqlite3.connect(db) as con:
        assert sorted(con.execute(columns)) == sorted(contract.execute(columns))
        assert con.execute('SELECT count(*) FROM "ClinicalNote"').fetchone()[0] == len(drill_db.SEED_NOTES)
    con.close()
    contract.close()


@pytest.mark.parametrize(
    ("old", "new", "why"),
    [
        ("status_class: [4xx, 5xx]}", "statusclass: [4xx, 5xx]}", "by endpoint, status_class, not"),
        # a value the stand-in gives a label (a 401's 4xx) that the catalog's label does not take
        ("status_class: [4xx, 5xx]}", "status_class: [5xx]}", "with status_class=401, a value catalog.yaml does not"),
        ("name: http.errors, type: counter", "name: http.errors, type: histogram", "makes http.errors a histogram"),
        ("name: http.errors,", "name: http.failures,", "counts http.errors, which catalog.yaml's metrics lack"),
    ],
)
def test_a_catalog_the_stand_in_does_not_implement_is_a_located_problem_not_a_dropped_request(
    data_copy, tmp_path, old, new, why
):
    """Found by the fuzz: the request thread raised on a renamed label, the drill got a dropped connection."""
    file = data_copy / "catalog.yaml"
    line = file.read_text(encoding="utf-8").split(old)[0].count("\n") + 1
    edit(file, old, new)
    cat = load_catalog(data_copy)
    drill_db.create(tmp_path / "dev.db", cat.project.app_schema)
    with DrillTarget(cat, tmp_path / "dev.db", tmp_path / "log.json") as t:
        assert signin(t, "203.0.113.7") == 401  # answered, though its error cannot be counted
        problems = t.metrics.located(cat)
    assert len(problems) == 1 and why in problems[0], problems
    at = f"{cat.file(F.CATALOG)}:{line}:" if "lack" not in why else f"{cat.file(F.CATALOG)}: "
    assert problems[0].startswith(at), problems


def test_the_alert_drills_time_factor_shortens_the_limit_windows_except_while_the_runbook_is_walked(catalog, tmp_path):
    """The alert drills divide a limit's window by their time factor (60 s becomes 0.5 s), but walk the runbook
    with the data's windows (window_factor 1): its step counting the refusals must not straddle a window."""
    limit = catalog.limits["AUTH"].requests
    db = tmp_path / "dev.db"
    drill_db.create(db, catalog.project.app_schema)
    with DrillTarget(catalog, db, tmp_path / "log.json", time_factor=120) as t:
        for factor, after_a_pause in ((120, 401), (1, 429)):
            t.window_factor, ip = factor, f"203.0.113.{factor}"
            assert [signin(t, ip) for _ in range(limit)] == [401] * limit
            time.sleep(0.6)  # past 60 s / 120
            assert signin(t, ip) == after_a_pause, factor
