"""Render the Alerting page (one section per alert, metric-name mapping) and the Grafana panels as Markdown."""

from __future__ import annotations

from playbook.alerts import promnames
from playbook.alerts.bridge import DEFAULT_LISTEN, METRICS_ENDPOINT, SCRAPE_SUCCESS, mapping
from playbook.alerts.grafana import dashboard
from playbook.alerts.prometheus import resolve
from playbook.data.catalog import Catalog
from playbook.markdown import esc, slug, table


def alert_heading(n: int, title: str) -> str:
    return f"{n}. {title}"


def alert_anchors(cat: Catalog) -> dict[int, list[str]]:
    """Anchors of each alert's section (by alert index): its heading slug, plus a scenario's anchor_alias."""
    out: dict[int, list[str]] = {}
    used: set[str] = set()
    for n, al in enumerate(cat.alerts.alerts, 1):
        out[n - 1] = [slug(esc(alert_heading(n, al.title)))]  # the heading as written (escaped)
        used.add(out[n - 1][0])
    for n, al in enumerate(cat.alerts.alerts, 1):
        sc = cat.scenarios.get(al.scenario)
        if sc and sc.anchor_alias and sc.anchor_alias not in used:
            out[n - 1].append(sc.anchor_alias)
            used.add(sc.anchor_alias)
    return out


def render_alerting(cat: Catalog) -> str:
    anchors = alert_anchors(cat)
    out = []
    for a in resolve(cat):
        sev = cat.level(a.severity)
        sc = cat.scenarios[a.scenario]
        out.append(f"## {esc(alert_heading(a.index + 1, a.title))}\n")
        out += [f'<a id="{x}"></a>' for x in anchors[a.index][1:]]
        paged = ", ".join(a.paged) or "nobody at once (ticket)"
        rows = [
            ["Fires when", esc(a.condition) + f", for {esc(a.for_)}"],
            ["Severity", f"[{sev.id} {esc(sev.name)}](severities.md#{sev.id.lower()})"],
            ["Pages", esc(paged) + " ([escalation](oncall.md))"],
            ["Team label", f"`{a.team}` ({esc(cat.party_name(a.team))})"],
            ["Runbook", f"[Scenario {sc.number}: {esc(sc.title)}]({a.runbook_path.replace('.html', '.md')})"],
        ]
        out.append(table(["Alert", f"`{a.name}`"], rows))
        out.append(f"Prometheus expression: `{a.expr}`\n")
    humans = [sc for sc in cat.scenarios.values() if sc.found_by == "humans"]
    if humans:
        out.append("## Found by people\n")
        out += [f"- [{esc(sc.title)}](scenarios/{sc.id}.md): no alert; users or staff report it." for sc in humans]
        out.append("")
    out.append(f"The rules file is `{cat.project.rel(cat.project.rules_file)}`, one rule per section above.\n")
    return "\n".join(out)


def render_metric_names(cat: Catalog) -> str:
    out = ["\n".join(f"- {r}" for r in promnames.rules_text(cat.data.metrics)) + "\n"]
    metrics_path = cat.endpoints[METRICS_ENDPOINT].path
    rows = [
        [
            f"`{mp.metric.name}`",
            mp.metric.type,
            esc(mp.metric.unit),
            "<br>".join(f"`{n}`" for n in mp.series),
            ", ".join(f"`{x}`" for x in mp.labels) or "–",
            f"probe of `{cat.endpoints[mp.metric.probe].path}`" if mp.metric.probe else f"`{metrics_path}` JSON",
        ]
        for mp in mapping(cat.data.metrics)
    ]
    out.append(table(["Catalog metric", "Type", "Unit", "Prometheus series", "Labels", "From"], rows))
    return "\n".join(out)


def render_metrics_bridge(cat: Catalog) -> str:
    """How to run the exporter, what it reads (paths from the catalog), and how a blackbox probe fits."""
    ep = {e.id: e.path for e in cat.data.endpoints}
    probes = [mp.metric for mp in mapping(cat.data.metrics) if mp.metric.probe]
    listen = DEFAULT_LISTEN
    lines = [
        '``` { .bash data-kind="illustration" }',
        f'playbook exporter --target "$BASE_URL" --listen {listen}   # $TOKEN, if set, is sent as the bearer token',
        "```",
        "",
        f"On every scrape it reads `GET {ep[METRICS_ENDPOINT]}` (the counters, their labelled series and the "
        "histograms) and probes "
        + ", ".join(f"`GET {ep[x.probe]}` (`{promnames.base_name(x)}`: 1 on 200, else 0)" for x in probes)
        + f", all at once. When the metrics cannot be read it exposes `{SCRAPE_SUCCESS} 0` (and the probes), "
        "no stale value, and writes one line on stderr; it never stops. Point Prometheus at it:",
        "",
        '``` { .yaml data-kind="illustration" }',
        "scrape_configs:",
        "  - job_name: clinical-os",
        f'    static_configs: [{{targets: ["{listen}"]}}]',
        "```",
    ]
    return "\n".join(lines) + "\n"


def render_grafana(cat: Catalog) -> str:
    d = dashboard(cat)
    out = [
        f"The file `{cat.project.rel(cat.project.dashboard_file)}` (dashboard **{esc(d['title'])}**, "
        f"uid `{d['uid']}`) holds these rows and panels; import it into Grafana and pick the Prometheus "
        "data source. Every query uses the Prometheus names of catalog metrics "
        "([mapping](alerting.md#metric-names-in-prometheus)).\n"
    ]
    for p in d["panels"]:
        if p["type"] == "row":
            out.append(f"\n### {esc(p['title'])} row\n")
            continue
        out.append(f"- **{esc(p['title'])}** ({p['type']})")
        out += [f"    - `{t['expr']}`" for t in p["targets"]]
    return "\n".join(out) + "\n"
