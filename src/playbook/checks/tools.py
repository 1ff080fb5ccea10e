"""Checker rules running the real tools on every code block (bash -n, ShellCheck, jq, SQLite, tsc), at its YAML line."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

from playbook.checks import toolcache as tc
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data.catalog import Catalog
from playbook.data.sourcemap import CodeMap, written
from playbook.data.suggest import closest
from playbook.data.walk import blocks
from playbook.errors import Problem, dotted
from playbook.runbooks import blockcheck as bc
from playbook.runbooks import jqrun
from playbook.runbooks import vocab as vb

SHELL_KINDS = ("shell", "jq")  # jq blocks are jq command lines
# The rules here need tools installed outside the wheel (ShellCheck, jq, tsc, the app's fixtures): `playbook
# check` runs them (as the pre-commit hook and CI do, before any build); `build` and `extract` leave them out
# (`external=True`), so a build works where only the wheel is installed. tsc takes seconds (`slow=True`).


@dataclass(frozen=True)
class Spot:
    """One block of the data: the file, the path of its code, its kind and expanded code."""

    file: str
    path: tuple
    kind: str
    code: str
    destructive: bool
    safe: bool = False  # says why it may run though it is not read-only
    covers: tuple[str, ...] = ()  # what its `safe:` excuses (the shared reason's, if it names one)


def spots(cat: Catalog) -> list[Spot]:
    def make() -> list[Spot]:
        out = []
        for file, path, b in blocks(cat):
            code_path = path if path[-1] == "code" else (*path, "code")
            covers = tuple(s.covers) if (s := cat.safe(b)) else ()
            out.append(Spot(file, code_path, b.kind, b.code, b.destructive, bool(b.safe), covers))
        return out

    return cat.memoized(("tools", "spots"), make)


def at(
    report: Reporter, spot: Spot, line: int, col: int, message: str, hint: str = "", level: str | None = None
) -> Problem:
    """A finding at 1-based (`line`, `col`) of a block's expanded code, placed in its YAML file."""
    cat = report.cat
    file_lines = report.lines(spot.file)
    key = cat.where(spot.file, spot.path)
    cmap = cat.memoized(
        ("tools", "map", spot.file, spot.path), lambda: CodeMap(written(file_lines, *key), key, spot.code)
    )
    y_line, y_col = cmap.at(line, col)
    return report.at(spot.file, y_line, y_col, message, hint, dotted(spot.path), level)


def at_node(report: Reporter, spot: Spot, node, message: str) -> Problem:
    """`at` the start of a parsed node of the spot's code (a tree-sitter node: 0-based row and column)."""
    return at(report, spot, node.start_point[0] + 1, node.start_point[1] + 1, message)


@dataclass
class Results:
    """Every tool's findings on the distinct blocks of each kind, or the tool that is missing."""

    shell: list[str]
    bash: list[bc.ToolFinding] | bc.ToolMissing
    shellcheck: list[bc.ToolFinding] | bc.ToolMissing
    jq: list[bc.ToolFinding] | bc.ToolMissing
    sql_blocks: list[tuple[str, str]]
    sql: list[bc.ToolFinding] | bc.ToolMissing
    ts: list[str]
    tsc: list[bc.ToolFinding] | bc.ToolMissing | None
    names: list[tuple[str, str]] = field(default_factory=list)  # the blocks (code, kind) whose tool names are read
    vocab: list[bc.ToolFinding] | bc.ToolMissing = field(default_factory=list)  # checks/vocab.py's TOOL006/7
    jq_logs: list[bc.ToolFinding] | bc.ToolMissing = field(default_factory=list)  # TOOL012: run on the sample


def _guard(fn, *args):
    """The tool's findings, or why it could not give any (missing, or failing in a way it did not explain)."""
    try:
        return fn(*args)
    except bc.ToolMissing as e:
        return e
    except (RuntimeError, OSError, ValueError) as e:  # a finding, never a traceback
        name = fn.__name__.split("_")[0]
        return bc.ToolMissing(name, "bash scripts/setup --test, then run the tool by hand", f"failed: {e}"[:500])


