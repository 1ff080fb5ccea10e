"""Render the alert routing of the Alerting page from the generated Alertmanager config and escalation policy."""

from __future__ import annotations

from datetime import timedelta

from playbook.alerts.alertmanager import BUSINESS_HOURS, config, unconfigured
from playbook.alerts.escalation import policy
from playbook.data.catalog import Catalog
from playbook.data.durations import compact, words
from playbook.markdown import Md, code, table


def _matchers(route: dict) -> list[str]:
    return [m.replace('"', "") for m in route.get("matchers", [])]


def routing_rows(cfg: dict) -> list[tuple[list[str], list[str], dict]]:
    """(label matchers, receivers, timing) per label set the router tells apart: each level, then each type."""
    root = cfg["route"]
    rows = []
    for node in root["routes"]:
        level = _matchers(node)
        children = node.get("routes", [])
        base = [c["receiver"] for c in children if not c.get("matchers")] or [node["receiver"]]
        timing = {
            "group_wait": root["group_wait"],
            "group_interval": root["group_interval"],
            "repeat_interval": node.get("repeat_interval"),
            "active": sorted({i for c in children for i in c.get("active_time_intervals", [])}),
        }
        rows.append((level, base, timing))
        types: dict[str, list[str]] = {}
        for c in children:
            for m in _matchers(c):
                types.setdefault(m, []).append(c["receiver"])
        rows += [(level + [m], base + extra, timing) for m, extra in types.items()]
    return rows


def _names(cat: Catalog, parties: list[str]) -> Md:
    ticket = cat.alerts.router.ticket_receiver
    return Md(", ").join("a ticket (nobody is paged)" if p == ticket else cat.party_name(p) for p in parties)


def render_routing(cat: Catalog) -> Md:
    cfg = config(cat)
    rows = []
    for labels, receivers, t in routing_rows(cfg):
        when = "business hours only" if BUSINESS_HOURS in t["active"] else "any time"
        repeat = f", repeats every {words(t['repeat_interval'])}" if t["repeat_interval"] else ""
        rows.append([Md(" ").join(code(m) for m in labels), _names(cat, receivers), f"{when}{repeat}"])
    router = cat.alerts.router
    bh = cat.oncall.business_hours
    out = [
        table(["Alert labels", "Receivers (paged at once)", "When"], rows),
        Md(
            "Every group waits {} for related alerts and notifies again at most every {} while it changes "
            "([decision](decisions.md)). Business hours are {}, {} to {} ({}). A firing {} alert mutes the lower "
            "levels' alerts of the same scenario or team.\n"
        ).format(
            words(router.group_wait),
            words(router.group_interval),
            ", ".join(d.capitalize() for d in bh.weekdays),
            bh.start,
            bh.end,
            bh.timezone,
            cat.severities.levels[0].id,
        ),
    ]
    missing = unconfigured(cat)
    if missing:
        out.append(
            Md("Receivers with no channel or e-mail yet (they notify nobody): {}.\n").format(_names(cat, missing))
        )
    out.append(
        Md(
            "### Time-based escalation\n\nAlertmanager pages whoever is due at once; it does not escalate on time. "
            "The paging tool does, configured from {}:\n"
        ).format(code(cat.project.rel(cat.project.escalation_file)))
    )
    steps = []
    for p in policy(cat)["policies"]:
        if p["incident_type"] is None:
            for s in p["steps"][1:]:
                cond = " if not acknowledged" if s["only_if_unacknowledged"] else ""
                when = words(compact(timedelta(seconds=s["after_seconds"])))
                steps.append([p["severity"], f"after {when}{cond}", _names(cat, s["notify"])])
    out.append(table(["Severity", "Escalates", "To"], steps))
    return Md("\n").join(out)
