"""The drill target's metrics, by the labels data/catalog.yaml gives each metric, as /api/metrics answers them.

The JSON the stand-in serves (the catalog's `metrics` endpoint describes it):
- `counters`: every counter's total, by metric name (what the runbooks read with jq);
- `series`: every counter and gauge with labels as `[{labels, value}]`, one entry per label set seen;
- `histograms`: every histogram as `[{labels, buckets: {le: cumulative count}, sum, count}]`.
A label the catalog does not list for a metric is refused (KeyError), so the stand-in cannot drift from the data.
"""

from __future__ import annotations

import threading

# Upper bounds of the buckets, by unit: milliseconds (requests, queries) and the AI confidence level (1-3).
BUCKETS = {"ms": (5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000), "level": (1, 2, 3)}


def _le(bound) -> str:
    return "+Inf" if bound == float("inf") else f"{float(bound):g}"


class Metrics:
    """Counters, gauges and histograms of the catalog's metrics, each by its catalog labels; thread-safe."""

    def __init__(self, metrics):
        self.spec = {m.name: m for m in metrics}
        # a metric without labels is one series from the start (0), as a Prometheus client library shows it
        self.values = {m.name: {} if m.labels else {(): 0} for m in metrics if m.type != "histogram"}
        self.hists = {m.name: {} if m.labels else {(): self._empty(m)} for m in metrics if m.type == "histogram"}
        self.lock = threading.Lock()

    @staticmethod
    def _empty(metric) -> list:
        return [[0] * (len(BUCKETS.get(metric.unit, BUCKETS["ms"])) + 1), 0.0]

    def _key(self, name: str, labels: dict[str, str]) -> tuple:
        want = self.spec[name].labels  # KeyError: no such metric in catalog.yaml
        if set(labels) != set(want):
            raise KeyError(f"{name} is counted by {want} in catalog.yaml, not {sorted(labels)}")
        return tuple(str(labels[k]) for k in want)

    def inc(self, name: str, n: float = 1, **labels: str) -> None:
        key = self._key(name, labels)
        with self.lock:
            self.values[name][key] = self.values[name].get(key, 0) + n

    def set(self, name: str, value: float, **labels: str) -> None:
        key = self._key(name, labels)
        with self.lock:
            self.values[name][key] = value

    def observe(self, name: str, value: float, **labels: str) -> None:
        key = self._key(name, labels)
        bounds = BUCKETS.get(self.spec[name].unit, BUCKETS["ms"])
        with self.lock:  # cumulative buckets: a value counts in every bucket whose bound it does not exceed
            counts, total = self.hists[name].setdefault(key, self._empty(self.spec[name]))
            for i, b in enumerate((*bounds, float("inf"))):
                if value <= b:
                    counts[i] += 1
            self.hists[name][key][1] = total + value

    def total(self, name: str) -> float:
        with self.lock:
            return sum(self.values[name].values())

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
