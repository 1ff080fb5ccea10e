"""Render the drills page: the drill target's contract and each scenario's last drill result."""

from __future__ import annotations

from playbook.alerts.prometheus import site_url
from playbook.data.addresses import scenario_uri
from playbook.data.catalog import Catalog
from playbook.data.model_drill import AlertDrillResults, DrillResults
from playbook.markdown import Md, code, line, link, table

OUTCOME = {
    "passed": "✅ passed",
    "failed": "❌ failed",
    "manual": "✋ manual",
    "external": "⛔ not run (external host)",
    "stopped": "🛑 not run (the runbook stopped before it)",
}
FAULT = {
    "db_corrupt": "database file corrupted",
    "db_missing": "database file moved away",
    "auth_burst": "burst of failed sign-ins from one IP",
    "invalid_state_transitions": "rows left in an invalid state, writes rejected",
    "ai_provider_down": "AI provider unreachable",
    "db_slow": "every database query slow",
}


def _fault_text(fault) -> str:
    """The fault in words, with the details that tell a drill's variants apart."""
    text = FAULT.get(fault.kind, fault.kind)
    if fault.kind == "db_corrupt":
        text = "an index page of the database torn (rows survive)" if fault.damage == "index" else text
        text += f", {fault.rows} notes written after the backup" if fault.rows else ""
        text += ", the backup corrupted too" if fault.backup_corrupt else ""
        text += ", stale -wal and -shm beside it" if fault.side_files else ""
    if fault.kind == "db_slow":
        text += f" ({fault.delay_ms} ms each)"
    return text


def render_drill_target(cat: Catalog) -> Md:
    """What the stand-in serves, read from the catalog like the stand-in itself."""
    limits = cat.limits
    rows = []
    for e in cat.data.endpoints:
        if e.external:
            continue
        lim = limits.get(e.rate_limit) if e.rate_limit else None
        if lim is None:
            limit = "none"
        elif lim.requests == "TBD":
            limit = f"{lim.id}: TBD, so no limit"
        else:
            limit = f"{lim.id}: {lim.requests} per {lim.window} per client IP"
        rows.append([code(f"{e.method} {e.path}"), e.help, limit, "bearer (drill token)" if e.auth else "none"])
    flag = cat.data.feature_flags[0]
    return table(["Endpoint", "What it answers", "Rate limit", "Auth"], rows) + Md(
        "\nThe flag {} (default {}) is read from the stand-in's environment; "
        "the drill sets it where the runbook's manual step would redeploy.\n"
    ).format(code(flag.name), code(flag.default))


def render_drill_results(cat: Catalog, results: DrillResults | None) -> Md:
    if results is None:
        return Md("No drill has been recorded yet: run `playbook drill --all --record`.\n")
    rows, details = [], []
    for r in results.results:
        sc = cat.scenarios.get(r.scenario)
        var = next((v for v in sc.drill.variants if v.id == r.variant), None) if sc and sc.drill else None
        title = (sc.title if sc else r.scenario) + (f": {var.title}" if var else "")
        name = link(title, scenario_uri(r.scenario)) if sc else title
        fault = _fault_text(var.fault if var else sc.drill.fault) if sc and sc.drill else "–"
        ttd = f"{r.time_to_diagnosis_s:.2f} s at {r.diagnosed_at or ''}" if r.time_to_diagnosis_s is not None else "–"
        verdict = "✅ passed" if r.passed else "❌ failed"
        rows.append([name, fault, verdict, str(r.run), str(r.manual), ttd])
        steps = [[s.runbook, str(s.step), s.title, OUTCOME[s.outcome]] for s in r.steps]
        details.append(Md("### {}\n\n").format(line(title)) + table(["Runbook", "Step", "Title", "Drill"], steps))
    head = Md("Last recorded: **{}**.\n\n").format(results.date.isoformat())
    cols = ["Scenario", "Fault injected", "Result", "Steps run", "Manual / not run", "Time to diagnosis"]
    return head + table(cols, rows) + Md("\n") + Md("\n").join(details)


def _s(v: float | None) -> str:
    return "–" if v is None else f"{v:.1f} s"


def render_alert_drills(cat: Catalog, results: AlertDrillResults | None) -> Md:
    """The recorded end-to-end alert drills: one row per alert, the time factor, the healthy run."""
    if results is None:
        return Md("No alert drill has been recorded yet: run `playbook drill --all --alerts --record`.\n")
    rows = []
    for r in results.runs:
        sc = cat.scenarios.get(r.scenario)
        var = next((v for v in sc.drill.variants if v.id == r.variant), None) if sc and sc.drill else None
        title = (sc.title if sc else r.scenario) + (f": {var.title}" if var else "")
        name = link(title, scenario_uri(r.scenario)) if sc else title
        for a in r.alerts:
            same = sorted(a.receivers) == sorted(a.expected_receivers)
            paged = Md(", ").join(code(x) for x in a.receivers) or Md("nobody")
            verdict = Md(" ✅") if same else Md(" ❌ (`playbook who`: {})").format(", ".join(a.expected_receivers))
            rows.append([
                name, code(a.alert) + ("" if a.required else " (a symptom)"), _s(a.fired_after_s), paged + verdict,
                "✅" if (a.runbook_url or "").startswith(f"{site_url(cat)}scenarios/{r.scenario}.html") else "❌",
                _s(a.resolved_after_s), ", ".join(r.false_alerts) or "none",
            ])  # fmt: skip
    cols = ["Drill", "Alert", "Fired after", "Paged (as `playbook who` names)", "Runbook link", "Resolved after",
            "False alerts"]  # fmt: skip
    h = results.healthy
    healthy = Md(", ").join(code(x) for x in h.false_alerts) or Md("no alert")
    return (
        Md(
            "Last recorded: **{}**, with every `for:`, rate window and router wait divided by **{:g}** (the drill "
            "time factor: `for: 10m` held {:g} s).\n\n"
        ).format(results.date.isoformat(), results.time_factor, 600 / results.time_factor)
        + table(cols, rows)
        + Md("\nThe healthy stand-in, under the same traffic for {:.0f} s: {}.\n").format(h.duration_s, healthy)
    )
