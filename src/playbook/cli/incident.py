"""`playbook classify`, `incident new/log` and `postmortem new/check`: the incident lifecycle on the CLI."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from playbook.cli.arguments import Fail, Parser, from_definition, ids_option, reported
from playbook.cli.session import Session
from playbook.data import files as F
from playbook.incident import usage
from playbook.incident.classify import INPUT_FORMATS, flag


def parse_sev(text: str) -> str:
    """`SEV-2`, `sev2` or `2` as the level id `SEV-2`; ValueError otherwise."""
    t = text.upper().removeprefix("SEV-").removeprefix("SEV")
    if not t.isdigit():
        raise ValueError(f"--sev {text!r}: write 1, 2, 3, 4 or SEV-1 …")
    return f"SEV-{int(t)}"


def _tz(args):
    try:
        return ZoneInfo(args.tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise Fail(f"--tz {args.tz!r}: not a time zone; write e.g. UTC or Europe/Paris") from None


def _when(text: str | None, flag: str, tz) -> datetime:
    from playbook.incident.records import parse_time

    if text is None:
        return datetime.now(UTC).astimezone(tz)
    try:
        return parse_time(text, tz).astimezone(tz)
    except ValueError as e:
        raise Fail(f"{flag} {e}") from None


def cmd_classify(args) -> int:
    from playbook.incident.classify import classify, report, report_data

    cat = args.session.catalog()
    tz = _tz(args)
    started = _when(args.started, "--started", tz)
    observed = observed_signals(cat, args)
    if not observed:
        raise Fail("no signal given; see playbook classify --help")
    result = classify(cat, observed)
    if args.format == "json":
        print(json.dumps(report_data(cat, result, started), indent=2, ensure_ascii=False))
    else:
        print(report(cat, result, started), end="")
    return 0


def observed_signals(cat, args) -> dict[str, float | bool]:
    """The signals given on the command line (one flag each, see `signal_flags`), parsed in their units."""
    from playbook.incident.classify import parse_signal

    observed: dict[str, float | bool] = {}
    for sig in cat.severities.signals:
        raw = getattr(args, sig.id, None)
        if raw is None or raw is False:
            continue
        try:
            observed[sig.id] = True if sig.unit == "bool" else parse_signal(sig, raw)
        except ValueError as e:
            raise Fail(str(e)) from None
    return observed


def cmd_new(args) -> int:
    from playbook.incident.records import write_new
    from playbook.version import playbook_version

    cat = args.session.catalog()
    tz = _tz(args)
    sev = args.sev  # a level of the data: checked when parsed
    started = _when(args.started, "--started", tz).replace(microsecond=0)
    version = args.version or playbook_version(cat.project.root)["version"]
    try:
        path = write_new(cat, Path(args.dir), args.title, sev, started, version)
    except (FileExistsError, OSError) as e:
        raise Fail(str(e)) from None
    print(path)
    return 0


def cmd_log(args) -> int:
    from playbook.incident.records import log_event

    tz = _tz(args)
    at = _when(args.at, "--at", tz).replace(second=0, microsecond=0)
    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8")
        event = args.event
        if args.transcript:
            event = (event + ": " if event else "") + " / ".join(
                s.strip() for s in Path(args.transcript).read_text(encoding="utf-8").splitlines() if s.strip()
            )
        path.write_text(log_event(text, at, event, tz), encoding="utf-8")
    except (OSError, UnicodeDecodeError, ValueError) as e:
        raise Fail(f"{args.file}: {e}") from None
    print(f"{args.file}: logged at {at.isoformat()}")
    return 0


def cmd_check(args) -> int:
    from playbook.incident.postmortem import check_record, check_report

    cat = args.session.catalog()
    tz = _tz(args)
    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        print(f"playbook postmortem check: {args.file}: cannot read: {e}", file=sys.stderr)
        return 2
    problems = check_record(cat, text, args.file, tz)
    print(check_report(problems, args.file), end="")
    return 1 if problems else 0


def severity_option(p, session: Session, help: str = "severity", required: bool = True) -> None:
    """`--sev`: a severity level of the data, as `SEV-2`, `sev2` or `2`."""
    ids_option(
        p,
        "--sev",
        required=required,
        ids=lambda: [lv.id for lv in session.catalog().severities.levels],
        normalize=parse_sev,
        shown=lambda ids: ", ".join(ids) + " (or the number alone)",
        what="a severity",
        source=F.SEVERITIES.name,
        help=help,
    )


def signal_flags(parser, session: Session) -> None:
    """`classify`: one flag per signal of the data, added when this parser is used, not at every start-up."""
    # Unusable data raises its located DataError here, while parsing: without the flags, argparse would
    # answer "unrecognized arguments: --error-rate" instead.
    signals = session.catalog().severities.signals
    group = parser.add_argument_group(f"signals (from {F.SEVERITIES.name})")
    for sig in signals:
        label = sig.name.replace("%", "%%")  # argparse formats help with %: a data name is text
        if sig.unit == "bool":
            group.add_argument(flag(sig), dest=sig.id, action="store_true", help=label)
        else:
            example = INPUT_FORMATS[sig.unit][1].replace("%", "%%")
            group.add_argument(flag(sig), dest=sig.id, metavar="VALUE", help=f"{label}, e.g. {example}")


def register(sub, session: Session) -> None:
    """The lifecycle commands, built from their definitions in playbook.incident.usage."""

    def from_data(p: Parser, arg: usage.Arg) -> None:
        if arg.data == usage.SEVERITY:
            severity_option(p, session, arg.help)
        else:
            p.later(lambda parser: signal_flags(parser, session), also_to_parse=True)

    def build(into, spec: usage.Command, func) -> Parser:
        p = from_definition(into, spec, from_data)
        if func is not None:
            p.set_defaults(func=reported(spec.name, func))
        return p

    build(sub, usage.CLASSIFY, cmd_classify)
    inc = build(sub, usage.INCIDENT, None).add_subparsers(dest="action", required=True, metavar="ACTION")
    build(inc, usage.INCIDENT_NEW, cmd_new)
    build(inc, usage.INCIDENT_LOG, cmd_log)
    pm = build(sub, usage.POSTMORTEM, None).add_subparsers(dest="action", required=True, metavar="ACTION")
    build(pm, usage.POSTMORTEM_NEW, cmd_new)
    build(pm, usage.POSTMORTEM_CHECK, cmd_check)
