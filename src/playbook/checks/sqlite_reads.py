"""Checker rules on what sqlite3 reads of a database: a probe that reads no page of it (DEC012), a salvage dump that
holds no row (DEC013)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tree_sitter import Node

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.seed_forms import databases
from playbook.checks.tools import at_node, spots
from playbook.runbooks.destructive import runs
from playbook.runbooks.shellparse import _parser, _text, _walk

# sqlite3's options that take a value (`sqlite3 -help`): the word after them is no database and no SQL
_VALUED = {"-cmd", "-separator", "-nullvalue", "-newline", "-init", "-vfs", "-mmap", "-maxsize", "-heap"}
_CHECKS = re.compile(r"(?i)\bpragma\s+(?:\w+\.)?(?:integrity_check|quick_check)\b")
# SQL that answers without reading the file: SELECTs of constants (no FROM), e.g. `SELECT 1;`
_NO_READ = re.compile(r"(?is)\s*(?:select\s+(?:(?!\bfrom\b)[^;])*;?\s*)+")


def sqlite_calls(code: str) -> Iterator[tuple[Node, str, list[str]]]:
    """(command node, its database as written, the SQL and dot-commands it is given) of each sqlite3 of a block."""
    for node, words, argv in runs(code):
        if argv[0] != "sqlite3":
            continue
        operands, k = [], 1
        while k < len(argv):
            if argv[k] in _VALUED:
                k += 2
                continue
            if not argv[k].startswith("-"):
                operands.append(_text(words[k]) if not operands else argv[k])
            k += 1
        if operands:
            yield node, operands[0], operands[1:]


def blind_probes(code: str, names: set[str]) -> Iterator[tuple[Node, str]]:
    """(the sqlite3 command, its SQL) of each probe of a live database whose SQL reads nothing of the file, in a block
    that does not also check the file's pages (PRAGMA integrity_check or quick_check) of that database."""
    live = re.compile(r"\$\{?(?:" + "|".join(map(re.escape, sorted(names))) + r")\}?[\"']?$")
    calls = [(n, db, sql) for n, db, sql in sqlite_calls(code) if live.search(db)]
    checked = {db.strip("\"'") for _, db, sql in calls if any(_CHECKS.search(s) for s in sql)}
    for node, db, sql in calls:
        if sql and all(_NO_READ.fullmatch(s) for s in sql) and db.strip("\"'") not in checked:
            yield node, " ".join(sql)


@rule(
    "DEC012",
    "error",
    "a probe of a live database reads the file: `SELECT 1` alone is joined, in its block, by PRAGMA integrity_check",
    "D-db-integrity: the seed checked the database with `SELECT 1`, which reads no page of the file: it prints 1 on "
    "a corrupted file (the drills showed it), so no step told the responder that the file was corrupt before the "
    "restore. A probe that answers without reading the file proves only that sqlite3 runs.",
    'check the file itself in the same block: `sqlite3 -readonly "$DB_PATH" "PRAGMA integrity_check;"` (ok when '
    "healthy)",
)
def probes_read(ctx: CheckContext, report: Reporter):
    names = databases(ctx.catalog)
    if not names:
        return
    for s in spots(ctx.catalog):
        if s.kind != "shell" or "sqlite3" not in s.code:
            continue
        for node, sql in blind_probes(s.code, names):
            message = (
                f"{sql!r} reads nothing of the file: it answers on a corrupted database, and nothing here checks it"
            )
            yield at_node(report, s, node, message)


def _redirects(node: Node) -> Iterator[tuple[str, str]]:
    """(operator, destination as written) of each file redirection of a redirected statement."""
    for c in node.children:
        if c.type == "file_redirect" and (dest := c.child_by_field_name("destination")) is not None:
            op = _text(c)[: dest.start_byte - c.start_byte].strip().lstrip("0123456789")
            yield op, _text(dest)


def rowless_loads(code: str) -> Iterator[tuple[Node, str]]:
    """(the sqlite3 command, its dot-command) of each .schema or .fullschema written to a file that a sqlite3 of the
    same block then loads (`sqlite3 db < file`): the database made from it has the tables and no row."""
    tree = _parser().parse(code.encode()).root_node
    written, loaded = [], set()
    for node in _walk(tree):
        if node.type != "redirected_statement" or not node.named_children:
            continue
        body = node.named_children[0]
        while body.type in ("list", "pipeline") and body.named_children:  # `a || b > f`: the redirect is b's
            body = body.named_children[-1]
        calls = list(sqlite_calls(_text(body))) if body.type == "command" else []
        if not calls:
            continue
        for op, dest in _redirects(node):
            schema = next((s for s in calls[0][2] if s.strip() in (".schema", ".fullschema")), None)
            if op.startswith(">") and schema:
                written.append((body, schema, dest))
            elif op == "<":
                loaded.add(dest)
    seen = set()
    for body, schema, dest in written:
        if dest in loaded and body.start_byte not in seen:
            seen.add(body.start_byte)
            yield body, schema


@rule(
    "DEC013",
    "error",
    "a salvage writes the rows of the database it reads (.recover or .dump), not its schema alone, into the file it "
    "loads",
    "D-restore-salvage: the seed overwrote the corrupt file and lost the writes since the backup without a count. "
    "The salvage reads the kept copy into a file, loads it, and counts per table the rows the restored database "
    "lacks; `.schema` writes only the CREATE statements, so every count is 0 and the post-mortem records no data "
    "lost for a restore that dropped writes.",
    'write the rows: `sqlite3 -readonly "$corrupt" .recover > file` (or `.dump` where .recover is missing)',
)
def salvage_has_rows(ctx: CheckContext, report: Reporter):
    for s in spots(ctx.catalog):
        if s.kind != "shell" or "schema" not in s.code:
            continue
        for node, schema in rowless_loads(s.code):
            message = f"{schema} writes the tables and no row: the database loaded from it counts nothing salvaged"
            yield at_node(report, s, node, message)
