"""Prometheus names of the catalog's dotted metrics, and the PromQL selectors built on them."""

from __future__ import annotations

from fnmatch import fnmatchcase

from playbook.data import model as m

# Base-unit suffixes (Prometheus naming: a metric's name ends with its unit).
UNIT_SUFFIX = {"ms": "milliseconds", "s": "seconds", "%": "percent"}
RULES_TEXT = [
    "dots become underscores: `auth.signin.failure` → `auth_signin_failure`",
    "counters end in `_total`: `auth_signin_failure_total`",
    "a measured unit is spelled out after the name: ms → `_milliseconds`, s → `_seconds`, % → `_percent`",
    "histograms are exposed as `_bucket`, `_sum` and `_count` series after the unit suffix",
]


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
    """`name{k="v"}`: one series name and its label matchers."""
    labels = [f'{k}="{v}"' for k, v in sorted((match or {}).items())]
    return name + ("{" + ",".join(labels) + "}" if labels else "")
