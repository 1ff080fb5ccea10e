"""The metrics bridge: Clinical OS's /api/metrics JSON and health probes, as the Prometheus series the rules query.

`mapping()` is the one place that says which series (and labels) each catalog metric becomes: the collector
exposes exactly these, and check ALR007 holds the rules, the dashboard and the Alerting page to them. Names
come from promnames (the same as the rules'), labels from each metric's `labels` in data/catalog.yaml, and a
metric with `probe:` is a gauge the bridge sets itself from that endpoint's status (1 on 200, else 0).
On each scrape the collector reads the metrics endpoint (with a bearer token if one is given) and the probed
endpoints, all at once; an upstream that fails shows as `clinical_os_scrape_success 0` and one line on stderr.
"""

from __future__ import annotations

import json
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from playbook.alerts import promnames
from playbook.data import model as m

SCRAPE_SUCCESS = "clinical_os_scrape_success"
SCRAPE_HELP = "1 when the last read of the metrics endpoint answered 200 with its JSON, else 0"
METRICS_ENDPOINT = "metrics"  # the catalog endpoint id of the JSON metrics
DEFAULT_LISTEN = "127.0.0.1:9464"  # 9464: the port commonly used in exporter examples; this machine only
# The exporter talks to the product directly: *_proxy variables would send its scrapes elsewhere.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass(frozen=True)
class Mapped:
    """One catalog metric as the bridge exposes it."""

    metric: m.Metric
    family: str  # the name given to prometheus_client (a counter's without `_total`, a histogram's base)
    series: tuple[str, ...]  # the series names scraped
    labels: tuple[str, ...]  # the labels of each series (a histogram's `_bucket` adds `le`)


def mapping(metrics: list[m.Metric]) -> list[Mapped]:
    """Every catalog metric, in catalog order, with the series and labels the bridge exposes it as."""
    return [Mapped(x, promnames.base_name(x), tuple(promnames.prom_names(x)), tuple(x.labels)) for x in metrics]


def produced(metrics: list[m.Metric]) -> dict[str, frozenset[str]]:
    """{series name: its label names} of everything the bridge exposes, its own scrape gauge included."""
    out = {SCRAPE_SUCCESS: frozenset()}
    for mp in mapping(metrics):
        for name in mp.series:
            out[name] = frozenset(mp.labels) | ({"le"} if name.endswith("_bucket") else set())
    return out


class Bridge:
    """A prometheus_client collector: each collect() reads the product once and yields every mapped metric."""

    def __init__(self, cat, target: str, token: str | None = None, timeout: float = 5.0, log=None):
        self.maps = mapping(cat.data.metrics)
        self.paths = {e.id: e.path for e in cat.data.endpoints}
        self.target = target.rstrip("/")
        self.token, self.timeout = token, timeout
        self.log = log or sys.stderr

    def _get(self, path: str, auth: bool) -> tuple[int, bytes]:
        headers = {"Authorization": f"Bearer {self.token}"} if auth and self.token else {}
        req = urllib.request.Request(self.target + path, headers=headers)
        try:
            with _OPENER.open(req, timeout=self.timeout) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as e:
            with e:
                return e.code, b""

    def _read(self) -> tuple[dict | None, dict[str, bool]]:
        """(the `metrics` object, or None when it could not be read; {probed endpoint id: answered 200})."""
        probes = sorted({mp.metric.probe for mp in self.maps if mp.metric.probe})

        def probe(eid: str) -> bool:
            try:
                return self._get(self.paths[eid], auth=False)[0] == 200
            except (OSError, ValueError):
                return False

        with ThreadPoolExecutor(max_workers=len(probes) + 1) as pool:
            metrics = pool.submit(self._get, self.paths[METRICS_ENDPOINT], True)
            up = dict(zip(probes, pool.map(probe, probes), strict=True))
            try:
                status, body = metrics.result()
                if status != 200:
                    raise ValueError(f"answered {status}")
                data = json.loads(body)["metrics"]
                if not isinstance(data, dict):
                    raise ValueError("`metrics` is not an object")
            except (OSError, ValueError, KeyError, TypeError) as e:
                self._log(str(e) or type(e).__name__)
                return None, up
        return data, up

    def _log(self, message: str) -> None:
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        url = self.target + self.paths[METRICS_ENDPOINT]
        print(f"{stamp} playbook exporter: {url}: {message}", file=self.log, flush=True)

    def collect(self):
        from prometheus_client.core import GaugeMetricFamily

        data, up = self._read()
        families = [GaugeMetricFamily(mp.family, mp.metric.help, value=1 if up.get(mp.metric.probe) else 0)
                    for mp in self.maps if mp.metric.probe]  # fmt: skip
        if data is not None:
            try:
                families += [_family(mp, data) for mp in self.maps if not mp.metric.probe]
            except (KeyError, TypeError, ValueError, AttributeError) as e:
                self._log(f"unexpected JSON ({type(e).__name__}: {e})")
                data, families = None, families[: sum(1 for mp in self.maps if mp.metric.probe)]
        # no value is better than a stale one: on failure the rules see the scrape gauge (and the probes) only
        yield from families
        yield GaugeMetricFamily(SCRAPE_SUCCESS, SCRAPE_HELP, value=0 if data is None else 1)


def _family(mp: Mapped, data: dict):
    """The prometheus_client family of one mapped metric, from the `metrics` object of the JSON."""
    from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily

    x, labels = mp.metric, list(mp.labels)
    if x.type == "histogram":
        fam = HistogramMetricFamily(mp.family, x.help, labels=labels)
        for entry in (data.get("histograms") or {}).get(x.name, []):
            buckets = sorted(entry["buckets"].items(), key=lambda kv: float(kv[0]))
            fam.add_metric(_values(entry, labels), buckets=buckets, sum_value=float(entry["sum"]))
        return fam
    fam = (CounterMetricFamily if x.type == "counter" else GaugeMetricFamily)(mp.family, x.help, labels=labels)
    entries = (data.get("series") or {}).get(x.name)
    if entries is None and not labels and x.name in (data.get("counters") or {}):
        entries = [{"labels": {}, "value": data["counters"][x.name]}]  # the contract's totals (no `series`)
    for entry in entries or []:
        fam.add_metric(_values(entry, labels), float(entry["value"]))
    return fam


def _values(entry: dict, labels: list[str]) -> list[str]:
    return [str(entry.get("labels", {}).get(k, "")) for k in labels]


def serve(cat, target: str, host: str, port: int, token: str | None = None):
    """Serve the bridge's /metrics on host:port in a background thread; returns (server, thread)."""
    from prometheus_client import CollectorRegistry, start_http_server

    registry = CollectorRegistry(auto_describe=False)
    registry.register(Bridge(cat, target, token))
    return start_http_server(port, addr=host, registry=registry)
