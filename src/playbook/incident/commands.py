"""`playbook classify`, `incident new/log` and `postmortem new/check`: the incident lifecycle on the CLI."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from playbook.data.arguments import Parser, command, ids_option
from playbook.incident.classify import INPUT_FORMATS


def parse_sev(text: str) -> str:
    """`SEV-2`, `sev2` or `2` as the level id `SEV-2`; ValueError otherwise."""
    t = text.upper().removeprefix("SEV-").removeprefix("SEV")
    if not t.isdigit():
        raise ValueError(f"--sev {text!r}: write 1, 2, 3, 4 or SEV-1 …")
    return f"SEV-{int(t)}"


class _Fail(Exception):
    pass


def _tz(args):
    try:
        return ZoneInfo(args.tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise _Fail(f"--tz {args.tz!r}: not a time zone; write e.g. UTC or Europe/Paris") from None


def _when(text: str | None, flag: str, tz) -> datetime:
    from playbook.incident.records import parse_time

    if text is None:
        return datetime.now(UTC).astimezone(tz)
    try:
        return parse_time(text, tz).astimezone(tz)
    except ValueError as e:
        raise _Fail(f"{flag} {e}") from None


def _run(name: str, fn):
    def wrapped(args) -> int:
        try:
            return fn(args)
        except _Fail as e:
            print(f"playbook {name}: {e}", file=sys.stderr)
            return 2

    return wrapped


def cmd_classify(args) -> int:
    from playbook.data.session import catalog
    from playbook.incident.classify import classify, parse_signal, report, report_data

    cat = catalog(args)
    tz = _tz(args)
    started = _when(args.started, "--started", tz)
    observed: dict[str, float | bool] = {}
    for sig in cat.severities.signals:
        raw = getattr(args, sig.id, None)
        if raw is None or raw is False:
            continue
        try:
            observed[sig.id] = True if sig.unit == "bool" else parse_signal(sig, raw)
        except ValueError as e:
            raise _Fail(str(e)) from None
    if not observed:
        raise _Fail("no signal given; see playbook classify --help")
    result = classify(cat, observed)
    if args.format == "json":
        print(json.dumps(report_data(cat, result, started, args.locations), indent=2, ensure_ascii=False))
    else:
        print(report(cat, result, started, args.locations), end="")
    return 0


def cmd_new(args) -> int:
    from playbook.data.session import catalog
    from playbook.incident.records import write_new
    from playbook.version import playbook_version

    cat = catalog(args)
    tz = _tz(args)
    sev = args.sev  # a level of the data: checked when parsed
    started = _when(args.started, "--started", tz).replace(microsecond=0)
    version = args.version or playbook_version(cat.project.root)["version"]
    try:
        path = write_new(cat, Path(args.dir), args.title, sev, started, version)
    except (FileExistsError, OSError) as e:
        raise _Fail(str(e)) from None
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
        raise _Fail(f"{args.file}: {e}") from None
    print(f"{args.file}: logged at {at.isoformat()}")
    return 0


def cmd_check(args) -> int:
    from playbook.data.session import catalog
    from playbook.incident.postmortem import check_record

    cat = catalog(args)
    tz = _tz(args)
    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        print(f"playbook postmortem check: {args.file}: cannot read: {e}", file=sys.stderr)
        return 2
    problems = check_record(cat, text, args.file, tz)
    for p in problems:
        print(p.format())
    print(f"{args.file}: {len(problems)} finding(s)" if problems else f"{args.file}: clean")
    return 1 if problems else 0


def _severity_ids() -> list[str]:
    from playbook.data.session import catalog

    return [lv.id for lv in catalog().severities.levels]


def severity_option(p) -> None:
    """`--sev`: a level of data/severities.yaml, as `SEV-2`, `sev2` or `2`."""
    ids_option(
        p,
        "--sev",
        required=True,
        ids=_severity_ids,
        normalize=parse_sev,
        shown=lambda ids: ", ".join(ids) + " (or the number alone)",
        what="a severity",
        source="data/severities.yaml",
        help="severity",
    )


def _new_args(p, started_required: bool) -> None:
    p.add_argument("title", help="what is happening, in a few words")
    severity_option(p)
    p.add_argument("--dir", default=".", help="folder for the record (default: current folder)")
    p.add_argument("--started", required=started_required, help="start time, e.g. 2026-01-15T10:30 (default: now)")
    p.add_argument("--version", help=argparse.SUPPRESS)
    _tz_arg(p)
    p.set_defaults(func=_run("incident new", cmd_new))


def _tz_arg(p) -> None:
    p.add_argument("--tz", default="UTC", help="time zone for times given without offset and for output (default UTC)")


def _signal_flags(parser) -> None:
    """`classify`: one flag per signal of the data, added when this parser is used, not at every start-up."""
    from playbook.data.session import catalog

    # Unusable data raises its located DataError here, while parsing: without the flags, argparse would
    # answer "unrecognized arguments: --error-rate" instead.
    signals = catalog().severities.signals
    group = parser.add_argument_group("signals (from data/severities.yaml)")
    for sig in signals:
        name = "--" + sig.id.replace("_", "-")
        label = sig.name.replace("%", "%%")  # argparse formats help with %: a data name is text
        if sig.unit == "bool":
            group.add_argument(name, dest=sig.id, action="store_true", help=label)
        else:
            example = INPUT_FORMATS[sig.unit][1].replace("%", "%%")
            group.add_argument(name, dest=sig.id, metavar="VALUE", help=f"{label}, e.g. {example}")


RECORD = "INC-20260115103000.md"  # what `incident new --started 2026-01-15T10:30` writes (the examples below)


def register(sub) -> None:
    p = command(
        sub,
        "classify",
        "the severity of observed signals, with its SLA clock, who to contact and which runbooks to open",
        [
            "playbook classify --error-rate 35%   # a partial outage: SEV-2",
            "playbook classify --ai-error-rate 85% --started 2026-01-15T10:30 --format json",
        ],
    )
    p.later(_signal_flags, also_to_parse=True)
    p.add_argument("--started", help="when the incident started, e.g. 2026-01-15T10:30 (default: now)")
    _tz_arg(p)
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format (default text)")
    # The site's worked example (and runbooks/, extracted from it) leaves out the YAML line:col of each
    # condition, so that a line added to severities.yaml does not change a generated file.
    p.add_argument("--no-locations", dest="locations", action="store_false", help=argparse.SUPPRESS)
    p.set_defaults(func=_run("classify", cmd_classify))

    inc = command(
        sub,
        "incident",
        "create an incident record from the post-mortem template, or add a row to its timeline",
        [
            'playbook incident new "Login failures" --sev 2 --started 2026-01-15T10:30   # writes ' + RECORD,
            f'playbook incident log {RECORD} "Rolled back to the previous deployment" --at 2026-01-15T10:52',
        ],
    )
    isub = inc.add_subparsers(dest="action", required=True, metavar="ACTION")
    _new_args(
        command(
            isub,
            "new",
            "create INC-<start time>.md from the post-mortem template, with its due date and playbook version",
            ['playbook incident new "Login failures" --sev 2 --dir incidents   # writes incidents/INC-<now>.md'],
        ),
        False,
    )
    lg = command(
        isub,
        "log",
        "add a row to an incident record's timeline, in time order",
        [f'playbook incident log {RECORD} "Secondary paged" --at 2026-01-15T10:36'],
    )
    lg.add_argument("file", help="the incident record")
    lg.add_argument("event", nargs="?", default="", help="what happened")
    lg.add_argument("--at", help="when, e.g. 2026-01-15T10:42 (default: now)")
    lg.add_argument("--transcript", help="append a runbook runner transcript file as the event text")
    _tz_arg(lg)
    lg.set_defaults(func=_run("incident log", cmd_log))

    pm = command(
        sub,
        "postmortem",
        "create a post-mortem record, or check one against the template and the due-date rule",
        [f"playbook postmortem check {RECORD}   # exits 1 while the record still has placeholders"],
    )
    psub = pm.add_subparsers(dest="action", required=True, metavar="ACTION")
    _new_args(
        command(
            psub,
            "new",
            "like incident new, for an incident declared elsewhere (--started is required)",
            ['playbook postmortem new "Database down" --sev 1 --started 2026-01-16T03:10 --dir incidents'],
        ),
        True,
    )
    ck = command(
        psub,
        "check",
        "check a record against the template and its rules; exit 0 clean, 1 findings, 2 unreadable",
        [f"playbook postmortem check {RECORD}   # exits 1 while the record still has placeholders"],
    )
    ck.add_argument("file", help="the incident record")
    _tz_arg(ck)
    ck.set_defaults(func=cmd_check)


def program() -> argparse.ArgumentParser:
    """A `playbook` parser with the lifecycle commands alone: what the site runs for its worked examples."""
    p = Parser(prog="playbook")
    register(p.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    return p
