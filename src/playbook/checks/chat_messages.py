"""Checker rules on chat blocks: a catalog command (DEC014), a message of its own (CAT013), no new incident (RUN018)."""

from __future__ import annotations

from collections import Counter

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data.spelling import words
from playbook.data.stems import stem
from playbook.data.walk import blocks


def _split(line: str, names: list[str]) -> tuple[str, str] | None:
    """(the catalog command a chat line runs, its message) or None: the longest command name the line opens with."""
    line = line.strip()
    for name in sorted(names, key=len, reverse=True):
        if line == name or line.startswith(name + " "):
            return name, line[len(name) :]
    return None


def _stems(text: str) -> set[str]:
    return {stem(w) for w in words(text)}


def borrowed(examples: dict[str, str], command: str, message: str) -> str | None:
    """The other command whose catalog example `message` mostly is, or None: more than half of the message's words
    are words that example alone holds among the examples (so "database", in two examples, counts for neither)."""
    owns = {c: _stems(e) for c, e in examples.items()}
    seen = Counter(s for st in owns.values() for s in st)
    said = _stems(message)
    if not said:
        return None
    shared = {c: {s for s in said & st if seen[s] == 1} for c, st in owns.items()}
    best = max(shared, key=lambda c: len(shared[c]))
    if best != command and 2 * len(shared[best]) > len(said) and len(shared[best]) > len(shared.get(command, ())):
        return best
    return None


def chat_lines(cat):
    """(data file, path of the block's code, line) of every line of every chat block of the runbooks."""
    for file, path, b in blocks(cat):
        if b.kind == "chat":
            for line in b.code.splitlines():
                yield file, (*path, "code"), line


@rule(
    "CAT013",
    "error",
    "a chat command's message is of that command: not, for the most part, the catalog's example of another one",
    "`/incident resolve` closes the incident (its SLA clock, its status updates, the post-mortem's due date): with "
    "the words of the `/incident update` example ('Investigating root cause') the channel reads that work goes on "
    "while the incident is closed; the catalog's example of each command is what its message says.",
    "run the command whose example the message follows, or write the message the command's own example shows",
)
def chat_message_fits_command(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    names = [c.name for c in cat.data.chat_commands]
    examples = {}
    for c in cat.data.chat_commands:
        split = _split(c.example, names)
        if split is not None:
            examples[c.name] = split[1]
    for file, path, line in chat_lines(cat):
        split = _split(line, names)
        other = borrowed(examples, *split) if split else None
        if other:
            message = f"{split[0]}'s message is, for the most part, the catalog's example of {other} "
            message += f"({examples[other].strip()})"
            hint = f"run {other}, or write what {split[0]} says (its example: {examples[split[0]].strip()})"
            yield report(file, path, message, hint, needle=line.strip())


@rule(
    "DEC014",
    "error",
    "a chat block runs a chat command of catalog.yaml's chat_commands",
    "D-incident-update: the seed's Declaration showed /incident create and /incident resolve while its runbooks ran "
    "/incident update, a command it never defined. The catalog lists the commands the chat tool has (their usage and "
    "example are on the Declare page); a runbook's command that is not among them fails in the channel, or is one the "
    "responder cannot look up, exactly while the incident is under way.",
    "run one of catalog.yaml's chat_commands (or add the command there, with its usage and example)",
)
def chat_command_known(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    names = [c.name for c in cat.data.chat_commands]
    roots = {n.split()[0] for n in names}
    for file, path, line in chat_lines(cat):
        typed = line.strip()
        if not typed.startswith("/") or _split(typed, names) is not None:
            continue
        command = " ".join(typed.split()[:2]) if typed.split()[0] in roots else typed.split()[0]
        message = f"{command} is no chat command of catalog.yaml (it has {', '.join(names)})"
        yield report(file, path, message, needle=typed)


@rule(
    "RUN018",
    "error",
    "a runbook's chat block never runs the command that opens an incident: the declaration's first step runs it",
    "A runbook is followed inside an incident already declared: its first declaration step opened it with "
    "/incident create (a new incident, a new channel). The same command halfway through a runbook declares a "
    "duplicate incident: a second channel, a second SLA clock, updates split between the two.",
    "post to the incident under way (the command the runbook's other chat blocks run), not a new one",
)
def runbook_opens_no_incident(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    opening = next((s.chat for s in cat.incident.declaration_steps if getattr(s, "chat", None)), None)
    if not opening:
        return
    names = [c.name for c in cat.data.chat_commands]
    for file, path, line in chat_lines(cat):
        split = _split(line, names)
        if split and split[0] == opening:
            message = f"{opening} opens a new incident, but a runbook runs inside the one its declaration opened"
            yield report(file, path, message, needle=line.strip())
