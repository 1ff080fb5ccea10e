"""`playbook drill`: run scenario runbooks end to end against the local drill target (see drill_target)."""

from __future__ import annotations

import json
import sys

from playbook.cli.arguments import command, ids_option
from playbook.cli.session import Session
from playbook.data import files as F

LABEL = {"passed": "PASS", "failed": "FAIL", "manual": "MANUAL", "external": "NOT RUN", "stopped": "STOPPED"}


def report(o, out=None) -> None:
    out = out or sys.stdout
    print(f"drill {o.name} (fault: {o.fault})", file=out)
    for s in o.steps:
        note = f": {s.note}" if s.note else ""
        where = f"  [{s.source}]" if s.source else ""
        print(f"  {LABEL[s.outcome]:<7} {s.runbook} step {s.step} ({s.title}){note}{where}", file=out)
    for p in o.problems:
        print(f"  FAIL    {p}", file=out)
    ttd = f"{o.time_to_diagnosis:.2f} s, at {o.diagnosed_at}" if o.time_to_diagnosis is not None else "not reached"
    print(f"  time to diagnosis: {ttd}", file=out)
    run, passed, manual = o.count("passed", "failed"), o.count("passed"), o.count("manual", "external")
    verdict = "passed" if o.passed else "FAILED"
    print(f"  {verdict}: {run} run, {passed} passed, {manual} manual or not runnable here\n", file=out)


def _as_json(o) -> dict:
    steps = [
        {
            "runbook": s.runbook,
            "step": s.step,
            "title": s.title,
            "outcome": s.outcome,
            "note": s.note,
            "source": s.source,
        }
        for s in o.steps
    ]
    return {
        "scenario": o.scenario,
        "variant": o.variant,
        "fault": o.fault,
        "passed": o.passed,
        "steps": steps,
        "problems": o.problems,
        "time_to_diagnosis_s": o.time_to_diagnosis,
        "diagnosed_at": o.diagnosed_at,
    }


def _alert_json(o) -> dict:
    keys = ("alert", "fired_after_s", "receivers", "expected_receivers", "runbook_url", "resolved_after_s")
    alerts = [{k: getattr(a, k) for k in keys} | {"required": a.required} for a in o.alerts]
    head = {"id": o.id, "scenario": o.scenario, "variant": o.variant}
    return head | {"alerts": alerts, "false_alerts": o.false_alerts, "fix": o.fix, "problems": o.problems,
                   "passed": o.passed}  # fmt: skip


def _seconds(v) -> str:
    return "–" if v is None else f"{v:.1f} s"


def alert_table(d, out=None) -> None:
    """The alert drills as a table: one line per alert, then each run's false alerts and problems."""
    out = out or sys.stdout
    print(f"alert drills: every for:, rate window and router wait divided by {d.time_factor:g}", file=out)
    rows = [("drill", "alert", "fired after", "receivers", "expected (playbook who)", "resolved after", "false alerts")]
    for o in d.runs:
        for a in o.alerts:
            mark = "" if a.required else " (symptom)"
            got, want = ", ".join(a.receivers) or "–", ", ".join(a.expected_receivers)
            false = ", ".join(o.false_alerts) or "none"
            rows.append(
                (o.id, a.alert + mark, _seconds(a.fired_after_s), got, want, _seconds(a.resolved_after_s), false)
            )
    rows.append(("healthy target", "–", "–", "–", "–", "–", ", ".join(d.healthy.false_alerts) or "none"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip(), file=out)
    for o in [*d.runs, d.healthy]:
        for p in o.problems:
            print(f"  FAIL {o.id}: {p}", file=out)
    print(f"alert drills {'passed' if d.passed else 'FAILED'} in {d.wall_s:.1f} s", file=out)


def cmd_alert_drills(args) -> int:
    from playbook.drill.alert_results import record
    from playbook.drill.alerting import run_all

    cat = args.session.catalog()
    if not args.all or args.scenario:
        print("playbook drill: --alerts runs every alert drill at once: give --all, no scenario", file=sys.stderr)
        return 2
    d = run_all(cat)
    if args.format == "json":
        healthy = {"false_alerts": d.healthy.false_alerts, "duration_s": d.healthy.duration_s}
        body = {"time_factor": d.time_factor, "scenarios": [_alert_json(o) for o in d.runs], "healthy": healthy}
        print(json.dumps(body | {"passed": d.passed}, indent=2, ensure_ascii=False))
    else:
        alert_table(d)
    info = sys.stderr if args.format == "json" else sys.stdout
    if args.record:
        print(f"playbook drill: alert drills recorded in {record(d, cat)}", file=info)
    return 0 if d.passed else 1


def cmd_drill(args) -> int:
    from playbook.drill.results import record
    from playbook.drill.run import drill, variants

    if args.alerts:
        return cmd_alert_drills(args)
    cat = args.session.catalog()
    if args.all == bool(args.scenario):
        print("playbook drill: name one scenario, or --all", file=sys.stderr)
        return 2
    ids = list(cat.scenarios) if args.all else [args.scenario]
    unknown = [i for i in ids if i not in cat.scenarios]
    if unknown:
        print(f"playbook drill: no scenario {unknown[0]!r} (scenarios: {', '.join(cat.scenarios)})", file=sys.stderr)
        return 2
    outcomes = []
    for sid, variant in [(i, v) for i in ids for v in variants(cat, i)]:
        o = drill(cat, sid, variant)
        if args.format == "text":
            report(o)
        outcomes.append(o)
    if args.format == "json":
        print(json.dumps([_as_json(o) for o in outcomes], indent=2, ensure_ascii=False))
    failed = [o for o in outcomes if not o.passed]
    for o in failed:
        for s in o.steps:
            if s.outcome == "failed":
                print(f"playbook drill: {o.name}: {s.source}: {s.label} failed: {s.note}", file=sys.stderr)
        for p in o.problems:
            print(f"playbook drill: {o.name}: {p}", file=sys.stderr)
    info = sys.stderr if args.format == "json" else sys.stdout  # stdout holds the JSON alone
    if args.record:
        print(f"playbook drill: results recorded in {record(outcomes, cat)}", file=info)
    print(f"playbook drill: {len(outcomes) - len(failed)} of {len(outcomes)} drill(s) passed", file=info)
    return 1 if failed else 0


def register(sub, session: Session) -> None:
    p = command(
        sub,
        "drill",
        "run a scenario's runbook against a local stand-in of Clinical OS that reproduces the incident",
        ["playbook drill database-down", "playbook drill --all --format json   # every scenario; exit 1 if one fails"],
    )
    ids_option(
        p,
        "scenario",
        nargs="?",
        ids=lambda: list(session.catalog().scenarios),
        what="a scenario",
        source="data/scenarios/",
        help="scenario id",
    )
    p.add_argument("--all", action="store_true", help="drill every scenario")
    p.add_argument(
        "--record",
        action="store_true",
        help=f"write the results to {F.DRILL_RESULTS.name} (with --alerts: {F.ALERT_DRILL_RESULTS.name}) in the "
        "data folder (the site)",
    )
    p.add_argument(
        "--alerts",
        action="store_true",
        help="with --all: the end-to-end alert drills (real Prometheus and Alertmanager on 127.0.0.1): each alert "
        "fires on its fault, pages who `playbook who` names, resolves after the runbook; a healthy run pages nobody",
    )
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format (default text)")
    p.set_defaults(func=cmd_drill)
