"""Grafana dashboard JSON generated from data/dashboard.yaml: one row per section, PromQL on catalog metrics."""

from __future__ import annotations

import json
import re

from playbook.alerts import promnames
from playbook.data import files as F
from playbook.data.catalog import Catalog
from playbook.errors import DataError, Problem

SCHEMA_VERSION = 39  # Grafana 10/11 dashboard JSON
WIDTH, HEIGHT, COLUMNS = 8, 8, 3  # panels per row on Grafana's 24-column grid
DATASOURCE = {"type": "prometheus", "uid": "${datasource}"}
# The dashboard's template variables: Grafana replaces `$datasource` (and its other spellings) in every title
VARIABLES = [{"name": "datasource", "type": "datasource", "query": "prometheus", "label": "Prometheus"}]


def queries(cat: Catalog, item, window: str, where: tuple = ()) -> list[tuple[str, str]]:
    """(legend, PromQL) of one dashboard item; DataError when a metric is not in the catalog."""
    metrics = {x.name: x for x in cat.data.metrics}
    missing = [name for name in item.metrics if name not in metrics]
    if missing:
        file = cat.file(F.DASHBOARD)
        line, col = cat.where(file, where + ("metrics",))
        raise DataError(
            [Problem(file, line, col, "DASH001", f"{', '.join(missing)} not in the catalog", "use catalog.yaml names")]
        )

    def rate(name: str) -> str:
        x = metrics[name]
        return f"rate({promnames.prom_names(x)[0]}[{window}])"

    def agg(expr: str, extra: str = "") -> str:
        labels = ", ".join(x for x in (extra, item.by) if x)
        out = f"sum by ({labels}) ({expr})" if labels else f"sum({expr})"
        return f"topk({item.top}, {out})" if item.top else out

    if item.ratio:
        first, rest = item.metrics[0], item.metrics[1:]
        den = " + ".join(agg(rate(n)) for n in rest)
        return [(f"{first} %", f"100 * {agg(rate(first))} / {f'({den})' if len(rest) > 1 else den}")]
    out = []
    for name in item.metrics:
        x = metrics[name]
        if x.type == "counter":
            out.append((name, agg(rate(name))))
        elif x.type == "gauge":
            out.append((name, agg(promnames.prom_names(x)[0]) if item.by else promnames.prom_names(x)[0]))
        else:
            base = promnames.base_name(x)
            if item.mean:
                out.append(
                    (f"{name} avg", f"{agg(f'rate({base}_sum[{window}])')} / {agg(f'rate({base}_count[{window}])')}")
                )
            for q in item.plotted_quantiles:
                out.append(
                    (f"{name} p{q * 100:g}", f"histogram_quantile({q}, {agg(f'rate({base}_bucket[{window}])', 'le')})")
                )
    return out


def _plain(text: str) -> str:
    """A dashboard item's text as its panel's title: its code spans' backticks dropped."""
    return re.sub(r"`([^`]*)`", r"\1", text)


def dashboard(cat: Catalog) -> dict:
    """The dashboard as Grafana's JSON model."""
    window = cat.alerts.window
    panels: list[dict] = []
    y, pid = 0, 0
    for s, section in enumerate(cat.dashboard.panels):
        pid += 1
        panels.append(
            {"id": pid, "type": "row", "title": section.title, "collapsed": False,
             "gridPos": {"x": 0, "y": y, "w": 24, "h": 1}, "panels": []}
        )  # fmt: skip
        y += 1
        for i, item in enumerate(section.items):
            pid += 1
            qs = queries(cat, item, window, ("panels", s, "items", i))
            panels.append(
                {
                    "id": pid,
                    "type": item.show,
                    "title": _plain(item.text),
                    "datasource": DATASOURCE,
                    "gridPos": {"x": (i % COLUMNS) * WIDTH, "y": y + (i // COLUMNS) * HEIGHT, "w": WIDTH, "h": HEIGHT},
                    "targets": [
                        {"refId": chr(ord("A") + n), "datasource": DATASOURCE, "expr": expr, "legendFormat": legend}
                        for n, (legend, expr) in enumerate(qs)
                    ],
                    "fieldConfig": {"defaults": {"unit": "percent" if item.ratio else "short"}, "overrides": []},
                    "options": {},
                }
            )
        y += HEIGHT * -(-len(section.items) // COLUMNS)
    return {
        "uid": "clinical-os-playbook",
        "title": f"Clinical OS – {cat.dashboard.title}",
        "tags": ["clinical-os", "playbook"],
        "timezone": "utc",
        "schemaVersion": SCHEMA_VERSION,
        "version": 1,
        "editable": True,
        "refresh": "30s",
        "time": {"from": "now-6h", "to": "now"},
        "templating": {"list": [dict(v) for v in VARIABLES]},
        "annotations": {"list": []},
        "panels": panels,
    }


def dashboard_text(cat: Catalog) -> str:
    return json.dumps(dashboard(cat), indent=2, ensure_ascii=False) + "\n"
