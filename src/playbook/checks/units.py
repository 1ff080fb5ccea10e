"""Checker rule on the systemd units a block names (systemctl, journalctl -u, service): those catalog.yaml declares."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from collections.abc import Iterator

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.data import files as F
from playbook.data.suggest import closest
from playbook.runbooks.toolcheck import calls

# systemctl's options that take a value (systemctl --help): the value is not the command or a unit
_VALUE_OPTIONS = {"-t", "--type", "-s", "--signal", "-p", "--property", "-n", "--lines", "-o", "--output", "-H",
                  "--host", "-M", "--machine", "--state", "--kill-whom", "--root", "--job-mode", "--what", "--when",
                  "--timestamp", "--boot-loader-entry", "--reboot-argument", "--drop-in", "--image"}  # fmt: skip
_SERVICE_ACTIONS = {"start", "stop", "restart", "reload", "force-reload", "status", "try-restart"}
_COMMAND = re.compile(r"^  ([a-z][a-z-]*) (\[?(?:UNIT|PATTERN|SERVICE)\b)?", re.M)


@functools.cache
def systemctl_commands() -> dict[str, bool]:
    """systemctl's commands (`systemctl --help`), each with whether it takes units; {} without systemctl."""
    exe = shutil.which("systemctl")
    if exe is None:
        return {}
    try:
        out = subprocess.run([exe, "--help"], capture_output=True, text=True, timeout=10, env={"SYSTEMD_PAGER": ""})
    except (OSError, subprocess.SubprocessError):
        return {}
    return {m.group(1): bool(m.group(2)) for m in _COMMAND.finditer(out.stdout)}


def _unit(word: str) -> str:
    """A unit as the catalog writes it: without `.service` (systemctl's default type)."""
    return word[: -len(".service")] if word.endswith(".service") else word


def _named(code: str) -> Iterator[tuple[str, str]]:
    """(word, kind) of every command (`cmd`) and unit (`unit`) the block's systemctl, journalctl -u and service
    calls name."""
    try:
        found = {tool: calls(code, tool) for tool in ("systemctl", "journalctl", "service")}
    except ValueError:  # unbalanced quotes: bash -n reports those
        return
    for c in found["systemctl"]:
        words, skip = [], False
        for a in c.args:
            if skip or a.startswith("-"):
                skip = not skip and a in _VALUE_OPTIONS
                continue
            words.append(a)
        if words:
            yield words[0], "cmd"
            if systemctl_commands().get(words[0], True):
                yield from ((w, "unit") for w in words[1:])
    for c in found["journalctl"]:
        for i, a in enumerate(c.args):
            if a in ("-u", "--unit") and i + 1 < len(c.args):
                yield c.args[i + 1], "unit"
            elif a.startswith(("--unit=", "-u")) and len(a) > 2:
                yield a.split("=", 1)[1] if a.startswith("--") else a[2:], "unit"
    for c in found["service"]:  # `service UNIT ACTION` (the word alone in a sentence is no call)
        if len(c.args) >= 2 and c.args[1] in _SERVICE_ACTIONS:
            yield c.args[0], "unit"


@rule(
    "TOOL008",
    "error",
    "every systemd unit a block names (systemctl, journalctl -u, service) is one catalog.yaml declares under "
    "units:, and every systemctl command is systemctl's",
    '`systemctl restart postgres` fails with "Unit postgres.service not found" at the moment the database needs '
    "it; a unit is named once, in the catalog, where its host's name for it is checked.",
    "name a unit of catalog.yaml's units: (or declare the unit there, with the host's name for it)",
    external=True,
)
def units_declared(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    declared = [_unit(u.name) for u in cat.data.units]
    commands = systemctl_commands()
    for s in spots(cat):
        if s.kind != "shell" or not any(t in s.code for t in ("systemctl", "journalctl", "service")):
            continue
        after: dict[str, int] = {}  # each call's word found after the previous call's same word
        for word, kind in _named(s.code):
            if "$" in word or "*" in word or "{" in word:
                continue  # a variable or a pattern: not a name to look up
            if kind == "cmd":
                if commands and word not in commands:
                    meant = closest(word, commands)
                    hint = f"; did you mean {meant}?" if meant else ""
                    yield _at(report, s, word, f"systemctl has no command {word}{hint}", after)
                continue
            name = _unit(word)
            if name in declared or "@" in name and name.split("@", 1)[0] in {d.rstrip("@") for d in declared}:
                continue
            base = name.split(".", 1)[0]  # postgresql.servce: the unit's type misspelt
            meant = f"{base}.service" if base in declared else closest(name, declared)
            hint = f"; did you mean {meant}?" if meant else f" (it declares {', '.join(declared) or 'none'})"
            message = f"{word} is no systemd unit {cat.file(F.CATALOG)} declares under units:{hint}"
            yield _at(report, s, word, message, after)
            # the declaration renamed (set 24's M37): no command names it, and its help names the commands' unit
            k = declared.index(meant) if meant in declared else -1
            helped = k >= 0 and re.search(
                rf"(?<![\w@-]){re.escape(word)}(?:\.service)?(?![\w@-])", cat.data.units[k].help
            )
            if helped and meant not in _used(cat, declared):
                message = f"the unit {meant} is named by no command, and its help names {word}, as {s.file} does"
                yield report(F.CATALOG, ("units", k, "name"), message, f"write name: {word}, as the commands do")


def _used(cat, declared: list[str]) -> set[str]:
    """The declared units some block names."""
    return {_unit(w) for s in spots(cat) if s.kind == "shell" for w, kind in _named(s.code) if kind != "cmd"} & set(
        declared
    )


def _at(report: Reporter, s, word: str, message: str, after: dict[str, int]):
    m = re.compile(rf"(?<![\w.@-]){re.escape(word)}(?![\w.@-])").search(s.code, after.get(word, 0))
    start = m.start() if m else max(s.code.find(word), 0)
    after[word] = start + 1
    line = s.code.count("\n", 0, start) + 1
    return at(report, s, line, start - (s.code.rfind("\n", 0, start) + 1) + 1, message)
