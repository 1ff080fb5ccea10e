"""`playbook who`: who is contacted for an incident of a given severity, age and type."""

from __future__ import annotations

import json
import sys

from playbook.cli.arguments import command, ids_option
from playbook.cli.incident import severity_option
from playbook.cli.session import Session
from playbook.data import files as F
from playbook.data.durations import compact, parse_duration, words


def cmd_who(args) -> int:
    from playbook.incident.routes import reach, route, schedule

    cat = args.session.catalog()
    sev = args.sev  # a level of the data: checked when parsed
    try:
        elapsed = parse_duration(args.after)
    except ValueError as e:
        print(f"playbook who: {e}", file=sys.stderr)
        return 2
    now = route(cat, sev, elapsed, args.type, args.acknowledged)
    later = [c for c in schedule(cat, sev, args.type) if c not in now and not (c.conditional and args.acknowledged)]
    if args.format == "json":
        print(json.dumps(_as_json(cat, sev, args, now, later), indent=2, ensure_ascii=False))
        return 0
    print(f"{sev}, {words(args.after) or '0 minutes'} after declaration" + (f", type {args.type}" if args.type else ""))
    for c in now:
        cond = " (only while the primary has not acknowledged)" if c.conditional else ""
        print(f"  {c.name:<22} since {words(compact(c.at)) or 'declaration'}: {c.reason}{cond}")
        print(f"  {'':<22} reach: {_reach_text(reach(cat, c.party))}")
    for c in later:
        print(f"  next: {c.name} at {words(compact(c.at))}: {c.reason}")
    return 0


def _reach_text(how: dict) -> str:
    slack = f"Slack {how['slack']}" if how["slack"] else "Slack unknown (TBD)"
    email = f"e-mail {how['email']}" if how["email"] else "e-mail unknown (TBD)"
    return f"{slack}, {email}"


def _as_json(cat, sev: str, args, now, later) -> dict:
    from playbook.incident.routes import reach

    def one(c) -> dict:
        return {
            "party": c.party,
            "name": c.name,
            "after_seconds": int(c.at.total_seconds()),
            "only_if_unacknowledged": c.conditional,
            "reason": c.reason,
            **reach(cat, c.party),
        }

    head = {"severity": sev, "after": args.after, "incident_type": args.type, "acknowledged": args.acknowledged}
    return {**head, "contacted": [one(c) for c in now], "next": [one(c) for c in later]}


def register(sub, session: Session) -> None:
    p = command(
        sub,
        "who",
        "who is contacted for an incident of a severity, an age and a type, and how to reach them",
        [
            "playbook who --sev 1 --after 90m --type auth-failures   # a SEV-1 login incident, 90 minutes in",
            "playbook who --sev 2 --acknowledged --format json",
        ],
    )
    severity_option(p, session)
    p.add_argument("--after", default="0m", help="time since declaration, e.g. 90m, 1h30m (default 0m)")
    ids_option(
        p,
        "--type",
        ids=lambda: [i.id for i in session.catalog().matrix.incident_types],
        what="an incident type",
        source=F.MATRIX.name,
        help="incident type",
    )
    p.add_argument("--acknowledged", action="store_true", help="the primary has acknowledged")
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format (default text)")
    p.set_defaults(func=cmd_who)
