"""The values a block gives its tools, against the vocabulary each value belongs to: media types (IANA, as Python
and the system's /etc/mime.types know them), Vercel's environments, sqlite_master's types; deny by default."""

from __future__ import annotations

import functools
import http
import mimetypes
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

from playbook.data.suggest import closest
from playbook.runbooks.toolcheck import _REDIRECT, SQLITE_VALUE_OPTIONS, calls

# Vercel's environments (vercel.com/docs/cli/env: `vercel env add <name> [environment]`, `vercel env rm <name>
# [environment]`, `vercel env ls [environment]`, `vercel pull --environment=<environment>`): these three on every
# plan; the CLI has no shorthand for them, so `prod` or `dev` is an error, not production.
VERCEL_ENVIRONMENTS = ("production", "preview", "development")
# The top-level media types of the IANA registry (RFC 6838 section 4.2, RFC 8081 font, RFC 9695 haptics).
MEDIA_TOP = ("application", "audio", "example", "font", "haptics", "image", "message", "model", "multipart", "text",
             "video")  # fmt: skip
# The structured syntax suffixes of the IANA registry (RFC 6839, RFC 8091 …): `application/vnd.x+json`.
MEDIA_SUFFIXES = ("json", "xml", "ber", "cbor", "der", "fastinfoset", "wbxml", "zip", "gzip", "cbor-seq",
                  "json-seq", "jwt", "sqlite3", "tlv", "yaml", "zstd")  # fmt: skip
MEDIA_HEADERS = ("content-type", "accept")  # the request headers whose value is a media type (or a list of them)
_MEDIA = re.compile(r"^([A-Za-z0-9!#$&^_.+-]+)/([A-Za-z0-9!#$&^_.+*-]+)$")
_VENDOR = re.compile(r"^(?:vnd|prs|x)[.-]")  # the vendor, personal and unregistered trees: names nobody lists
_SQLITE_SCHEMA = re.compile(r"\bsqlite_(?:master|schema|temp_master|temp_schema)\b", re.I)
_TYPE_EQ = re.compile(r"\btype\s*(?:==?|!=|<>)\s*'([^']*)'", re.I)
_TYPE_IN = re.compile(r"\btype\s+(?:NOT\s+)?IN\s*\(([^)]*)\)", re.I)


@functools.cache
def media_types() -> frozenset[str]:
    """Every media type Python's table and the system's mime.types name (with or without a file extension)."""
    known = set(mimetypes.MimeTypes().types_map_inv[True]) | set(mimetypes.MimeTypes().types_map_inv[False])
    for file in mimetypes.knownfiles:
        try:
            text = Path(file).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        known.update(line.split()[0] for line in text.splitlines() if line.strip() and line[0] != "#")
    return frozenset(t.lower() for t in known if "/" in t)


def media_type_problem(value: str) -> str | None:
    """Why a header's media type (`application/json; charset=utf-8`, `*/*`) names no media type, or None."""
    mtype = value.split(";", 1)[0].strip()
    if not mtype or "$" in mtype or "{" in mtype or mtype in ("*/*", "*"):
        return None
    m = _MEDIA.match(mtype)
    if not m:
        return f"{mtype} is not a media type (type/subtype)"
    top, sub = m.group(1).lower(), m.group(2).lower()
    if top not in MEDIA_TOP:
        hint = closest(top, MEDIA_TOP)
        return f"{top} is no top-level media type" + (f"; did you mean {hint}/{sub}?" if hint else "")
    if sub == "*" or f"{top}/{sub}" in media_types() or _VENDOR.match(sub):
        return None
    base, plus, suffix = sub.rpartition("+")
    if plus and suffix in MEDIA_SUFFIXES and (f"{top}/{base}" in media_types() or _VENDOR.match(base)):
        return None
    meant = closest(f"{top}/{sub}", [t for t in media_types() if t.startswith(top + "/")])
    return f"{mtype} is no registered media type" + (f"; did you mean {meant}?" if meant else "")


def header_value_findings(field: str, value: str) -> list[tuple[str, str]]:
    """(needle, message) of each media type of a Content-Type or Accept header that is none."""
    if field.lower() not in MEDIA_HEADERS:
        return []
    parts = value.split(",") if field.lower() == "accept" else [value]
    out = []
    for part in parts:
        problem = media_type_problem(part)
        if problem:
            out.append((part.split(";", 1)[0].strip(), problem))
    return out


def _env_hint(name: str) -> str:
    meant = closest(name, VERCEL_ENVIRONMENTS) or next((e for e in VERCEL_ENVIRONMENTS if e.startswith(name)), None)
    return f"; did you mean {meant}?" if meant else f" (use one of {', '.join(VERCEL_ENVIRONMENTS)})"


