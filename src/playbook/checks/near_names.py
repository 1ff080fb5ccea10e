"""Names the data declares (placeholders, flags, log fields, the app's columns…) and the near misses of them
that commands, URLs and text type instead: `sessionID` for sessionId, `clincal-os` for clinical-os."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.data import files as F
from playbook.data.catalog import Catalog
from playbook.data.suggest import edit_distance
from playbook.runbooks.blockcheck import sql_statements
from playbook.runbooks.toolcheck import jq_calls

# A compound name: kebab-case, snake_case, SCREAMING_SNAKE or camelCase (one word alone is English, not a name).
_WORD = re.compile(
    r"(?<![\w$-])(?:[A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)+|[a-z][a-z0-9]*(?:[A-Z][A-Za-z0-9]*)+"
    r"|[A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+)(?![\w-])"
)
_SCREAMING = re.compile(r"(?<![\w$-])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![\w-])")
_QUOTED_ID = re.compile(r'"([A-Za-z_]\w*)"')  # the app schema's identifiers (Prisma quotes each)
_TS_ID = re.compile(r"\b[A-Za-z_]\w*\b")
_TS_MEMBER = re.compile(r"^\s*([A-Za-z_]\w*)\??\s*:", re.M)  # an interface member: `refused: boolean;`
_JQ_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_JQ_CHAIN = re.compile(r"(?<![\w$\])}\"?])(?:\.[A-Za-z_]\w*)+")  # .a.b read from the input, not $v.a
_TS_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)


FIELD_MIN = 5  # a shorter one-word field (id, ms, ip) is one edit from too many words to guess which was meant


@dataclass(frozen=True)
class Declared:
    """A name the data declares, and where (a YAML node; None for the app's SQL schema and declarations)."""

    name: str
    file: object = None
    path: tuple = ()


def _compound(name: str) -> bool:
    return bool(_WORD.fullmatch(name))


def declared(cat: Catalog) -> dict[str, Declared]:
    """Every compound name the data declares, first declaration kept."""

    def make() -> dict[str, Declared]:
        out: dict[str, Declared] = {}

        def add(name: object, file=None, path: tuple = ()) -> None:
            if not isinstance(name, str):
                return
            for part in re.split(r"[./:\s]+", name):
                if _compound(part):
                    out.setdefault(part, Declared(part, file, path))

        for i, p in enumerate(cat.meta.placeholders):
            add(p.name, F.META, ("placeholders", i, "name"))
            if isinstance(p.default, str) and "://" not in p.default:
                add(p.default, F.META, ("placeholders", i, "default"))
        data = cat.data
        for i, f in enumerate(data.feature_flags):
            add(f.name, F.CATALOG, ("feature_flags", i, "name"))
        for i, f in enumerate(data.log_format.fields):
            add(f.path, F.CATALOG, ("log_format", "fields", i, "path"))
        for i, m in enumerate(data.metrics):
            add(m.name, F.CATALOG, ("metrics", i, "name"))
        for i, e in enumerate(data.endpoints):
            add(e.id, F.CATALOG, ("endpoints", i, "id"))
        for source, pattern in ((cat.project.app_schema, _QUOTED_ID), (cat.project.ts_declarations, _TS_ID)):
            try:
                text = _TS_COMMENT.sub("", source.read_text(encoding="utf-8"))
            except OSError:
                continue
            for m in pattern.finditer(text):
                add(m.group(1) if pattern.groups else m.group(0))
        return out

    return cat.memoized(("near_names", "declared"), make)


def fields(cat: Catalog) -> dict[str, Declared]:
    """The JSON field names the data declares, one word each: the log format's, the endpoints' answers' (the paths
    their help quotes), the feature flag's answers', the members of the app's declared interfaces (what a jq filter
    reads from a log record or an API's answer)."""

    def make() -> dict[str, Declared]:
        out: dict[str, Declared] = {}
        data = cat.data
        for i, f in enumerate(data.log_format.fields):
            for part in str(f.path).split("."):
                out.setdefault(part, Declared(part, F.CATALOG, ("log_format", "fields", i, "path")))
        for i, ep in enumerate(data.endpoints):  # the paths its help gives in code spans: `.metrics.counters[…]`
            for span in re.findall(r"`([^`]*)`", ep.help or ""):
                for chain in _JQ_CHAIN.findall(_JQ_STRING.sub("", span)):
                    for part in chain[1:].split("."):
                        out.setdefault(part, Declared(part, F.CATALOG, ("endpoints", i, "help")))
        for i, flag in enumerate(data.feature_flags):
            for key in ("refused_response", "rate_limited_response"):
                for k in getattr(flag, key):
                    out.setdefault(k, Declared(k, F.CATALOG, ("feature_flags", i, key)))
        try:
            text = _TS_COMMENT.sub("", cat.project.ts_declarations.read_text(encoding="utf-8"))
        except OSError:
            text = ""
        for m in _TS_MEMBER.finditer(text):
            out.setdefault(m.group(1), Declared(m.group(1)))
        return out

    return cat.memoized(("near_names", "fields"), make)


def _jq_segments(code: str, nested: set[str]) -> Iterator[tuple[str, int, int]]:
    """(field, line, column) of every field name a jq filter reads from a pipe (an API's answer), outside strings
    and variables. A query of the log file, and a path into a nested log field (.context.…), are REF007's."""
    for _opts, filt, files in jq_calls(code):
        start, escaped = code.find(filt), 0
        if start < 0:  # inside a double-quoted command (watch "… | jq '.a[\"x\"]'"): its quotes are escaped
            start, escaped = code.find(filt.replace('"', '\\"')), 1
        if files or start < 0:
            continue
        bare = _JQ_STRING.sub(lambda m: " " * len(m.group(0)), filt)
        for chain in _JQ_CHAIN.finditer(bare):
            if chain.group(0)[1:].split(".")[0] in nested:
                continue
            for seg in re.finditer(r"\.([A-Za-z_]\w*)", chain.group(0)):
                i = chain.start() + seg.start(1)
                at = start + i + escaped * filt[:i].count('"')
                yield seg.group(1), code.count("\n", 0, at) + 1, at - (code.rfind("\n", 0, at) + 1) + 1


def meant(name: str, names: dict[str, Declared]) -> Declared | None:
    """The declared name `name` misspells: one edit away (a letter, its case, a separator; two from 8 letters),
    and no other declared name as near; None when it is declared itself or near none."""
    if name in names:
        return None
    limit = 2 if len(name) >= 8 else 1
    near = [d for n, d in names.items() if abs(len(n) - len(name)) <= limit and edit_distance(n, name) <= limit]
    return near[0] if len(near) == 1 else None


def _uses(ctx: CheckContext, report: Reporter) -> Iterator[tuple[str, object]]:
    """(name, where) of every compound name a command or a link types, and every SCREAMING_SNAKE name any
    line of the data types; `where` is (file, line, col) or a (spot, line, col) of a block's expanded code."""
    cat = ctx.catalog
    nested = {str(f.path).split(".")[0] for f in cat.data.log_format.fields if "." in str(f.path)}
    for s in spots(cat):
        if s.kind in ("typescript", "sql"):  # tsc (TOOL005) and SQLite (TOOL004) check their names
            continue
        for n, text in enumerate(_without_sql(s.code, s.kind).split("\n"), 1):
            for m in _WORD.finditer(text):
                if not _SCREAMING.fullmatch(m.group(0)):
                    yield m.group(0), ("spot", s, n, m.start() + 1)
        if "jq" in s.code:
            for name, n, col in _jq_segments(s.code, nested):
                if not _compound(name) and len(name) >= FIELD_MIN:  # a compound one is a _WORD above
                    yield name, ("field", s, n, col)
    for i, link in enumerate(cat.meta.links):
        for m in _WORD.finditer(link.url.split("://", 1)[-1]):
            yield m.group(0), ("node", F.META, ("links", i, "url"))
    for rel in _files(cat):
        for n, text in enumerate(report.lines(rel), 1):
            for m in _SCREAMING.finditer(text):
                yield m.group(0), ("line", rel, n, m.start() + 1)


def _without_sql(code: str, kind: str) -> str:
    """The block with the SQL it gives sqlite3 blanked out (SQLite checks its names against the schema: TOOL004),
    and curl's write-out variables (`%{http_code}`: curl's own names, TOOL006's)."""
    code = re.sub(r"%\{[^}\n]*\}", lambda m: " " * len(m.group(0)), code)
    for sql, _line, _col in sql_statements(code, kind):
        at = code.find(sql)
        if at >= 0:
            code = code[:at] + re.sub(r"[^\n]", " ", sql) + code[at + len(sql) :]
    return code


def _files(cat: Catalog) -> list[str]:
    return [cat.file(s) for s in F.SINGLE] + [rel for rel, _ in cat.runbook_files()]


def _typed(cat: Catalog, report: Reporter, name: str, skip: tuple[str, int]) -> bool:
    """Whether some line of the data (not `skip`, the declaration's) types `name` as a whole word."""
    word = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
    return any(
        (rel, n) != skip and word.search(text)
        for rel in _files(cat)
        for n, text in enumerate(report.lines(rel), 1)
        if name in text
    )


@rule(
    "REF011",
    "error",
    "a name a command, link or text types is the name the data declares, not a near miss of it",
    "`sessionID` for the declared sessionId, `clincal-os` for the project clinical-os, a flag renamed by one letter: "
    "each runs, and reads or sets a name the app does not have.",
    "write the declared name (or rename it where it is declared, and everywhere it is typed)",
)
def near_names(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    names = declared(cat)
    missed: dict[str, list[str]] = {}
    done = set()
    words = {**fields(cat), **names}
    for name, where in _uses(ctx, report):
        d = meant(name, words if where[0] == "field" else names)
        if d is None:
            continue
        origin = f" ({cat.file(d.file) if d.file else 'the app'} declares it)"
        message = f"{name} is not a declared name; did you mean {d.name}?{origin}"
        if where[0] == "field":
            message = f"jq reads .{name}, a field no answer declares; did you mean .{d.name}?{origin}"
        if where[0] in ("spot", "field"):
            p = at(report, where[1], where[2], where[3], message)
        elif where[0] == "node":
            p = report(where[1], where[2], message, needle=name)
        else:
            p = report.at(where[1], where[2], where[3], message)
        if (p.file, p.line, p.col) not in done:
            done.add((p.file, p.line, p.col))
            yield p
        if names.get(d.name) is d:  # a compound name: its declaration may be what was misspelt
            missed.setdefault(d.name, []).append(f"{name} at {p.file}:{p.line}")
    for dname, places in missed.items():
        d = names[dname]
        if d.file is None:
            continue
        rel = cat.file(d.file)
        line, _ = cat.where(rel, d.path)
        if not _typed(cat, report, dname, (rel, line)):
            yield report(
                d.file,
                d.path,
                f"{dname} is declared here but typed nowhere else, where the data types {places[0]}"
                + (f" and {len(places) - 1} more" if len(places) > 1 else ""),
                "rename one side: was the declaration renamed by mistake?",
                needle=dname,
            )
