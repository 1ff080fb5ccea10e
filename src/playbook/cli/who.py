"""`playbook who`: who to page now for an incident of a severity (or of the signals seen), an age and a type."""

from __future__ import annotations

import json

from playbook.cli.arguments import Fail, command, ids_option, reported
from playbook.cli.incident import observed_signals, severity_option, signal_flags
from playbook.cli.session import Session
from playbook.data import files as F
from playbook.data.durations import compact, parse_duration, words

UNKNOWN = "unknown (TBD)"


def _elapsed(text: str):
    if text.strip().startswith("-"):
        raise Fail(f"--after {text!r}: the time since declaration cannot be negative; write e.g. 90m or 1h30m")
    try:
        return parse_duration(text)
    except ValueError as e:
        raise Fail(f"--after {text!r}: {e}") from None


def _severity(cat, args) -> tuple[str, str]:
    """The level asked for (`--sev`), or the one the observed signals classify as; and how it was found."""
    from playbook.incident.classify import classify, describe, shown

    observed = observed_signals(cat, args)
    if args.sev and observed:
        raise Fail("give --sev or the signals you observe, not both")
    if args.sev:
        return args.sev, ""
    if not observed:
        raise Fail("give --sev, or the signals you observe (e.g. --error-rate 35%); see playbook who --help")
    result = classify(cat, observed)
    if result.severity is None:
        raise Fail("no severity level matches these signals: no incident by the playbook's definitions")
    m = next(m for m in result.matches if m.level.id == result.severity.id)
    sig = cat.signals[m.cond.signal]
    why = f"{m.cond.wording}: {describe(m.cond, sig)}, observed {shown(m.value, sig)}"
    return result.severity.id, why


def cmd_who(args) -> int:
    from playbook.incident.routes import reach, schedule

    cat = args.session.catalog()
    elapsed = _elapsed(args.after)
    sev, why = _severity(cat, args)
    path = [c for c in schedule(cat, sev, args.type) if not (c.conditional and args.acknowledged)]
    now = [c for c in path if c.at <= elapsed]
    later = [c for c in path if c.at > elapsed]
    if args.format == "json":
        print(json.dumps(_as_json(cat, sev, why, args, now, later), indent=2, ensure_ascii=False))
        return 0
    level = cat.level(sev)
    age = words(compact(elapsed)) or "0 minutes"
    print(f"{sev} ({level.name}), {age} after declaration" + (f", type {args.type}" if args.type else ""))
    if why:
        print(f"  from the signals: {why}")
    print("Page now:" if now else "Page now: nobody yet")
    for c in now:
        cond = " (while the primary has not acknowledged)" if c.conditional else ""
        since = f"since {words(compact(c.at))}" if c.at else "at declaration"
        print(f"  NOW   {c.name}: {c.reason} ({since}){cond}")
        print(f"        {_reach_text(reach(cat, c.party))}")
    if later:
        print("Next:")
    for c in later:
        cond = " (only if the primary has not acknowledged)" if c.conditional else ""
        wait = words(compact(c.at - elapsed)) or "under a minute"
        print(f"  NEXT  {c.name} at {words(compact(c.at))} (in {wait}): {c.reason}{cond}")
        print(f"        {_reach_text(reach(cat, c.party))}")
    return 0


def _reach_text(how: dict) -> str:
    return " · ".join(f"{label} {how[key] or UNKNOWN}" for key, label in (("phone", "phone"), ("slack", "Slack"),
                                                                       ("email", "e-mail")))  # fmt: skip


def _as_json(cat, sev: str, why: str, args, now, later) -> dict:
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
    if why:
        head["classified_from"] = why
    return {**head, "contacted": [one(c) for c in now], "next": [one(c) for c in later]}


def register(sub, session: Session) -> None:
    p = command(
        sub,
        "who",
        "who to page now, and next, for an incident of a severity (or of the signals seen), an age and a type",
        [
            "playbook who --error-rate 35% --after 90m   # the signals name the level: SEV-2, 90 minutes in",
            "playbook who --sev 1 --after 90m --type auth-failures   # a SEV-1 login incident, 90 minutes in",
            "playbook who --sev 2 --acknowledged --format json",
        ],
    )
    severity_option(p, session, required=False)
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
    p.later(lambda parser: signal_flags(parser, session), also_to_parse=True)
    p.set_defaults(func=reported("who", cmd_who))
