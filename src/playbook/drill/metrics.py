"""The drill target's metrics, by the labels data/catalog.yaml gives each metric, as /api/metrics answers them.

The JSON the stand-in serves (the catalog's `metrics` endpoint describes it):
- `counters`: every counter's total, by metric name (what the runbooks read with jq);
- `series`: every counter and gauge with labels as `[{labels, value}]`, one entry per label set seen;
- `histograms`: every histogram as `[{labels, buckets: {le: cumulative count}, sum, count}]`.
A metric or label set the catalog does not give is not counted but kept as a problem, which the drill reports
at the metric's line and fails on, so the stand-in cannot drift from the data.
"""

from __future__ import annotations

import threading

from playbook.data import files as F

# Upper bounds of the buckets, by unit: milliseconds (requests, queries) and the AI confidence level (1-3).
BUCKETS = {"ms": (5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000), "level": (1, 2, 3)}


def _le(bound) -> str:
    return "+Inf" if bound == float("inf") else f"{float(bound):g}"


class Metrics:
    """Counters, gauges and histograms of the catalog's metrics, each by its catalog labels; thread-safe."""

    def __init__(self, data):
        metrics = data.metrics
        self.spec = {m.name: m for m in metrics}
        # the values each label takes (None: any), as catalog.yaml gives them: a value outside is a problem too
        self.takes = {(m.name, k): data.label_values(m.name, k) for m in metrics for k in m.labels}
        # a metric without labels is one series from the start (0), as a Prometheus client library shows it
        self.values = {m.name: {} if m.labels else {(): 0} for m in metrics if m.type != "histogram"}
        self.hists = {m.name: {} if m.labels else {(): self._empty(m)} for m in metrics if m.type == "histogram"}
        self.lock = threading.Lock()
        # What the stand-in counted that catalog.yaml does not describe ({metric: why}): the drill reports each
        # at the metric's line and fails, instead of the request thread raising (and the drill getting a
        # dropped connection and a traceback).
        self.problems: dict[str, str] = {}

    @staticmethod
    def _empty(metric) -> list:
        return [[0] * (len(BUCKETS.get(metric.unit, BUCKETS["ms"])) + 1), 0.0]

    def _key(self, name: str, labels: dict[str, str], histogram: bool = False) -> tuple | None:
        """The series key of `labels` in the catalog's label order; None (and a problem) when they differ."""
        spec = self.spec.get(name)
        if spec is None:
            self.problems.setdefault(name, f"the drill target counts {name}, which catalog.yaml's metrics lack")
            return None
        if (spec.type == "histogram") != histogram:
            kind = "observes it as a histogram" if histogram else "counts it as a counter or gauge"
            self.problems.setdefault(name, f"catalog.yaml makes {name} a {spec.type}, but the drill target {kind}")
            return None
        if set(labels) != set(spec.labels):
            have = ", ".join(sorted(labels)) or "no labels"
            self.problems.setdefault(
                name,
                f"the drill target counts {name} by {have}, not by the labels catalog.yaml gives it "
                f"({', '.join(spec.labels) or 'none'}): the stand-in implements the metrics as the playbook "
                "described them; rename the labels back, or change the stand-in with them",
            )
            return None
        for k in spec.labels:
            if (takes := self.takes[(name, k)]) is not None and str(labels[k]) not in takes:
                self.problems.setdefault(
                    name,
                    f"the drill target counts {name} with {k}={labels[k]}, a value catalog.yaml does not give that "
                    f"label ({', '.join(takes)}): add the value to the label in catalog.yaml, or change the stand-in",
                )
                return None
        return tuple(str(labels[k]) for k in spec.labels)

    def inc(self, name: str, n: float = 1, **labels: str) -> None:
        key = self._key(name, labels)
        if key is None:
            return
        with self.lock:
            self.values[name][key] = self.values[name].get(key, 0) + n

    def set(self, name: str, value: float, **labels: str) -> None:
        key = self._key(name, labels)
        if key is None:
            return
        with self.lock:
            self.values[name][key] = value

    def observe(self, name: str, value: float, **labels: str) -> None:
        key = self._key(name, labels, histogram=True)
        if key is None:
            return
        bounds = BUCKETS.get(self.spec[name].unit, BUCKETS["ms"])
        with self.lock:  # cumulative buckets: a value counts in every bucket whose bound it does not exceed
            counts, total = self.hists[name].setdefault(key, self._empty(self.spec[name]))
            for i, b in enumerate((*bounds, float("inf"))):
                if value <= b:
                    counts[i] += 1
            self.hists[name][key][1] = total + value

    def located(self, cat) -> list[str]:
        """Each problem, after the `file:line:col` of its metric's labels in catalog.yaml (the file alone for a
        metric catalog.yaml lacks)."""
        file = cat.file(F.CATALOG)
        out = []
        for name, why in sorted(self.problems.items()):
            i = next((i for i, m in enumerate(cat.data.metrics) if m.name == name), None)
            where = file if i is None else "{}:{}:{}".format(file, *cat.where(file, ("metrics", i, "labels")))
            out.append(f"{where}: {why}")
        return out

    def total(self, name: str) -> float:
        with self.lock:
            return sum(self.values.get(name, {}).values())

    def as_json(self) -> dict:
        """The `metrics` object of /api/metrics."""
        out: dict = {"counters": {}, "series": {}, "histograms": {}}
        with self.lock:
            for name, by in self.values.items():
                spec = self.spec[name]
                if spec.probe:
                    continue  # probed by the exporter, not reported by the app
                if spec.type == "counter":
                    out["counters"][name] = int(sum(by.values()))
                out["series"][name] = [
                    {"labels": dict(zip(spec.labels, k, strict=True)), "value": v} for k, v in by.items()
                ]
            for name, by in self.hists.items():
                spec = self.spec[name]
                bounds = (*BUCKETS.get(spec.unit, BUCKETS["ms"]), float("inf"))
                out["histograms"][name] = [
                    {
                        "labels": dict(zip(spec.labels, k, strict=True)),
                        "buckets": {_le(b): c for b, c in zip(bounds, counts, strict=True)},
                        "sum": round(total, 3),
                        "count": counts[-1],
                    }
                    for k, (counts, total) in by.items()
                ]
        return out