def results(ctx: CheckContext) -> Results:
    """Run the tools once per catalog, concurrently, each over the distinct blocks it reads (a large playbook
    repeats the same commands); tsc only when its rule is selected (`playbook check --fast` skips it). With
    a current cache, a tool that checked the same input before is not run again."""

    cat = ctx.catalog

    def run() -> Results:
        all_spots = spots(cat)
        shell = list(dict.fromkeys(s.code for s in all_spots if s.kind in SHELL_KINDS))
        sql_blocks = list(dict.fromkeys((s.code, s.kind) for s in all_spots if s.kind in ("shell", "sql")))
        ts = list(dict.fromkeys(s.code for s in all_spots if s.kind == "typescript"))
        project = cat.project
        cache = ctx.cache
        with ThreadPoolExecutor(max_workers=5) as pool:
            tsc = None
            if ctx.selects("TOOL005"):
                tsc_check = tc.cached(cache, bc.tsc_check, lambda: tc.tsc(project.tsc, project.ts_declarations))
                tsc = pool.submit(_guard, tsc_check, ts, project.tsc, project.ts_declarations, project.root)
            shellcheck = tc.cached(cache, bc.shellcheck_blocks, tc.shellcheck)
            sc = pool.submit(_guard, shellcheck, shell, sorted(cat.placeholders))
            bash = pool.submit(_guard, tc.cached(cache, bc.bash_syntax, tc.bash), shell)
            jq = pool.submit(_guard, tc.cached(cache, bc.jq_compile, tc.jq), shell)
            names = list(dict.fromkeys((s.code, s.kind) for s in all_spots if s.kind in ("shell", "jq", "sql")))
            vocab = pool.submit(_guard, tc.cached(cache, vb.vocab_check, tc.vocab_tools), names)
            values = {p.name: p.default or "" for p in cat.meta.placeholders if not p.secret}
            jq_logs = pool.submit(
                _guard,
                tc.cached(cache, jqrun.jq_run_logs, tc.jq),
                shell,
                jqrun.log_files(cat),
                values,
                jqrun.log_records(cat),
            )
            sql_compile = tc.cached(cache, bc.sql_compile, lambda: tc.sqlite(project.app_schema))
            sql = _guard(sql_compile, sql_blocks, project.app_schema)  # in-process: SQLite's own library
            return Results(
                shell,
                bash.result(),
                sc.result(),
                jq.result(),
                sql_blocks,
                sql,
                ts,
                tsc.result() if tsc else None,
                names,
                vocab.result(),
                jq_logs.result(),
            )

    return cat.memoized(("tools", "results"), run)


def _by_block(all_spots: list[Spot], keys: list, key_of) -> dict[int, list[Spot]]:
    index = {k: i for i, k in enumerate(keys)}
    out: dict[int, list[Spot]] = {}
    for s in all_spots:
        k = key_of(s)
        if k in index:
            out.setdefault(index[k], []).append(s)
    return out


def _report(ctx: CheckContext, report: Reporter, found, keys: list, key_of, keep=lambda f: True, prefix: str = ""):
    all_spots = spots(ctx.catalog)
    where = _by_block(all_spots, keys, key_of)
    if isinstance(found, bc.ToolMissing):
        first = where.get(0, [None])[0]
        if first is not None:
            level = "error" if ctx.tools_required else "warning"
            yield at(report, first, 1, 1, str(found), f"install it: `{found.how}`", level)
        return
    for f in found or []:
        if keep(f):
            for s in where.get(f.block, []):
                code = f" {f.code}" if f.code else ""
                yield at(report, s, f.line, f.col, f"{prefix}{f.message}{code}".strip())


def broken_shell(ctx: CheckContext) -> set[int]:
    """Distinct shell blocks `bash -n` rejects: other tools stay quiet on them (one finding per fault)."""
    res = results(ctx)
    return set() if isinstance(res.bash, bc.ToolMissing) else {f.block for f in res.bash}


