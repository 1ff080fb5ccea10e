"""`playbook alerts [--check]`: the alerts part of `playbook generate` (rules, router, escalation, dashboard)."""

from __future__ import annotations

from playbook.cli.arguments import command
from playbook.cli.session import Session


def cmd_alerts(args) -> int:
    from playbook.cli.generate import run

    return run(args, ["alerts"], "playbook alerts")


def register(sub, session: Session) -> None:
    p = command(
        sub,
        "alerts",
        "write the Prometheus rules, the Alertmanager config, the escalation policy and the Grafana dashboard "
        "(deprecated: part of playbook generate)",
        ["playbook alerts --check   # fails when a committed file differs from the data", "playbook alerts"],
    )
    p.add_argument("--check", action="store_true", help="only compare; exit 1 when a file is stale")
    p.set_defaults(func=cmd_alerts)
