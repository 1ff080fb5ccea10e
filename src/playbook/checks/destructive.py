"""Checker rules on dangerous steps: a runnable block is read-only as its parse proves, or says it is not."""

from __future__ import annotations

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import Spot, at, broken_shell, results, spots
from playbook.data import files as F
from playbook.data.catalog import Catalog
from playbook.data.model_runbook import Block
from playbook.data.suggest import one_edit
from playbook.data.walk import blocks
from playbook.runbooks import sqlkind
from playbook.runbooks.destructive import Danger, excused_lines, unproven
from playbook.runbooks.shellparse import parse_errors

JUDGEMENT = (
    "Deny by default: a command is read-only only in a form the allow-list knows (curl without a write method "
    "or a body, jq, grep, ls, df, cat, git log, vercel logs, kubectl get, sqlite3 with read statements only, …), "
    "and a redirection only to /dev/null or a descriptor. SQL is judged by its statement kind, wherever it comes "
    "from (an argument, -cmd, a here-string, a heredoc, a pipe), never by the tables the stand-in schema has; "
    "SQL the block does not show (`< file`, `.read`) is not proven read-only."
)


@rule(
    "DEST001",
    "error",
    "a runnable block is read-only as its parse proves, or is marked destructive: true or safe: (why)",
    "An unmarked `rm`, `DELETE` or `curl -X DELETE` runs without the danger box and the confirmation prompt. "
    + JUDGEMENT,
    "add `destructive: true` to the block (with `changes:` and `undo:`); if it changes nothing that matters "
    "(a test request, a copy into a new folder), add `safe:` saying why",
    tools=True,
)
def destructive_marked(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for s, (_, _, block) in zip(spots(cat), blocks(cat), strict=True):
        if not (s.destructive or s.safe) and s.kind in RUNNABLE:
            found = judged(cat, s)
            if found and "destructive" in block.model_fields_set:  # `destructive: false`, written: the line to change
                d, more = found[0], f" (and {len(found) - 1} more)" if len(found) > 1 else ""
                message = f"destructive: false on a block that is not proven read-only: {d.command!r}{more}: {d.reason}"
                yield report(s.file, (*s.path[:-1], "destructive"), message, "write `destructive: true` (with changes: "
                             "and undo:), or make every command of the block read-only")  # fmt: skip
                continue
            for d in found:
                yield at(report, s, d.line, d.col, f"{d.command!r} is not proven read-only: {d.reason}")


RUNNABLE = ("shell", "jq", "sql")


def judged(cat: Catalog, s: Spot) -> list[Danger]:
    """What of a block the parse does not prove read-only (a large playbook repeats its commands: each judged once)."""
    return cat.memoized(("dest", s.kind, s.code), lambda: _sql_block(s.code) if s.kind == "sql" else unproven(s.code))


@rule(
    "DEST003",
    "error",
    "a `safe:` covers every command of its block the parse does not prove read-only, and names nothing else",
    "A `safe:` reason is written for the commands it excuses (a copy into a new folder: mkdir, cp). Bound to them by "
    "`covers:`, a command added later (a `mv` where the block copied) is not excused by a reason written for "
    "something else; and a reason for what the block no longer runs is stale (the reader is told it writes). An "
    "HTTP write is excused by its method only at an endpoint the catalog declares with that method (a reason "
    "for one test request does not excuse a second request, to an admin API nobody described).",
    "if the command is as harmless, name it in covers: (and say why in why:); else mark the block destructive: "
    "true with changes: and undo:. Drop a name (or the whole safe:) the block no longer needs",
    tools=True,
)
def safe_covers(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    needed: dict[str, set[str]] = {}  # a shared reason: the names its blocks need
    requests: dict[str, list[tuple[Spot, list[Danger]]]] = {}  # a shared reason: each block's HTTP writes
    for s, block in safe_spots(cat):
        dangers = [d for d in judged(cat, s) if s.kind in RUNNABLE]
        if isinstance(block.safe, str):
            requests.setdefault(block.safe, []).append((s, [d for d in dangers if any(" " in n for n in d.names)]))
        for d in dangers:
            if missing := [n for n in d.names if not _covered(cat, n, s.covers)]:
                why = f"{d.command!r} is not proven read-only ({d.reason}), and its block's safe: does not cover "
                yield at(report, s, d.line, d.col, why + ", ".join(missing))
        names = {n for d in dangers for n in d.names}
        safe_at = (*s.path[:-1], "safe")
        if isinstance(block.safe, str):
            needed.setdefault(block.safe, set()).update(names)
        if not dangers:
            what = "the parse proves read-only" if s.kind in RUNNABLE else f"never run ({s.kind})"
            yield report(s.file, safe_at, f"safe: on a block {what}: a stale excuse", "drop safe:")
        elif not isinstance(block.safe, str):
            for j, n in enumerate(block.safe.covers):
                if n not in names:
                    yield report(s.file, (*safe_at, "covers", j), f"safe: covers {n!r}, which the block does not run")
    yield from _odd_requests(report, requests)
    for i, reason in enumerate(cat.data.safe_reasons):
        if reason.id not in needed:
            yield report(F.CATALOG, ("safe_reasons", i, "id"), f"no block says safe: {reason.id}", "drop it")
        for j, n in enumerate(reason.covers):
            if reason.id in needed and n not in needed[reason.id]:
                message = f"{reason.id} covers {n!r}, which none of its blocks runs"
                yield report(F.CATALOG, ("safe_reasons", i, "covers", j), message)


def _odd_requests(report: Reporter, requests: dict[str, list[tuple[Spot, list[Danger]]]]):
    """A shared reason is written for one request (its why describes it): a block of it that sends another request
    (the same method to another endpoint) than most of its blocks do is not excused by it."""
    for rid, found in requests.items():
        signatures = [frozenset(n for d in ds for n in d.names if " " in n) for _, ds in found]
        usual = max(signatures, key=signatures.count)  # the most common; a tie: the first block's
        for s, dangers in found:
            odd = [(d, n) for d in dangers for n in d.names if " " in n and n not in usual]
            for d, n in odd[:1]:
                others = ", ".join(sorted(usual)) or "no request"
                message = f"{n!r} is not the request the shared reason {rid} was written for (its blocks send {others})"
                yield at(report, s, d.line, d.col, message)


def _covered(cat: Catalog, name: str, covers: tuple[str, ...]) -> bool:
    """Whether a `safe:` covering `covers` excuses `name`; an HTTP write with its URL ("POST $BASE_URL/api/x") only
    when its method is covered and the URL is an endpoint the catalog declares with that method."""
    method, _, url = name.partition(" ")
    if not url:
        return name in covers
    url = url.split("?", 1)[0].replace("${BASE_URL}", "$BASE_URL")
    return method in covers and any(
        e.method == method and url in (e.path, f"$BASE_URL{e.path}") for e in cat.data.endpoints
    )


def safe_spots(cat: Catalog) -> list[tuple[Spot, Block]]:
    """(spot, block) of every block with a `safe:` (the spots of tools.spots, in the same order as blocks())."""
    return [(s, b) for s, (_, _, b) in zip(spots(cat), blocks(cat), strict=True) if b.safe]


def _sql_block(code: str) -> list[Danger]:
    out = []
    for w in sqlkind.writes(code):
        line = code.count("\n", 0, w.at) + 1
        col = w.at - (code.rfind("\n", 0, w.at) + 1) + 1
        out.append(Danger(line, col, code[w.at :].split("\n", 1)[0][:60], f"the SQL is not read-only ({w.what})"))
    return out


@rule(
    "DEST002",
    "error",
    "tree-sitter-bash reads every shell block not marked destructive that bash accepts",
    "DEST001 proves commands read-only from the parse, and DEST003 binds a safe: to the commands it covers; a "
    "construct the parser cannot read may hide any command (bash's own syntax errors are TOOL001's).",
    "rewrite the construct more plainly, or mark the block destructive: true",
    external=True,
)
def shell_parses(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    res = results(ctx)
    bad = {res.shell[i] for i in broken_shell(ctx)}
    for s in spots(cat):
        if s.kind in ("shell", "jq") and s.code not in bad and not s.destructive:  # a safe: block: DEST003 reads it
            for line, col in parse_errors(s.code)[:1]:
                yield at(
                    report, s, line, col, "tree-sitter-bash cannot parse the shell from here: not proven read-only"
                )


# What a `safe:` may excuse, deny by default: a write that only adds (a new folder or file, a copy, a command's output
# kept in a file: a redirection, tee, curl -o, sqlite3 writing a file of its own or its shell's .output) and a request
# to an endpoint the catalog declares with its method (DEST003 holds a method to those). Everything else the parse
# names (a deploy, rollback or restart tool, a delete, a move, a kill, a SQL statement that writes) changes what
# exists: only `destructive: true` runs it, behind the danger box and the confirmation.
_ADDS = {"mkdir", "cp", "tee", "touch", "mktemp", "curl", "sqlite3", ".output", ".once", ".backup", ".save"}
_HTTP = {"POST", "PUT", "PATCH", "DELETE"}


def excusable(name: str) -> bool:
    """Whether a `safe:` may cover `name` (a program, an HTTP method, a SQL kind, a dot-command, a redirection) by what
    the name is; a SQL statement kind written like a method (DELETE) is told apart by its block (_sql_kinds)."""
    return name in _ADDS or name.split(" ", 1)[0] in _HTTP or (bool(name) and set(name) <= set("<>&|0123456789"))


def _sql_kinds(cat: Catalog, s: Spot) -> set[str]:
    """The names of a block's dangers that are statement kinds of SQL it runs (sqlite3's, or a SQL block's)."""
    dangers = judged(cat, s) if s.kind in RUNNABLE else []
    sql = [d for d in dangers if s.kind == "sql" or d.command.split(" ", 1)[0].rsplit("/", 1)[-1] == "sqlite3"]
    return {n for d in sql for n in d.names if n not in _ADDS}


@rule(
    "DEST004",
    "error",
    "a `safe:` covers only writes that add (a new file or folder, a copy, a test request): never a deploy, a "
    "rollback, a restart, a delete or a SQL write",
    'A `safe:` block runs on a plain yes, in a calm box. Its reason can say anything ("a rollback is always '
    'reversible"), so what it may excuse is decided by what the command is, not by the reason: a write that only '
    "adds a file, and a test request to a declared endpoint. A deploy, rollback or restart tool (vercel, systemctl, "
    "kubectl, prisma), a delete or a move, or a SQL statement that changes a database changes what is live; it is "
    "destructive whatever the reason says.",
    "mark the block `destructive: true` with `changes:` and `undo:` (and drop safe:)",
)
def safe_only_adds(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    shared: dict[str, set[str]] = {}  # a shared reason: the SQL kinds its blocks run
    for s, block in safe_spots(cat):
        sql = _sql_kinds(cat, s)
        if isinstance(block.safe, str):
            shared.setdefault(block.safe, set()).update(sql)
            continue
        for j, n in enumerate(block.safe.covers):
            if n in sql or not excusable(n):
                where = (*s.path[:-1], "safe", "covers", j)
                yield report(s.file, where, f"safe: cannot excuse {n!r}: it changes what exists, not only adds")
    for i, reason in enumerate(cat.data.safe_reasons):
        for j, n in enumerate(reason.covers):
            if n in shared.get(reason.id, set()) or not excusable(n):
                message = f"{reason.id} cannot excuse {n!r}: it changes what exists, not only adds"
                yield report(F.CATALOG, ("safe_reasons", i, "covers", j), message)


@rule(
    "DEST009",
    "error",
    "a `safe:` reason is confirmed for the exact commands it excuses: each line of them has its fingerprint in the "
    "reason's `confirmed:`",
    'A reason is written for a command as it was ("mkdir refuses one that exists" of `mkdir --`; "never saved as a '
    'note" of one draft request): `covers:` binds it to a program or a method, not to what the command does with '
    "them, so `mkdir -p` or a body asking to save still pass as the same `mkdir` and `POST`. Each line of an excused "
    "command (its words as typed, with its program) has a short fingerprint, and the reason lists those it was read "
    "against; an edited line is not excused until someone rereads the reason and writes the new fingerprint.",
    "reread the safe: reason: if it still holds for the command as it is now, write the fingerprint shown in its "
    "confirmed: in place of the old one; if not, rewrite the reason or mark the block destructive: true",
    tools=True,
)
def safe_confirmed(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    found: dict[object, tuple[tuple, str, list[str], list]] = {}  # a reason: (where, file, confirmed, its blocks)
    for s, block in safe_spots(cat):
        reason = cat.safe(block)
        if s.kind != "shell" or reason is None:
            continue
        if isinstance(block.safe, str):
            i = next(i for i, r in enumerate(cat.data.safe_reasons) if r.id == block.safe)
            key, where, file = block.safe, ("safe_reasons", i, "confirmed"), F.CATALOG
        else:
            key, where, file = (s.file, s.path), (*s.path[:-1], "safe", "confirmed"), s.file
        lines = cat.memoized(("dest", "excused", s.code), lambda s=s: excused_lines(s.code))
        found.setdefault(key, (where, file, list(reason.confirmed), []))[3].append((s, lines))
    for key, (where, file, confirmed, spotted) in found.items():
        named = f"the shared reason {key}" if isinstance(key, str) else "its block's safe:"
        have = {fp for _, lines in spotted for _, _, fp in lines}
        # A stale fingerprint one typo from an unconfirmed line's (two neighbours swapped, one changed: 1 in 170,000 for
        # two unrelated hashes) is that line's, copied wrong: the editor fixes the fingerprint, not the command.
        typed = {fp: j for j, fp in enumerate(confirmed) if fp not in have}
        miscopied = {new: j for new in have - set(confirmed) for old, j in typed.items() if one_edit(old, new)}
        for new, j in miscopied.items():
            message = f'{named} is confirmed for "{confirmed[j]}", which no line of its blocks has: "{new}" is one '
            message += "typo from it and is the fingerprint of a line it excuses"
            yield report(file, (*where, j), message, f'write "{new}" in place of "{confirmed[j]}"')
        missing = 0
        for s, lines in spotted:
            for line, col, fp in lines:
                if fp not in confirmed and fp not in miscopied:
                    missing += 1
                    message = f"{named} was not confirmed for this line of a command it excuses ({fp})"
                    hint = f'reread the reason: if it holds for the command as it is now, write "{fp}" in its '
                    hint += "confirmed: in place of the old line's; if not, rewrite it or mark the block destructive"
                    yield at(report, s, line, col, message, hint)
        if missing or miscopied:
            continue
        for j, fp in enumerate(confirmed):
            if fp not in have:
                yield report(
                    file, (*where, j), f"{named} is confirmed for {fp}, which no line of its blocks has", "drop it"
                )
