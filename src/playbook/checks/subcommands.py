"""Checker rule on the subcommands a block gives a CLI (`vercel rolback`, `git lgo`, sqlite3's `.dumb`): each is one
the tool has, told by the tool itself where it is installed, else by the data and the CLI's documented list."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.data.markup import free_strings
from playbook.data.suggest import one_edit
from playbook.runbooks.destructive import commands

# The commands of the CLIs of the app's stack that no Debian package brings (so no `--help` to read here), from
# their reference pages (vercel.com/docs/cli, prisma.io/docs/orm/reference/prisma-cli-reference); the data adds
# every subcommand it names anywhere.
DOCUMENTED = {
    "vercel": {
        "alias", "bisect", "blob", "build", "cache", "certs", "curl", "deploy", "dev", "dns", "domains", "env", "git",
        "help", "httpstat", "init", "inspect", "install", "integration", "link", "list", "login", "logout", "logs",
        "ls", "mcp", "microfrontends", "open", "project", "projects", "promote", "pull", "redeploy", "remove", "rm",
        "rollback", "rolling-release", "switch", "target", "team", "teams", "telemetry", "whoami",
    },
    "prisma": {
        "init", "generate", "migrate", "db", "studio", "format", "validate", "version", "debug", "introspect",
        "platform", "mcp",
    },
}  # fmt: skip
# Options that take the next word as their value, so that word is no subcommand.
VALUED = {
    "git": {"-C", "-c", "--git-dir", "--work-tree", "--namespace", "--exec-path"},
    "vercel": {"--scope", "-S", "--token", "-t", "--cwd", "-A", "--local-config", "-Q", "--global-config", "--team"},
    "prisma": {"--schema"},
}


@functools.cache
def _run(*argv: str) -> str:
    exe = shutil.which(argv[0])
    if exe is None:
        return ""
    try:
        return subprocess.run([exe, *argv[1:]], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def tool_commands(cli: str) -> frozenset[str]:
    """The subcommands `cli` lists itself (git's `help -a`, with the external git-* on PATH; sqlite3's dot-commands
    from `.help`); empty when it is not installed or lists none."""
    if cli == "git":
        return frozenset(re.findall(r"^   ([a-z][a-z0-9-]*)\s", _run("git", "help", "-a"), re.M))
    if cli == "sqlite3":
        return frozenset(re.findall(r"^(\.[a-z_]+)", _run("sqlite3", ":memory:", ".help"), re.M))
    return frozenset()


def calls(code: str) -> list[tuple[str, str]]:
    """(cli, subcommand) of each command of a shell block: git's, vercel's and prisma's (through npx) first word
    past the options, and each dot-command sqlite3 is given as an argument."""
    out = []
    for argv in commands(code):
        name, args = argv[0].rsplit("/", 1)[-1], argv[1:]
        if name in ("npx", "bunx", "pnpx"):
            args = [a for a in args if not a.startswith("-")]
            if not args:
                continue
            name, args = args[0].split("@", 1)[0], args[1:]
        if name == "sqlite3":
            out += [(name, a.split()[0]) for a in args if a.startswith(".") and a[1:2].isalpha()]
            continue
        if name not in VALUED:
            continue
        k = 0
        while k < len(args) and args[k].startswith("-"):
            k += 1 + (args[k] in VALUED[name])
        if k < len(args) and re.fullmatch(r"[a-z][a-z0-9-]*", args[k]):
            out.append((name, args[k]))
    return out


_NAMED = re.compile(r"\b(vercel|prisma|git)\s+([a-z][a-z0-9-]*)\b")


def _known(ctx: CheckContext) -> dict[str, dict[str, int]]:
    """Each CLI's subcommands the data names (in a block or a text: `vercel promote`), with how often."""
    counts: dict[str, dict[str, int]] = {}
    for _file, _path, text in free_strings(ctx.catalog):
        for m in _NAMED.finditer(text):
            counts.setdefault(m.group(1), {}).setdefault(m.group(2), 0)
            counts[m.group(1)][m.group(2)] += 1
    return counts


@rule(
    "TOOL011",
    "error",
    "a subcommand a block gives a CLI (git, vercel, npx prisma, sqlite3's dot-commands) is one the CLI has",
    "`vercel rolback` is no command: Vercel reads it as a folder to deploy or fails, in the rollback procedure "
    "itself; `git lgo` and sqlite3's `.dumb` stop the step with an error where the reader needed the answer.",
    "write the subcommand the message names: `git help -a`, sqlite3's `.help` and the CLI's reference list them",
    external=True,
)
def subcommands(ctx: CheckContext, report: Reporter):
    named = None
    for s in spots(ctx.catalog):
        if s.kind != "shell" or not re.search(r"\b(vercel|prisma|git|sqlite3)\b", s.code):
            continue
        for cli, word in calls(s.code):
            own = tool_commands(cli)
            if named is None:
                named = _known(ctx)
            used = named.get(cli, {})
            # the tool's own list, or its documented one; the data's words add to it, but for a near miss of it (a typo
            # pasted twice is still one), and a word the data names once (here) is judged against the others
            base = own or DOCUMENTED.get(cli, frozenset())
            extra = {w for w, n in used.items() if w != word or n > 1}
            known = set(base) | {w for w in extra if not any(one_edit(w, k) for k in base)}
            if word in known or (cli == "sqlite3" and any(k.startswith(word) for k in known if len(word) > 2)):
                continue
            near = sorted(k for k in known if one_edit(word, k) or one_edit(word.lstrip("."), k.lstrip(".")))
            if not near and not own:
                continue  # a word no installed tool denies and no known one is near: a path, an argument
            said = f"; did you mean {near[0]}?" if len(near) == 1 else ""
            m = re.search(rf"(?<![\w.-]){re.escape(word)}(?![\w-])", s.code)
            o = m.start() if m else 0
            line, col = s.code.count("\n", 0, o) + 1, o - (s.code.rfind("\n", 0, o) + 1) + 1
            yield at(report, s, line, col, f"{cli} {word}: no {cli} command{said}")
