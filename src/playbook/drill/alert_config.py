"""The generated rules and router as the alert drills load them: times shortened by one factor, runs kept apart.

What changes from alerts/playbook.rules.yml and alerts/alertmanager.yml, and nothing else:
- every `for:`, rate window, group_wait, group_interval and repeat_interval is divided by the time factor;
- each drill run (one stand-in, one exporter, scraped with the label `drill`) gets its own copy of every rule,
  reading only its own series (`{drill="…"}`) and carrying that label, which the router adds to `group_by` and
  to each inhibition's `equal`: runs side by side neither group nor inhibit each other;
- the receivers keep their names but become webhooks on 127.0.0.1 (standing in for Slack and e-mail), and the
  business hours span the whole week, so a SEV-3 alert is routed whenever the drill runs (the muting outside
  them is proven by tests/alerts/test_alertmanager.py with the real router).
"""

from __future__ import annotations

import re
import urllib.parse

import yaml

from playbook.alerts import alertmanager as am
from playbook.alerts.bridge import produced
from playbook.alerts.prometheus import rules_text
from playbook.alerts.promql import scaled, shorter

LABEL = "drill"  # the scrape label that names a run, on its series and on its alerts


def narrowed(expr: str, series: list[str], run: str) -> str:
    """`expr` with every selector of a bridge series limited to the run's own series."""
    names = "|".join(re.escape(s) for s in sorted(series, key=len, reverse=True))

    def one(m: re.Match) -> str:
        inner = (m.group(2) or "{}")[1:-1]
        return f'{m.group(1)}{{{LABEL}="{run}"' + (f",{inner}" if inner else "") + "}"

    return re.sub(rf"(?<![A-Za-z0-9_:])({names})(?![A-Za-z0-9_:])(\{{[^}}]*\}})?", one, expr)


def drill_rules(cat, runs: list[str], factor: float) -> str:
    """The rule file Prometheus loads: one group per run, each a copy of the generated group."""
    (group,) = yaml.safe_load(rules_text(cat))["groups"]
    series = list(produced(cat.data.metrics))
    groups = []
    for run in runs:
        rules = []
        for r in group["rules"]:
            expr = scaled(narrowed(r["expr"], series, run), factor)
            rules.append({**r, "expr": expr, "for": shorter(r["for"], factor), "labels": {**r["labels"], LABEL: run}})
        groups.append({"name": f"{group['name']}-{run}", "rules": rules})
    return yaml.safe_dump({"groups": groups}, sort_keys=False, allow_unicode=True, width=1000)


def _scale_route(node: dict, factor: float) -> dict:
    out = dict(node)
    for key in ("group_wait", "group_interval", "repeat_interval"):
        if key in out:
            out[key] = shorter(out[key], factor)
    if "routes" in out:
        out["routes"] = [_scale_route(r, factor) for r in out["routes"]]
    return out


def drill_router(cat, hook_url: str, factor: float) -> dict:
    """The Alertmanager config the drills load (see the module docstring for what differs from the file)."""
    cfg = am.config(cat)
    cfg.pop("global")  # Slack and SMTP settings: files on the real host; every receiver is a webhook here
    cfg["route"] = _scale_route(cfg["route"], factor)
    cfg["route"]["group_by"] = [*cfg["route"]["group_by"], LABEL]
    cfg["inhibit_rules"] = [{**r, "equal": [*r["equal"], LABEL]} for r in cfg["inhibit_rules"]]
    week = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    always = [{"weekdays": week, "times": [{"start_time": "00:00", "end_time": "24:00"}]}]
    cfg["time_intervals"] = [{**t, "time_intervals": always} for t in cfg["time_intervals"]]
    cfg["receivers"] = [
        {
            "name": r["name"],
            "webhook_configs": [{"url": hook_url + urllib.parse.quote(r["name"]), "send_resolved": True}],
        }
        for r in cfg["receivers"]
    ]
    return cfg
