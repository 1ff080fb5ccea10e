"""Alerts from the data: committed files current, thresholds taken from severities, pages and bad input."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, edit, page_text
from playbook.alerts.prometheus import resolve, rules_text
from playbook.alerts.promnames import prom_names
from playbook.checks.alerts import broken_runbook
from playbook.data.load import load_catalog
from playbook.errors import DataError


def test_thresholds_follow_the_severity_data(data_copy):
    raw = yaml.safe_load((data_copy / "severities.yaml").read_text(encoding="utf-8"))
    sev2 = next(x for x in raw["levels"] if x["id"] == "SEV-2")
    ai = next(c for c in sev2["conditions"] if c["signal"] == "ai_error_rate")
    before = rules_text(load_catalog(data_copy))
    assert f"ai_generate_note_invocation_total[5m])) > {ai['value']}\n" in before
    edit(
        data_copy / "severities.yaml",
        f'op: ">", value: {ai["value"]}, wording: AI service down',
        'op: ">", value: 65, wording: AI service down',
    )
    after = rules_text(load_catalog(data_copy))
    assert "ai_generate_note_invocation_total[5m])) > 65\n" in after
    assert after.replace("> 65", f"> {ai['value']}").replace(": > 65%", f": > {ai['value']}%") == before


def test_no_threshold_is_typed_in_alerts_yaml():
    """The only numbers in alerts.yaml are symptom indexes; thresholds are looked up."""
    found = []

    def walk(node, key=None):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, int | float) or (isinstance(node, str) and re.search(r"\d", node) and key != "for"):
            found.append((key, node))

    walk(yaml.safe_load((ROOT / "data" / "alerts.yaml").read_text(encoding="utf-8")))
    # 5xx is a label value; the router's timings and the relay's port are settings, not thresholds
    allowed = {"symptom", "level", "window", "status_class", "group_wait", "group_interval", "smarthost"}
    assert {k for k, _ in found} <= allowed, found
    assert all(re.fullmatch(r"SEV-\d", v) for k, v in found if k == "level")


def test_every_rule_has_labels_annotations_and_who_it_pages(catalog):
    doc = yaml.safe_load((ROOT / "alerts" / "playbook.rules.yml").read_text(encoding="utf-8"))
    rules = doc["groups"][0]["rules"]
    assert len(rules) == len(catalog.alerts.alerts)
    for rule, al in zip(rules, catalog.alerts.alerts, strict=True):
        sc = catalog.scenarios[al.scenario]
        assert set(rule["labels"]) == {"severity", "team", "scenario", "incident_type"}
        assert rule["labels"]["team"] == sc.owner
        assert (rule["labels"]["scenario"], rule["labels"]["incident_type"]) == (sc.id, sc.incident_type)
        assert rule["labels"]["severity"] == (al.condition.level if al.condition else sc.severity)
        assert set(rule["annotations"]) == {"summary", "description", "runbook_url"}
        assert rule["for"] == al.for_
    primary = catalog.party_name("oncall-primary")
    assert all(primary in r["annotations"]["description"] for r in rules)
    manager = catalog.party_name("eng-manager")
    assert [r["alert"] for r in rules if manager in r["annotations"]["description"]] == [
        "SystemDown",
        "DatabaseNotReady",
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("auth.signin.failure", ["auth_signin_failure_total"]),
        ("http.request.duration", [f"http_request_duration_milliseconds_{s}" for s in ("bucket", "sum", "count")]),
        ("process.uptime", ["process_uptime_seconds"]),
        ("health.readiness", ["health_readiness"]),
    ],
)
def test_metric_name_mapping(catalog, name, expected):
    (metric,) = [m for m in catalog.data.metrics if m.name == name]
    assert prom_names(metric) == expected


PROMQL_WORDS = {"sum", "rate", "by", "or", "vector", "topk", "histogram_quantile", "le"}


def metric_names_in(expr: str) -> set[str]:
    """Identifiers of an expression that are neither functions, keywords, label names nor values."""
    expr = re.sub(r"\{[^}]*\}|\[[^\]]*\]", "", expr)  # label matchers, range windows
    expr = re.sub(r"\b(by) \([^)]*\)", "", expr)  # grouping labels
    return set(re.findall(r"\b[a-z][a-z0-9_]*\b", expr)) - PROMQL_WORDS


def test_rules_and_dashboard_query_catalog_metrics_only(catalog):
    known = {n for m in catalog.data.metrics for n in prom_names(m)}
    exprs = [a.expr for a in resolve(catalog)]
    dash = json.loads((ROOT / "dashboards" / "clinical-os.json").read_text(encoding="utf-8"))
    exprs += [t["expr"] for p in dash["panels"] for t in p.get("targets", [])]
    assert len(exprs) > 30
    for expr in exprs:
        names = metric_names_in(expr)
        assert names and names <= known, (expr, names - known)


def test_grafana_dashboard_structure(catalog):
    dash = json.loads((ROOT / "dashboards" / "clinical-os.json").read_text(encoding="utf-8"))
    for key, kind in (("title", str), ("uid", str), ("schemaVersion", int), ("panels", list), ("time", dict)):
        assert isinstance(dash[key], kind), key
    rows = [p for p in dash["panels"] if p["type"] == "row"]
    assert [r["title"] for r in rows] == [s.title for s in catalog.dashboard.panels]
    panels = [p for p in dash["panels"] if p["type"] != "row"]
    assert len(panels) == sum(len(s.items) for s in catalog.dashboard.panels)
    ids = [p["id"] for p in dash["panels"]]
    assert len(ids) == len(set(ids)) and all(isinstance(i, int) for i in ids)
    cells = set()
    for p in panels:
        assert p["type"] in {"timeseries", "stat"} and p["title"]
        g = p["gridPos"]
        assert set(g) == {"x", "y", "w", "h"} and g["x"] + g["w"] <= 24 and min(g.values()) >= 0
        cells |= {(x, y) for x in range(g["x"], g["x"] + g["w"]) for y in range(g["y"], g["y"] + g["h"])}
        assert p["targets"] and all(t["expr"] and re.fullmatch(r"[A-Z]", t["refId"]) for t in p["targets"])
        assert len({t["refId"] for t in p["targets"]}) == len(p["targets"])
    area = sum(p["gridPos"]["w"] * p["gridPos"]["h"] for p in panels)
    assert len(cells) == area, "panels overlap"


def test_unknown_metric_is_a_located_error(data_copy):
    edit(data_copy / "alerts.yaml", "metric: {metric: ai.generate_note.error}", "metric: {metric: ai.generate.errors}")
    proc = subprocess.run(
        [sys.executable, "-m", "playbook.cli.main", "--data", str(data_copy), "alerts", "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 2
    line = next(n for n, t in enumerate((data_copy / "alerts.yaml").read_text().splitlines(), 1) if "ai.generate." in t)
    assert f"data/alerts.yaml:{line}:" in proc.stderr
    assert "alerts[3].metric" in proc.stderr and "no catalog metric" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_boolean_condition_cannot_give_a_threshold(data_copy):
    edit(
        data_copy / "alerts.yaml", "{level: SEV-2, signal: ai_error_rate}", "{level: SEV-2, signal: auth_failure_spike}"
    )
    with pytest.raises(DataError) as info:
        resolve(load_catalog(data_copy))
    (p,) = info.value.problems
    assert p.field == "alerts[3].condition" and "no numeric condition" in p.message


def _raw(name: str):
    return yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))


def test_alerting_page_sections_and_seed_anchor(site, catalog):
    """One numbered section per alert of alerts.yaml (read with pyyaml), in its order, saying what the data says."""
    html = (site / "alerting.html").read_text(encoding="utf-8")
    assert 'id="2-write-operation-failure-spike"' in html
    text = page_text(html)
    sections = html[html.index("<article") : html.index("</article>")].split("<h2 ")[1:]
    levels = {lv["id"]: lv for lv in _raw("severities.yaml")["levels"]}
    units = {sig["id"]: sig["unit"] for sig in _raw("severities.yaml")["signals"]}
    alerts = _raw("alerts.yaml")["alerts"]
    for n, (al, section) in enumerate(zip(alerts, sections, strict=False), 1):
        said = page_text(f"<article><h2 {section}</article>")
        sc = _raw(f"scenarios/{al['scenario']}.yaml")
        name = "".join(al["title"].split())  # "the alert name is its words joined (SystemDown)": model_alerts.Alert
        assert said.startswith(f" {n}. {al['title']}¶ Alert {name} "), said[:80]
        level = al["condition"]["level"] if "condition" in al else sc["severity"]
        assert f"Severity {level} {levels[level]['name']} " in said
        assert f"Team label {sc['owner']} " in said and f"Runbook Scenario {sc['number']}: {sc['title']} " in said
        assert f", for {al['for']} " in said
        if "condition" in al:
            (cond,) = [c for c in levels[level]["conditions"] if c["signal"] == al["condition"]["signal"]]
            unit = {"%": "%", "x": "x", "ms": " ms", "min": " min"}[units[cond["signal"]]]  # as the pages write them
            assert f" > {cond['value']}{unit}: the {level} threshold of" in said
        anchor = al.get("anchor", "runbook")
        assert f'href="scenarios/{al["scenario"]}.html#{anchor}"' in section
        assert f'id="{anchor}"' in (site / "scenarios" / f"{al['scenario']}.html").read_text(encoding="utf-8")
    assert len(sections) >= len(alerts)
    assert "auth.signin.failure counter attempts auth_signin_failure_total" in text
    section = text[text.index("2. Write Operation Failure Spike") : text.index("3. Auth Failure Spike")]
    assert "SEV-2 HIGH" in section and catalog.party_name("oncall-primary") in section
    monitoring = page_text((site / "monitoring.html").read_text(encoding="utf-8"))
    assert "sum by (category) (rate(http_requests_total[5m]))" in monitoring
    assert "Request Rate row" in monitoring


def test_built_site_check_catches_a_missing_anchor(site, catalog):
    a = resolve(catalog)[0]
    bad = type(a)(**{**a.__dict__, "runbook_url": a.runbook_url.replace("#runbook", "#no-such-section")})
    assert broken_runbook(catalog, bad, site) == f"page {a.runbook_path.split('#')[0]} has no section #no-such-section"


def test_seed_anchor_survives_reordering(data_copy):
    from playbook.site.alerting import render_alerting

    text = (data_copy / "alerts.yaml").read_text(encoding="utf-8")
    head, _, body = text.partition("alerts:\n")
    items = ["  - title:" + x for x in body.split("  - title:")[1:]]
    (data_copy / "alerts.yaml").write_text(head + "alerts:\n" + "".join(reversed(items)), encoding="utf-8")
    md = render_alerting(load_catalog(data_copy))
    assert "## 2. Write Operation Failure Spike" not in md
    assert md.count('<a id="2-write-operation-failure-spike"></a>') == 1


def test_dashboard_metric_outside_the_catalog_is_a_located_error(data_copy):
    edit(data_copy / "dashboard.yaml", "metrics: [db.pool.in_use]", "metrics: [db.pool.used]")
    cmd = [sys.executable, "-m", "playbook.cli.main", "--data", str(data_copy), "alerts", "--check"]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2
    line = next(n for n, t in enumerate((data_copy / "dashboard.yaml").read_text().splitlines(), 1) if "pool.used" in t)
    assert f"data/dashboard.yaml:{line}:" in proc.stderr and "DASH001" in proc.stderr and "db.pool.used" in proc.stderr


def test_naming_example_follows_the_catalog(data_copy):
    """The Alerting page's naming example is a catalog counter: rename it in the data and the page follows."""
    from playbook.site.alerting import render_metric_names

    edit(data_copy / "catalog.yaml", "name: auth.signin.failure,", "name: auth.login.refused,")
    for f in [data_copy / "severities.yaml", data_copy / "dashboard.yaml", *data_copy.glob("scenarios/*.yaml")]:
        f.write_text(f.read_text(encoding="utf-8").replace("auth.signin.failure", "auth.login.refused"))
    (alerts := data_copy / "alerts.yaml").write_text(
        alerts.read_text(encoding="utf-8").replace("auth.signin.failure", "auth.login.refused")
    )
    rules = render_metric_names(load_catalog(data_copy)).split("\n\n")[0]
    assert rules.splitlines()[:2] == [
        "- dots become underscores: `auth.login.refused` → `auth_login_refused`",
        "- counters end in `_total`: `auth_login_refused_total`",
    ]
    assert "signin" not in rules
