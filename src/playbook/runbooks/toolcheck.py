"""Run the real tools over runbook code: bash -n, ShellCheck, jq, sqlite3; find the block a finding is in."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

SHELLCHECK = Path(sys.executable).parent / "shellcheck"
_STEP = re.compile(r"^# --- step (\d+): (.*) \((\S+:\d+)\) ---$")
_GENERATED = re.compile(
    r"^(step_\d+\(\) \{|  announce '.*|  printf '%s\\n' '(?:Changes|Undo|Why it is safe): .*|  confirm '.*)$"
)
# sqlite3's options that take the next word as their value.
SQLITE_VALUE_OPTIONS = {"-cmd", "-init", "-separator", "-newline", "-nullvalue", "-vfs", "-maxsize", "-mmap", "-heap",
                        "-lookaside", "-pagecache", "-escape"}  # fmt: skip


def opens_for_writing(db: str | None) -> bool:
    """Whether sqlite3, given `db` and no -readonly, opens a file it may write (and creates it where it is missing):
    any file but an in-memory or temporary database (none, '', :memory:) and a URI that opens it read-only or immutable
    (file:…?mode=ro, immutable=1)."""
    if db is None or db in ("", ":memory:"):
        return False
    query = db.partition("?")[2].split("&") if db.startswith("file:") else []
    return not ({"mode=ro", "immutable=1"} & set(query)) and "mode=memory" not in query


_GCC = re.compile(r"^(.*?):(\d+):(\d+): (\w+): (.*)$")


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    col: int
    level: str
    message: str


def shellcheck(paths: list[Path], severity: str = "warning") -> tuple[list[Finding], str]:
    """One ShellCheck call over every file; (findings, raw output)."""
    proc = subprocess.run(
        [str(SHELLCHECK), "-S", severity, "-s", "bash", "-f", "gcc", *map(str, paths)],
        capture_output=True,
        text=True,
    )
    found = [
        Finding(m.group(1), int(m.group(2)), int(m.group(3)), m.group(4), m.group(5))
        for m in map(_GCC.match, proc.stdout.splitlines())
        if m
    ]
    if proc.returncode not in (0, 1) or (proc.returncode == 1 and not found):
        raise RuntimeError(f"shellcheck failed to run ({proc.returncode}): {proc.stdout}{proc.stderr}")
    return found, proc.stdout


def bash_n(path: Path) -> str:
    """bash -n's complaint about a file, '' when it parses."""
    proc = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True)
    return "" if proc.returncode == 0 else proc.stderr.strip()


def locate(script: str, line: int) -> str:
    """Which page block line `line` of a generated script belongs to: 'page:line (step N: title)'."""
    lines = script.splitlines()
    for i in range(min(line, len(lines)) - 1, -1, -1):
        m = _STEP.match(lines[i])
        if m:
            first = i + 1  # 0-based index of the block's first code line, after the generated lines
            while first < len(lines) and _GENERATED.match(lines[first]):
                first += 1
            page, _, start = m.group(3).rpartition(":")
            offset = line - 1 - first  # 0 for the block's first line, which is the fence line + 1
            where = f"{page}:{int(start) + 1 + offset}" if offset >= 0 else m.group(3)
            return f"{where} (step {m.group(1)}: {m.group(2)})"
    return "the script's generated preamble"


def logical_lines(code: str) -> list[str]:
    """Commands of a block: continuation lines joined, comments and blanks dropped."""
    out, cur = [], ""
    for raw in code.splitlines():
        if not cur and (not raw.strip() or raw.lstrip().startswith("#")):
            continue
        if raw.endswith("\\"):
            cur += raw[:-1] + " "
            continue
        out.append(cur + raw)
        cur = ""
    if cur:
        out.append(cur)
    return out


@dataclass(frozen=True)
class Call:
    """One invocation of a tool found in a command: its options and operands."""

    tool: str
    args: list[str]


