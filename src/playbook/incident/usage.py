"""The lifecycle commands as definitions (name, summary, arguments, examples), read by argparse and by the site.

`playbook.cli.incident` builds its parsers from these; the lifecycle page renders its command reference from
the same table, with the choices the data gives (severities, signals), without running argparse in the build.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# An argument whose choices come from the data: the severity levels, or one flag per signal.
SEVERITY = "severity"
SIGNALS = "signals"


@dataclass(frozen=True)
class Arg:
    names: tuple[str, ...]  # ("--started",) for an option, ("title",) for a positional
    help: str = ""
    metavar: str | None = None
    default: str | None = None
    required: bool = False
    choices: tuple[str, ...] = ()
    switch: bool = False  # a flag without a value (store_true)
    optional: bool = False  # a positional that may be left out
    hidden: bool = False  # accepted, not documented (fixed values for the site's own examples)
    data: str | None = None  # SEVERITY or SIGNALS: the choices (or the flags) come from the data

    @property
    def positional(self) -> bool:
        return not self.names[0].startswith("-")

    @property
    def shown(self) -> str:
        """The argument as a usage line writes it: `--sev SEV`, `TITLE`, `--acknowledged`."""
        if self.positional:
            return (self.metavar or self.names[0].upper()) + (" (optional)" if self.optional else "")
        if self.switch:
            return self.names[0]
        return f"{self.names[0]} {self.metavar or self.names[0].lstrip('-').upper()}"


@dataclass(frozen=True)
class Command:
    name: str  # as typed after `playbook`: "classify", "incident new"
    summary: str  # one line: what it does
    examples: tuple[str, ...] = ()  # `playbook …` invocations, each optionally followed by `  # what it shows`
    args: tuple[Arg, ...] = ()
    subcommands: tuple[Command, ...] = field(default=())

    @property
    def word(self) -> str:
        return self.name.split()[-1]


RECORD = "INC-20260115103000.md"  # what `incident new --started 2026-01-15T10:30` writes (the examples below)

TZ = Arg(("--tz",), "time zone for times given without offset and for output (default UTC)", default="UTC")
FORMAT = Arg(("--format",), "output format (default text)", choices=("text", "json"), default="text")
SEV = Arg(("--sev",), "severity", required=True, data=SEVERITY)


def _new(name: str, summary: str, example: str, started_required: bool) -> Command:
    started = "start time, e.g. 2026-01-15T10:30" + ("" if started_required else " (default: now)")
    return Command(
        name,
        summary,
        (example,),
        (
            Arg(("title",), "what is happening, in a few words"),
            SEV,
            Arg(("--dir",), "folder for the record (default: current folder)", default="."),
            Arg(("--started",), started, required=started_required),
            Arg(("--version",), hidden=True),
            TZ,
        ),
    )


CLASSIFY = Command(
    "classify",
    "the severity of observed signals, with its SLA clock, who to contact and which runbooks to open",
    (
        "playbook classify --error-rate 35%   # a partial outage: SEV-2",
        "playbook classify --ai-error-rate 85% --started 2026-01-15T10:30 --format json",
    ),
    (
        Arg(("signals",), data=SIGNALS),
        Arg(("--started",), "when the incident started, e.g. 2026-01-15T10:30 (default: now)"),
        TZ,
        FORMAT,
    ),
)
INCIDENT_NEW = _new(
    "incident new",
    "create INC-<start time>.md from the post-mortem template, with its due date and playbook version",
    'playbook incident new "Login failures" --sev 2 --dir incidents   # writes incidents/INC-<now>.md',
    started_required=False,
)
INCIDENT_LOG = Command(
    "incident log",
    "add a row to an incident record's timeline, in time order",
    (f'playbook incident log {RECORD} "Secondary paged" --at 2026-01-15T10:36',),
    (
        Arg(("file",), "the incident record"),
        Arg(("event",), "what happened", default="", optional=True),
        Arg(("--at",), "when, e.g. 2026-01-15T10:42 (default: now)"),
        Arg(("--transcript",), "append a runbook runner transcript file as the event text"),
        TZ,
    ),
)
INCIDENT = Command(
    "incident",
    "create an incident record from the post-mortem template, or add a row to its timeline",
    (
        'playbook incident new "Login failures" --sev 2 --started 2026-01-15T10:30   # writes ' + RECORD,
        f'playbook incident log {RECORD} "Rolled back to the previous deployment" --at 2026-01-15T10:52',
    ),
    subcommands=(INCIDENT_NEW, INCIDENT_LOG),
)
POSTMORTEM_NEW = _new(
    "postmortem new",
    "like incident new, for an incident declared elsewhere (--started is required)",
    'playbook postmortem new "Database down" --sev 1 --started 2026-01-16T03:10 --dir incidents',
    started_required=True,
)
POSTMORTEM_CHECK = Command(
    "postmortem check",
    "check a record against the template and its rules; exit 0 clean, 1 findings, 2 unreadable",
    (f"playbook postmortem check {RECORD}   # exits 1 while the record still has placeholders",),
    (Arg(("file",), "the incident record"), TZ),
)
POSTMORTEM = Command(
    "postmortem",
    "create a post-mortem record, or check one against the template and the due-date rule",
    (f"playbook postmortem check {RECORD}   # exits 1 while the record still has placeholders",),
    subcommands=(POSTMORTEM_NEW, POSTMORTEM_CHECK),
)

# The lifecycle commands, in the order `playbook --help` and the site list them.
LIFECYCLE: tuple[Command, ...] = (CLASSIFY, INCIDENT, POSTMORTEM)


def leaves(commands: tuple[Command, ...] = LIFECYCLE) -> list[Command]:
    """Every command that runs something (`incident new`, not `incident`), in order."""
    return [leaf for c in commands for leaf in (leaves(c.subcommands) if c.subcommands else [c])]