def vercel_findings(code: str) -> list[tuple[str, str]]:
    """(needle, message) of every environment a `vercel` call names that is not one of Vercel's."""
    try:
        found = calls(code, "vercel")
    except ValueError:  # unbalanced quotes: bash -n reports those
        return []
    out = []
    for c in found:
        named: list[str] = []
        positional = []
        args = c.args
        for i, a in enumerate(args):
            if a.startswith(("--environment=", "--target=")):
                named.append(a.split("=", 1)[1])
            elif a in ("--environment", "--target") and i + 1 < len(args):
                named.append(args[i + 1])
            elif not a.startswith("-") and (i == 0 or args[i - 1] not in ("--environment", "--target")):
                positional.append(a)
        # `vercel env add|rm NAME ENV`, `vercel env ls ENV`: the environment's place among the words
        if positional[:1] == ["env"] and len(positional) > 1:
            place = {"add": 3, "rm": 3, "remove": 3, "ls": 2, "list": 2}.get(positional[1])
            if place is not None and len(positional) > place:
                named.append(positional[place])
        for env in named:
            if "$" not in env and env not in VERCEL_ENVIRONMENTS:
                out.append((env, f"{env} is not a Vercel environment{_env_hint(env)}"))
    return out


@functools.cache
def sqlite_schema_types() -> frozenset[str]:
    """The values of sqlite_master's type column, as SQLite itself writes them (one object of each kind)."""
    con = sqlite3.connect(":memory:")
    try:
        con.executescript(
            "CREATE TABLE t(a); CREATE INDEX i ON t(a); CREATE VIEW v AS SELECT a FROM t;"
            "CREATE TRIGGER g AFTER INSERT ON t BEGIN SELECT 1; END;"
        )
        return frozenset(r[0] for r in con.execute("SELECT DISTINCT type FROM sqlite_master"))
    finally:
        con.close()


def sqlite_schema_findings(stmt: str) -> list[tuple[str, str]]:
    """(needle, message) of every `type = '…'` a query of sqlite_master compares with a type SQLite never writes."""
    if not _SQLITE_SCHEMA.search(stmt):
        return []
    literals = [m.group(1) for m in _TYPE_EQ.finditer(stmt)]
    for m in _TYPE_IN.finditer(stmt):
        literals += re.findall(r"'([^']*)'", m.group(1))
    types = sqlite_schema_types()
    out = []
    for lit in literals:
        if lit not in types:
            meant = closest(lit, types)
            hint = f"; did you mean '{meant}'?" if meant else f" (it holds {', '.join(sorted(types))})"
            out.append((f"'{lit}'", f"sqlite_master's type is never '{lit}': the query matches no row{hint}"))
    return out


def http_method_findings(method: str) -> list[tuple[str, str]]:
    """(needle, message) when curl's -X names no HTTP method (Python's http.HTTPMethod: RFC 9110, 5789)."""
    methods = [m.value for m in http.HTTPMethod]
    if "$" in method or method in methods:
        return []
    meant = closest(method, methods)
    return [(method, f"{method} is not an HTTP method" + (f"; did you mean {meant}?" if meant else ""))]


@functools.cache
def sqlite3_cli_options() -> frozenset[str]:
    """The sqlite3 shell's options, as `sqlite3 -help` lists them (`-[no]header` is both); empty without it."""
    exe = shutil.which("sqlite3")
    if exe is None:
        return frozenset()
    try:
        proc = subprocess.run([exe, "-help"], capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    out = set()
    for no, name in re.findall(r"^\s+-(\[no\])?([A-Za-z][\w-]*)", proc.stdout + proc.stderr, re.M):
        out |= {name, "no" + name} if no else {name}
    return frozenset(out)


def sqlite3_option_findings(code: str) -> list[tuple[str, str]]:
    """(needle, message) of every option a sqlite3 call gives that the sqlite3 shell does not have."""
    known = sqlite3_cli_options()
    if not known:
        return []
    try:
        found = calls(code, "sqlite3")
    except ValueError:
        return []
    out = []
    for c in found:
        args = c.args[: next((i for i, a in enumerate(c.args) if _REDIRECT.match(a)), len(c.args))]
        skip = False
        for a in args:
            if skip:
                skip = False
                continue
            if re.fullmatch(r"--?[A-Za-z][\w-]*", a):
                name = a.lstrip("-")
                skip = "-" + name in SQLITE_VALUE_OPTIONS
                if name not in known:
                    meant = closest(name, known)
                    out.append((a, f"sqlite3 has no option {a}" + (f"; did you mean -{meant}?" if meant else "")))
    return out