def calls(code: str, tool: str) -> list[Call]:
    """Every invocation of `tool` in a block, also inside quoted command strings (watch "… | jq …")."""
    found = []

    def scan(line: str) -> None:
        words = shlex.split(line, comments=True)
        for i, w in enumerate(words):
            opened = w != tool and re.sub(r"^(?:\w+=)?[$<>]?\(", "", w) == tool  # x=$(tool …), <(tool …)
            if w == tool or opened:
                end = next((j for j in range(i + 1, len(words)) if words[j] in ("|", "||", "&&", ";")), len(words))
                args = words[i + 1 : end]
                if opened:  # the substitution ends at the word whose `)` closes it (shlex keeps it on the word)
                    close = next((k for k, a in enumerate(args) if a.count(")") > a.count("(")), None)
                    if close is not None:
                        args = args[:close] + ([args[close][:-1]] if args[close][:-1] else [])
                found.append(Call(tool, args))
            elif f"{tool} " in w and w != line:
                scan(w)

    for line in logical_lines(code):
        scan(line)
    return found


def jq_parts(call: Call) -> tuple[list[str], str, list[str]]:
    """(options, filter, files) of a jq call; --arg/--argjson pairs stay in the options."""
    opts, rest, i = [], [], 0
    args = call.args
    while i < len(args):
        a = args[i]
        if a in ("--arg", "--argjson", "--slurpfile", "--rawfile"):
            opts += args[i : i + 3]
            i += 3
        elif a.startswith("-") and not rest:
            opts.append(a)
            i += 1
        else:
            rest.append(a)
            i += 1
    return opts, rest[0], rest[1:]


def jq_calls(code: str) -> list[tuple[list[str], str, list[str]]]:
    """(options, filter, files) of every jq call in a shell block that has a filter; none when its quotes do not
    balance (bash -n reports those)."""
    try:
        found = calls(code, "jq")
    except ValueError:
        return []
    out = []
    for c in found:
        try:
            out.append(jq_parts(c))
        except IndexError:  # a jq call with no filter
            continue
    return out


def jq_compile_argv(filters: list[tuple[list[str], str]], jq: str = "jq") -> list[str]:
    """A `jq -n` call that compiles every (options, filter) pair and runs none: their --arg/--argjson
    names get placeholder values, and the filters sit in a branch that is never taken."""
    args: dict[str, list[str]] = {}
    for opts, _ in filters:
        for i, a in enumerate(opts):
            if a in ("--arg", "--argjson"):
                args[opts[i + 1]] = [a, opts[i + 1], "null" if a == "--argjson" else ""]
    joined = ", ".join(f"({filt})" for _, filt in filters)
    return [jq, "-n", *(x for v in args.values() for x in v), f"if false then ({joined}) else empty end"]


def jq_compiles(opts: list[str], filt: str) -> str:
    """jq's complaint when the filter does not compile, '' when it does (`jq -n`; the filter is never run)."""
    proc = subprocess.run(jq_compile_argv([(opts, filt)]), capture_output=True, text=True)
    return "" if proc.returncode == 0 else proc.stderr.strip()


_REDIRECT = re.compile(r"^\d*(?:[<>]|&>)")


def sqlite_statements(code: str) -> list[str]:
    """The SQL of every `sqlite3 DB "SQL"` call in a block (not its dot-commands such as `.dump`, nor redirections)."""
    found = []
    for c in calls(code, "sqlite3"):
        args = c.args[: next((i for i, a in enumerate(c.args) if _REDIRECT.match(a)), len(c.args))]
        operands, k = [], 0
        while k < len(args):  # options (and the value of -cmd, -separator, …) anywhere, as sqlite3 reads them
            a, k = args[k], k + 1
            if a.startswith("-"):
                k += "-" + a.lstrip("-") in SQLITE_VALUE_OPTIONS
            else:
                operands.append(a)
        if len(operands) >= 2 and not operands[-1].startswith("."):
            found.append(operands[-1])
    return found


# How the TypeScript snippets are compiled: strict, against the stand-in declarations of the tests.
TSC_FLAGS = ["--strict", "--target", "es2022", "--module", "commonjs", "--lib", "es2022", "--pretty", "false"]


def ts_module(code: str) -> str:
    """A compilable file around a snippet: a module as it is, a method-body fragment inside a method."""
    if re.search(r"^export ", code, re.M):
        return code + "\n\nexport const typed: Record<string, RateLimit> = RateLimits;\n"
    body = textwrap.indent(code.rstrip(), "    ")
    return (
        "export class AIService {\n  async generateNote(sessionId: string): Promise<AISuggestion> {\n"
        f"{body}\n    return callProvider(sessionId);\n  }}\n}}\n"
    )
