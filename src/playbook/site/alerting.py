"""Render the Alerting page (one section per alert, metric-name mapping) and the Grafana panels as Markdown."""

from __future__ import annotations

from playbook.alerts import promnames
from playbook.alerts.bridge import DEFAULT_LISTEN, METRICS_ENDPOINT, SCRAPE_SUCCESS, mapping
from playbook.alerts.grafana import dashboard
from playbook.alerts.prometheus import resolve
from playbook.data.catalog import Catalog
from playbook.markdown import Md, code, fence, in_html, line, link, slug, table, text


def alert_heading(n: int, title: str) -> Md:
    return line(Md("{}. {}").format(n, title))


def alert_anchors(cat: Catalog) -> dict[int, list[str]]:
    """Anchors of each alert's section (by alert index): its heading slug, plus a scenario's anchor_alias."""
    out: dict[int, list[str]] = {}
    used: set[str] = set()
    for n, al in enumerate(cat.alerts.alerts, 1):
        out[n - 1] = [slug(alert_heading(n, al.title))]  # the heading as written (escaped)
        used.add(out[n - 1][0])
    for n, al in enumerate(cat.alerts.alerts, 1):
        sc = cat.scenarios.get(al.scenario)
        if sc and sc.anchor_alias and sc.anchor_alias not in used:
            out[n - 1].append(sc.anchor_alias)
            used.add(sc.anchor_alias)
    return out


def render_alerting(cat: Catalog) -> Md:
    anchors = alert_anchors(cat)
    out = []
    for a in resolve(cat):
        sev = cat.level(a.severity)
        sc = cat.scenarios[a.scenario]
        out.append(Md("## {}\n").format(alert_heading(a.index + 1, a.title)))
        out += [Md('<a id="{}"></a>').format(in_html(x)) for x in anchors[a.index][1:]]
        paged = ", ".join(a.paged) or "nobody at once (ticket)"
        rows = [
            ["Fires when", Md("{}, for {}").format(a.condition, a.for_)],
            ["Severity", link(f"{sev.id} {sev.name}", f"severities.md#{sev.id.lower()}")],
            ["Pages", Md("{} ([escalation](oncall.md))").format(paged)],
            ["Team label", Md("{} ({})").format(code(a.team), cat.party_name(a.team))],
            ["Runbook", link(f"Scenario {sc.number}: {sc.title}", a.runbook_path.replace(".html", ".md"))],
        ]
        out.append(table(["Alert", code(a.name)], rows))
        out.append(Md("Prometheus expression: {}\n").format(code(a.expr)))
    humans = [sc for sc in cat.scenarios.values() if sc.found_by == "humans"]
    if humans:
        out.append(Md("## Found by people\n"))
        out += [
            Md("- {}: no alert; users or staff report it.").format(link(sc.title, f"scenarios/{sc.id}.md"))
            for sc in humans
        ]
        out.append(Md(""))
    out.append(
        Md("The rules file is {}, one rule per section above.\n").format(code(cat.project.rel(cat.project.rules_file)))
    )
    return Md("\n").join(out)


def render_metric_names(cat: Catalog) -> Md:
    out = [Md("\n").join(Md("- {}").format(r) for r in promnames.rules_text(cat.data.metrics)) + Md("\n")]
    metrics_path = cat.endpoints[METRICS_ENDPOINT].path
    rows = [
        [
            code(mp.metric.name),
            mp.metric.type,
            mp.metric.unit,
            Md("<br>").join(code(n) for n in mp.series),
            Md(", ").join(code(x) for x in mp.labels) or "–",
            Md("probe of {}").format(code(cat.endpoints[mp.metric.probe].path))
            if mp.metric.probe
            else Md("{} JSON").format(code(metrics_path)),
        ]
        for mp in mapping(cat.data.metrics)
    ]
    out.append(table(["Catalog metric", "Type", "Unit", "Prometheus series", "Labels", "From"], rows))
    return Md("\n").join(out)


def render_metrics_bridge(cat: Catalog) -> Md:
    """How to run the exporter, what it reads (paths from the catalog), and how a blackbox probe fits."""
    ep = {e.id: e.path for e in cat.data.endpoints}
    probes = [mp.metric for mp in mapping(cat.data.metrics) if mp.metric.probe]
    listen = DEFAULT_LISTEN
    run = f'playbook exporter --target "$BASE_URL" --listen {listen}   # $TOKEN, if set, is sent as the bearer token'
    probed = Md(", ").join(
        Md("{} ({}: 1 on 200, else 0)").format(code(f"GET {ep[x.probe]}"), code(promnames.base_name(x))) for x in probes
    )
    scrape = f'scrape_configs:\n  - job_name: clinical-os\n    static_configs: [{{targets: ["{listen}"]}}]'
    return (
        fence(run, "illustration", lang="bash")
        + Md(
            "\nOn every scrape it reads {} (the counters, their labelled series and the histograms) and probes {}, "
            "all at once. When the metrics cannot be read it exposes {} (and the probes), no stale value, and writes "
            "one line on stderr; it never stops. Point Prometheus at it:\n\n"
        ).format(code(f"GET {ep[METRICS_ENDPOINT]}"), probed, code(f"{SCRAPE_SUCCESS} 0"))
        + fence(scrape, "illustration", lang="yaml")
    )


def render_grafana(cat: Catalog) -> Md:
    d = dashboard(cat)
    out = [
        Md(
            "The file {} (dashboard **{}**, uid {}) holds these rows and panels; import it into Grafana and pick "
        ).format(code(cat.project.rel(cat.project.dashboard_file)), text(d["title"]), code(d["uid"]))
        + Md(
            "the Prometheus data source. Every query uses the Prometheus names of catalog metrics "
            "([mapping](alerting.md#metric-names-in-prometheus)).\n"
        )
    ]
    for p in d["panels"]:
        if p["type"] == "row":
            out.append(Md("\n### {} row\n").format(line(p["title"])))
            continue
        out.append(Md("- **{}** ({})").format(p["title"], p["type"]))
        out += [Md("    - {}").format(code(t["expr"])) for t in p["targets"]]
    return Md("\n").join(out) + Md("\n")
