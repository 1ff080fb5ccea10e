"""`playbook alerts`: write (or --check) the Prometheus rules and the Grafana dashboard from the data."""

from __future__ import annotations

import sys
from pathlib import Path

from playbook.cli.arguments import command
from playbook.cli.session import Session


def generated(cat) -> dict[Path, str]:
    """{file: text} of every file this command writes."""
    from playbook.alerts.alertmanager import config_text
    from playbook.alerts.escalation import policy_text
    from playbook.alerts.grafana import dashboard_text
    from playbook.alerts.prometheus import rules_text

    p = cat.project
    return {
        p.rules_file: rules_text(cat),
        p.alertmanager_file: config_text(cat),
        p.escalation_file: policy_text(cat),
        p.dashboard_file: dashboard_text(cat),
    }


def cmd_alerts(args) -> int:

    cat = args.session.catalog()
    stale = []
    for path, text in generated(cat).items():
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    if args.check and stale:
        for path in stale:
            print(f"playbook alerts: {path} differs from the data; run: playbook alerts", file=sys.stderr)
        return 1
    return 0


def register(sub, session: Session) -> None:
    p = command(
        sub,
        "alerts",
        "write the Prometheus rules, the Alertmanager config, the escalation policy and the Grafana dashboard",
        ["playbook alerts --check   # fails when a committed file differs from the data", "playbook alerts"],
    )
    p.add_argument("--check", action="store_true", help="only compare; exit 1 when a file is stale")
    p.set_defaults(func=cmd_alerts)
