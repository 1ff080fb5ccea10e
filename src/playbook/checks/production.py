"""Checker rules on blocks that reach production: they are manual (DEST008), and what they stop comes back (DEST012)."""

from __future__ import annotations

import re
from typing import NamedTuple

from playbook.checks.destructive import judged
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.data.walk import blocks
from playbook.runbooks.destructive import first_run, runs

# Programs that reach the real hosting, services or cluster whatever the environment says: the drills' stand-in takes
# the place of the app, its database and its HTTP API ($BASE_URL at 127.0.0.1), never of these. Hand-written (no
# library sorts command-line tools by what they reach); `vercel` and `systemctl` are the ones the runbooks run.
PRODUCTION_TOOLS = frozenset(
    {"vercel", "systemctl", "service", "kubectl", "helm", "docker", "podman", "heroku", "aws", "gcloud", "az", "fly",
     "flyctl", "netlify", "railway", "doctl", "terraform", "pulumi", "ssh", "scp"}
)  # fmt: skip


@rule(
    "DEST008",
    "error",
    "a block that runs a tool reaching production (vercel, systemctl, kubectl, …) is `manual: true`",
    "`manual: true` is what keeps a block out of the drills (`playbook drill` runs every other shell block, on the "
    "stand-in) and makes `playbook run` leave it to a person with production access. The stand-in replaces the app, "
    "its database and its API, never the hosting or the host's services: unmarked, `vercel deploy --prod` or "
    "`systemctl restart` runs for real from a drill, on the machine of whoever runs it. A destructive block is "
    "reported at its command and at its `destructive: true`, where its flags are written.",
    "add `manual: true` to the block (it needs production access)",
    tools=True,
)
def production_is_manual(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for s, (_, _, block) in zip(spots(cat), blocks(cat), strict=True):
        if s.kind == "shell" and not block.manual:
            found = cat.memoized(("dest", "production", s.code), lambda s=s: first_run(s.code, PRODUCTION_TOOLS))
            unmarked = not (s.destructive or s.safe)
            if found and unmarked and found[0] in {d.line for d in judged(cat, s)}:
                continue  # an unmarked write: DEST001's (marked destructive, it is this rule's again)
            if found:
                line, col, name = found
                message = f"`{name}` reaches production, and the block is not manual: a drill would run it for real"
                if "manual" in block.model_fields_set:  # `manual: false`, written: the line to change
                    yield report(s.file, (*s.path[:-1], "manual"), message)
                    continue
                command = at(report, s, line, col, message)
                yield command
                if s.destructive:  # the flags the editor sets: `manual: true` goes beside `destructive: true`
                    flags = f"the block runs `{name}` (line {command.line}), which reaches production, and is not "
                    yield report(s.file, (*s.path[:-1], "destructive"), flags + "manual: a drill would run it for real")


# What takes a service down and what brings it back, as the service managers' commands name them (systemctl, service,
# docker, podman): `restart` starts a stopped unit; `disable`/`mask`/`enable` change the boot only, but with --now
# they stop or start it too. Hand-written: no tool sorts its commands by what they leave running.
STOPS = frozenset({"stop", "kill"})
STARTS = frozenset({"start", "restart", "reload-or-restart"})
NOW = {"disable": "stop", "mask": "stop", "enable": "start", "unmask": "start"}


class Call(NamedTuple):
    """A command of a production tool that stops or starts what it names: where, the tool, its verb and its operands."""

    line: int
    col: int
    program: str
    verb: str  # as typed (stop, kill, disable …)
    stops: bool
    names: frozenset[str]


def service_calls(code: str) -> list[Call]:
    """Each command of a shell block that stops or starts services of a production tool (`systemctl stop x`,
    `service x start`, `docker restart x`), in order."""
    out = []
    for node, _, argv in runs(code):
        if (program := argv[0]) not in PRODUCTION_TOOLS:
            continue
        words = [a for a in argv[1:] if not a.startswith("-")]
        if program == "service" and len(words) >= 2:  # `service UNIT ACTION`
            words = [words[1], words[0]]
        verb = words[0] if words else ""
        kind = NOW.get(verb) if "--now" in argv else ("stop" if verb in STOPS else "start" if verb in STARTS else None)
        if kind and words[1:]:
            names = frozenset(w.removesuffix(".service") for w in words[1:])
            out.append(Call(node.start_point[0] + 1, node.start_point[1] + 1, program, verb, kind == "stop", names))
    return out


@rule(
    "DEST012",
    "error",
    "what a block stops (`systemctl stop`, `service x stop`, `docker kill`) is started again later in its runbook, "
    "or the block's `changes:` says it stays stopped",
    "A stop left standing is an outage the runbook does not own: the step after it, its verify and the drill expect "
    "the service back, and the danger box (changes:) is what the responder confirms on. A block that stops a "
    "service either starts it again (the same tool naming it with start or restart, in this block or a later one "
    "of the runbook), or says in changes: that it is left stopped (the command's verb: stopped, killed, disabled).",
    "restart it (`systemctl restart` where the step only needs it cycled), start it again in a later step, or say "
    "in changes: that it stays stopped and who starts it",
    tools=True,
)
def stopped_comes_back(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    found = [(s, b) for s, (_, _, b) in zip(spots(cat), blocks(cat), strict=True) if s.kind == "shell"]
    calls = [cat.memoized(("dest", "services", s.code), lambda s=s: service_calls(s.code)) for s, _ in found]
    for n, ((s, block), mine) in enumerate(zip(found, calls, strict=True)):
        later = [c for k in range(n, len(found)) if found[k][0].file == s.file for c in calls[k]]
        for j, c in enumerate(mine):
            if not (c.stops and s.destructive):
                continue  # an unmarked stop: DEST001's
            after = later[j + 1 :]  # this block's own later commands, then the later blocks'
            back = set().union(*(a.names for a in after if not a.stops and a.program == c.program))
            left = sorted(c.names - back)
            stem = re.escape(c.verb.rstrip("e"))
            said = re.search(rf"\b{stem}(e|es|s|ed|ped|ing|ping)?\b", block.changes or "", re.I)
            if left and not said:
                message = f"`{c.program} {c.verb}` leaves {', '.join(left)} stopped: nothing later in the runbook "
                message += "starts it again, and the block's changes: does not say it stays stopped"
                yield at(report, s, c.line, c.col, message)
