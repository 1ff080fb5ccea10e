"""Prometheus names of the catalog's dotted metrics, and the PromQL selectors built on them."""

from __future__ import annotations

import json
from fnmatch import fnmatchcase

from playbook.data import model as m

# Base-unit suffixes (Prometheus naming: a metric's name ends with its unit).
UNIT_SUFFIX = {"ms": "milliseconds", "s": "seconds", "%": "percent"}


def rules_text(metrics: list[m.Metric]) -> list[str]:
    """The naming rules as Markdown list items, worked on a catalog counter (the seed's, with the most dots,
    first in the catalog; any metric if none is a counter): the example comes from the data, never typed here."""
    counters = [x for x in metrics if x.type == "counter"] or metrics
    example = max(counters, key=lambda x: (x.seed, x.name.count(".")), default=None)
    out = []
    if example:
        flat = example.name.replace(".", "_")
        out.append(f"dots become underscores: `{example.name}` → `{flat}`")
        if example.type == "counter":
            out.append(f"counters end in `_total`: `{prom_names(example)[0]}`")
    units = ", ".join(f"{unit} → `_{word}`" for unit, word in UNIT_SUFFIX.items())
    out.append(f"a measured unit is spelled out after the name: {units}")
    out.append("histograms are exposed as `_bucket`, `_sum` and `_count` series after the unit suffix")
    return out


def base_name(metric: m.Metric) -> str:
    name = metric.name.replace(".", "_")
    suffix = UNIT_SUFFIX.get(metric.unit)
    return f"{name}_{suffix}" if suffix else name


def prom_names(metric: m.Metric) -> list[str]:
    """Every Prometheus series name a catalog metric is exposed as."""
    base = base_name(metric)
    if metric.type == "counter":
        return [f"{base}_total"]
    if metric.type == "histogram":
        return [f"{base}_bucket", f"{base}_sum", f"{base}_count"]
    return [base]


def expand(metrics: list[m.Metric], pattern: str) -> list[m.Metric]:
    """The catalog metrics a name or glob (write.*.error) stands for, in catalog order."""
    return [x for x in metrics if fnmatchcase(x.name, pattern)]


def selector(name: str, match: dict[str, str] | None = None) -> str:
    """`name{k="v"}`: one series name and its label matchers (a value quoted as a PromQL string: `"` and `\\`
    escaped, so no value can end the string; the model allows only label names as keys)."""
    labels = [f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in sorted((match or {}).items())]
    return name + ("{" + ",".join(labels) + "}" if labels else "")