@rule(
    "TOOL001",
    "error",
    "every shell block parses (bash -n)",
    "A command that does not parse fails when it is pasted at 3 a.m., after the steps before it ran.",
    "fix the shell syntax at this line (quotes, brackets, do/done, if/fi)",
    external=True,
)
def bash_parses(ctx: CheckContext, report: Reporter):
    res = results(ctx)
    yield from _report(ctx, report, res.bash, res.shell, lambda s: s.code, prefix="bash -n: ")


@rule(
    "TOOL002",
    "error",
    "ShellCheck finds nothing at severity warning in a shell block",
    "ShellCheck's warnings are the commands that misbehave on odd input: unquoted paths, lost exit codes.",
    "follow the ShellCheck wiki page of the code (https://www.shellcheck.net/wiki/SC<code>)",
    external=True,
)
def shellcheck_clean(ctx: CheckContext, report: Reporter):
    res = results(ctx)
    bad = broken_shell(ctx)
    # SC2154 is REF009's; SC1127 (a // comment) is RUN001's
    keep = lambda f: f.block not in bad and f.code not in ("SC2154", "SC1127")  # noqa: E731
    for p in _report(ctx, report, res.shellcheck, res.shell, lambda s: s.code, keep, "ShellCheck: "):
        code = p.message.rsplit(" ", 1)[-1]
        yield replace(p, hint=p.hint.replace("SC<code>", code)) if code.startswith("SC") else p


@rule(
    "REF009",
    "error",
    "every variable a shell block reads is a declared placeholder or set by the block (ShellCheck SC2154)",
    "An undeclared variable expands to nothing and the command silently does something else.",
    f"declare it in {F.META.name} placeholders, or use an existing one",
    external=True,
)
def placeholders_declared(ctx: CheckContext, report: Reporter):
    res = results(ctx)
    if isinstance(res.shellcheck, bc.ToolMissing):
        return  # TOOL002 says ShellCheck is missing; this rule has no finding of its own to make
    bad = broken_shell(ctx)
    keep = lambda f: f.block not in bad and f.code == "SC2154"  # noqa: E731
    declared = [p.name for p in ctx.catalog.meta.placeholders]
    for p in _report(ctx, report, res.shellcheck, res.shell, lambda s: s.code, keep):
        name = p.message.split(" ", 1)[0]
        meant = closest(name, declared)  # a declaration renamed (REF010 names it at its line)
        hint = f"did you mean ${meant}, or was {meant} renamed in {F.META.name}? " if meant else ""
        yield replace(p, message=f"${name} is not a declared placeholder (ShellCheck SC2154)", hint=hint + p.hint)


@rule(
    "TOOL003",
    "error",
    "every jq filter compiles",
    "A jq syntax error prints nothing useful while the incident goes on.",
    "fix the jq filter (jq -n 'FILTER' shows the same error)",
    external=True,
)
def jq_compiles(ctx: CheckContext, report: Reporter):
    res = results(ctx)
    bad = broken_shell(ctx)
    yield from _report(ctx, report, res.jq, res.shell, lambda s: s.code, lambda f: f.block not in bad, "jq: ")


@rule(
    "TOOL004",
    "error",
    "every SQL statement compiles against the app's schema (SQLite EXPLAIN)",
    "A query naming a missing table or column fails exactly when the database is in trouble.",
    "use the tables and columns of data/app/clinical-os-schema.sql (the app's Prisma schema)",
    external=True,
)
def sql_compiles(ctx: CheckContext, report: Reporter):
    res = results(ctx)
    yield from _report(ctx, report, res.sql, res.sql_blocks, lambda s: (s.code, s.kind), prefix="SQLite: ")


@rule(
    "TOOL005",
    "error",
    "every TypeScript snippet type-checks (tsc --strict) against the app's declarations",
    "A code change pasted during an incident must compile the first time.",
    "fix the type error; the declarations are data/app/clinical-os.d.ts (skip with check --fast)",
    external=True,
    slow=True,
)
def ts_compiles(ctx: CheckContext, report: Reporter):
    res = results(ctx)
    if res.tsc is not None:
        yield from _report(ctx, report, res.tsc, res.ts, lambda s: s.code, prefix="tsc: ")
