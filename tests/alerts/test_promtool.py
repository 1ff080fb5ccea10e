"""The generated Prometheus rules pass promtool: syntax, and each alert fires just above its threshold only."""

from __future__ import annotations

import re
import shutil
import subprocess
from fnmatch import fnmatchcase
from pathlib import Path

import yaml

from conftest import ROOT

RULES = ROOT / "alerts" / "playbook.rules.yml"
DATA = ROOT / "data"
STEP = 1  # how far above / below the threshold, in the signal's unit (1 %, 1 ms)


def raw(name: str) -> dict:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def promtool() -> str:
    path = shutil.which("promtool")
    assert path, "promtool is missing: run scripts/setup --test (Debian package prometheus)"
    return path


def threshold(ref: dict) -> float:
    level = next(x for x in raw("severities.yaml")["levels"] if x["id"] == ref["level"])
    return float(next(c["value"] for c in level["conditions"] if c["signal"] == ref["signal"]))


def series_name(metric: dict, suffix: str = "") -> str:
    """Conventional Prometheus name, worked out here independently of playbook.alerts.promnames."""
    name = metric["name"].replace(".", "_")
    if metric["type"] == "counter":
        return name + "_total"
    unit = {"ms": "_milliseconds", "s": "_seconds", "%": "_percent"}.get(metric["unit"], "")
    return name + unit + suffix


def labels(name: str, match: dict) -> str:
    return name + ("{" + ",".join(f'{k}="{v}"' for k, v in sorted(match.items())) + "}" if match else "")


def input_series(alert: dict, value: float) -> list[dict]:
    """Counters that make the alert's measured value exactly `value`."""
    catalog = raw("catalog.yaml")["metrics"]

    def expand(series: dict) -> list[str]:
        found = [m for m in catalog if fnmatchcase(m["name"], series["metric"])]
        assert found, series
        return [labels(series_name(m, "") if m["type"] != "histogram" else "", series.get("match", {})) for m in found]

    if alert["measure"] == "down":
        return [{"series": expand(alert["metric"])[0], "values": f"{int(value)}x40"}]
    if alert["measure"] == "mean":
        (metric,) = [m for m in catalog if m["name"] == alert["metric"]["metric"]]
        count, per_min = 100, value * 100
        return [
            {"series": series_name(metric, "_count"), "values": f"0+{count}x40"},
            {"series": series_name(metric, "_sum"), "values": f"0+{per_min:g}x40"},
        ]
    total = 1000.0
    rates = dict.fromkeys(expand(alert["metric"]), 0.0)
    first = next(iter(rates))
    rates[first] = total * value / 100
    den = [n for s in alert["per"] for n in expand(s)]
    rest = [n for n in den if n not in rates]
    assert rest, alert
    for n in rest:
        rates[n] = 0.0
    rates[rest[0]] = total - sum(rates[n] for n in den if n != rest[0])
    out = [{"series": n, "values": f"0+{v:g}x40"} for n, v in rates.items()]
    # Series outside the label matchers (e.g. 4xx errors, read requests) must not move the value.
    out += [{"series": re.sub(r'="[^"]*"', '="other"', n), "values": "0+5000x40"} for n in rates if "{" in n]
    return out


def expected_url(alert: dict) -> str:
    site = next(x["url"] for x in raw("meta.yaml")["links"] if x["id"] == "playbook-site")
    return site.rstrip("/") + f"/scenarios/{alert['scenario']}.html#{alert.get('anchor') or 'runbook'}"


def unit_tests(tmp_path: Path) -> Path:
    alerts = raw("alerts.yaml")["alerts"]
    rules = {r["alert"]: r for r in yaml.safe_load(RULES.read_text(encoding="utf-8"))["groups"][0]["rules"]}
    assert len(rules) == len(alerts)
    tests = []
    for alert in alerts:
        name = re.sub(r"[^A-Za-z0-9]", "", alert["title"])
        rule = rules[name]
        scenario = raw(f"scenarios/{alert['scenario']}.yaml")
        sev = alert["condition"]["level"] if "condition" in alert else scenario["severity"]
        if alert["measure"] == "down":
            fire, calm = 0, 1  # probe failing vs answering
        else:
            t = threshold(alert["condition"])
            fire, calm = t + STEP, t - STEP
        expected = {
            "exp_labels": {
                "severity": sev,
                "team": scenario["owner"],
                "scenario": scenario["id"],
                "incident_type": scenario["incident_type"],
            },
            "exp_annotations": {**rule["annotations"], "runbook_url": expected_url(alert)},
        }
        at = "30m"
        for value, exp in ((fire, [expected]), (calm, [])):
            tests.append(
                {
                    "name": f"{name} at {value:g}",
                    "interval": "1m",
                    "input_series": input_series(alert, value),
                    "alert_rule_test": [{"eval_time": at, "alertname": name, "exp_alerts": exp}],
                }
            )
    path = tmp_path / "playbook.test.yml"
    path.write_text(yaml.safe_dump({"rule_files": [str(RULES)], "evaluation_interval": "1m", "tests": tests}))
    return path


def test_promtool_check_rules():
    proc = subprocess.run([promtool(), "check", "rules", str(RULES)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"SUCCESS: {len(raw('alerts.yaml')['alerts'])} rules found" in proc.stdout


def test_promtool_unit_tests_fire_above_and_stay_silent_below(tmp_path):
    path = unit_tests(tmp_path)
    proc = subprocess.run([promtool(), "test", "rules", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "SUCCESS" in proc.stdout


def test_promtool_unit_tests_can_fail(tmp_path):
    """The same tests fail when a rule's threshold is off by more than the step."""
    path = unit_tests(tmp_path)
    moved = tmp_path / "moved.rules.yml"
    text = RULES.read_text(encoding="utf-8")
    t = threshold(raw("alerts.yaml")["alerts"][1]["condition"])
    moved.write_text(text.replace(f"> {t:g}\n", f"> {t + 2 * STEP:g}\n", 1))
    assert moved.read_text() != text
    path.write_text(path.read_text().replace(str(RULES), str(moved)))
    proc = subprocess.run([promtool(), "test", "rules", str(path)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "WriteOperationFailureSpike" in proc.stdout + proc.stderr


def test_a_label_value_stays_one_promql_string(data_copy, tmp_path):
    """A `match` value from the data is quoted as a PromQL string: a quote in it cannot end the string and add
    an `or` of its own (promtool parses the rule; the value is the whole string)."""
    from conftest import edit
    from playbook.alerts.prometheus import rules_text
    from playbook.data.load import load_catalog

    value = '5xx"} or vector(1) #'
    edit(data_copy / "alerts.yaml", "match: {status_class: 5xx}", "match: {status_class: '5xx\"} or vector(1) #'}")
    rules = tmp_path / "rules.yml"
    rules.write_text(rules_text(load_catalog(data_copy)), encoding="utf-8")
    proc = subprocess.run([promtool(), "check", "rules", str(rules)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    expr = yaml.safe_load(rules.read_text(encoding="utf-8"))["groups"][0]["rules"][0]["expr"]
    assert 'status_class="5xx\\"} or vector(1) #"}' in expr and value not in expr.replace('\\"', "?"), expr
