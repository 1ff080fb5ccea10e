"""Benchmark of the per-block tool checks: ShellCheck, `bash -n` and jq on shell blocks, sqlite3 on SQL, tsc."""

from __future__ import annotations

import shutil
from pathlib import Path

from playbook import project
from playbook.data.load import load_catalog
from playbook.runbooks.blockcheck import ToolMissing, shellcheck_cmd
from playbook.runbooks.toolcheck import TSC_FLAGS, calls, jq_compile_argv, jq_parts, ts_module
from playbook_dev import measure as bm

SAMPLE = 20  # blocks checked one call each, to show what batching saves
TSC_SAMPLE = 2  # tsc starts slowly: fewer single calls
CHUNK = 400  # files per ShellCheck call (keeps the command line short)


def blocks(data: Path) -> dict[str, list[str]]:
    """Code of every block by kind, from the expanded data (what the pages show)."""
    cat = load_catalog(data)
    out: dict[str, list[str]] = {}

    def add(kind: str, code: str) -> None:
        out.setdefault(kind, []).append(code)

    for book in [*cat.scenarios.values(), *cat.procedures.values()]:
        for step in book.steps:
            for b in [*step.blocks, *(b for o in step.options for b in o.blocks)]:
                add(b.kind, b.code)
        for q in getattr(book, "queries", []):
            add("jq", q.code)
    return out


def _shellcheck() -> str | None:
    """The ShellCheck `playbook check` runs, or None where there is none."""
    try:
        return shellcheck_cmd()
    except ToolMissing:
        return None


def measure(data: Path, work: Path, repeats: int) -> dict:
    """Per-block and total cost of each tool over every block of `data`, batched where the tool allows."""
    work.mkdir(parents=True)
    found = blocks(data)
    shell = [*found.get("shell", []), *found.get("jq", [])]  # jq blocks are jq command lines
    files = []
    for i, code in enumerate(shell):
        f = work / f"block-{i:05d}.sh"
        f.write_text("#!/usr/bin/env bash\n" + code + "\n", encoding="utf-8")
        files.append(str(f))
    res: dict = {"blocks": {k: len(v) for k, v in sorted(found.items())}}
    sc = _shellcheck()
    if sc and files:
        runs = []
        for _ in range(repeats):
            parts = [
                bm.run([sc, "-S", "warning", "-f", "gcc", *files[i : i + CHUNK]]) for i in range(0, len(files), CHUNK)
            ]
            runs.append({"wall": sum(r["wall"] for r in parts), "cpu": sum(r["cpu"] for r in parts), "rss_mib": 0})
        one = [bm.run([sc, "-S", "warning", "-f", "gcc", f]) for f in files[:SAMPLE]]
        res["shellcheck"] = _row(runs, len(files), one)
    else:
        res["shellcheck"] = "not available (shellcheck not installed)"
    bash = shutil.which("bash")
    if files:  # batched: every block as the body of its own function, in one file, one `bash -n`
        joined = work / "all-blocks.sh"
        joined.write_text("".join(f"block_{i}() {{\n{code}\n}}\n" for i, code in enumerate(shell)), encoding="utf-8")
        runs = [bm.run([bash, "-n", str(joined)]) for _ in range(repeats)]
        res["bash -n"] = _row(runs, len(files), [bm.run([bash, "-n", f]) for f in files[:SAMPLE]])
    sql = found.get("sql", [])
    sqlite = shutil.which("sqlite3")
    if sqlite and sql:
        script = work / "explain.sql"
        schema = project.at(bm.root()).app_schema.read_text(encoding="utf-8")  # the contract check compiles against
        script.write_text(schema + "".join(f"EXPLAIN {s.rstrip(';')};\n" for s in sql), encoding="utf-8")
        runs = [bm.run([sqlite, ":memory:", f".read {script}"]) for _ in range(repeats)]
        single = work / "one.sql"
        single.write_text(schema + f"EXPLAIN {sql[0].rstrip(';')};\n", encoding="utf-8")
        one = [bm.run([sqlite, ":memory:", f".read {single}"]) for _ in range(min(SAMPLE, len(sql)))]
        res["sqlite3 EXPLAIN"] = _row(runs, len(sql), one)
    else:
        res["sqlite3 EXPLAIN"] = "not available (no sqlite3 or no SQL block)"
    res["jq (compile)"] = _jq(shell, repeats)
    res["tsc"] = _tsc(found.get("typescript", []), work, repeats)
    return res


def _jq(shell: list[str], repeats: int) -> dict | str:
    """Every jq filter of the shell blocks compiled: all in one `jq -n` program, and one call each."""
    jq = shutil.which("jq")
    filters = [jq_parts(c)[:2] for code in shell for c in calls(code, "jq")]
    if not jq or not filters:
        return "not available (no jq or no jq filter)"
    runs = [bm.checked(bm.run(jq_compile_argv(filters, jq)), "jq") for _ in range(repeats)]
    one = [bm.checked(bm.run(jq_compile_argv([f], jq)), "jq") for f in filters[:SAMPLE]]
    return _row(runs, len(filters), one)


def _tsc(snippets: list[str], work: Path, repeats: int) -> dict | str:
    """The TypeScript snippets type-checked against the tests' declarations: one tsc call, and one each."""
    root = bm.root()
    tsc, decls = (proj := project.at(root)).tsc, proj.ts_declarations  # what `playbook check` compiles with
    if not tsc.exists() or not snippets:
        return "not available (no node_modules/.bin/tsc: run scripts/setup --test; or no TypeScript block)"
    files = []
    for i, code in enumerate(snippets):
        f = work / f"snippet-{i:04d}.ts"
        f.write_text(ts_module(code), encoding="utf-8")
        files.append(str(f))
    cmd = [str(tsc), *TSC_FLAGS, "--noEmit", str(decls)]
    runs = [bm.checked(bm.run([*cmd, *files], cwd=root), "tsc") for _ in range(repeats)]
    one = [bm.checked(bm.run([*cmd, f], cwd=root), "tsc") for f in files[:TSC_SAMPLE]]
    return _row(runs, len(files), one)


def _row(batched: list[dict], count: int, single: list[dict]) -> dict:
    total = bm.stats([r["wall"] for r in batched])
    per_call = bm.stats([r["wall"] for r in single]) if single else None
    return {
        "count": count,
        "total": total,
        "per_block_batched_ms": 1000 * total["median"] / max(count, 1),
        "per_block_one_call_ms": 1000 * per_call["median"] if per_call else None,
    }
