"""The names a block gives its tools, against each tool's own vocabulary: curl's and jq's options, curl's
write-out variables, SQLite's pragmas, HTTP header names (and the values of runbooks/values.py); and jq's
`input`/`inputs` without -n."""

from __future__ import annotations

import difflib
import functools
import json
import re
import shutil
import sqlite3
import subprocess
from concurrent.futures import ThreadPoolExecutor

from playbook.data.suggest import closest, edit_distance
from playbook.runbooks.blockcheck import ToolFinding, ToolMissing, _where, jq_filters, split_sql, sql_statements
from playbook.runbooks.toolcheck import calls
from playbook.runbooks.values import (
    header_value_findings,
    http_method_findings,
    sqlite3_option_findings,
    sqlite_schema_findings,
    vercel_findings,
)

# curl's write-out directives that are not values, so `-w '%{json}'` (which prints every value) cannot list them.
CURL_WRITEOUT_DIRECTIVES = {"json", "header_json", "stdout", "stderr", "onerror"}
# The request header names of the IANA HTTP Field Name Registry a runbook command may send (RFC 9110, 9111,
# 6265, 7617, 6454, Fetch). No library the package ships holds the registry, so the standard names are listed
# here; a name that is none of them is still allowed (vendor headers such as OpenAI-Organization, X-Request-Id)
# unless it is one edit or a spelling of a standard name away: then it is the standard name misspelt.
HTTP_HEADERS = (
    "Accept", "Accept-Charset", "Accept-Encoding", "Accept-Language", "Accept-Ranges", "Authorization",
    "Cache-Control", "Connection", "Content-Disposition", "Content-Encoding", "Content-Language", "Content-Length",
    "Content-Location", "Content-Range", "Content-Type", "Cookie", "Date", "ETag", "Expect", "Forwarded", "From",
    "Host", "If-Match", "If-Modified-Since", "If-None-Match", "If-Range", "If-Unmodified-Since", "Max-Forwards",
    "Origin", "Pragma", "Proxy-Authorization", "Range", "Referer", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
    "User-Agent", "Via", "Prefer", "Idempotency-Key", "Access-Control-Request-Method",
    "Access-Control-Request-Headers", "Sec-Fetch-Mode", "Sec-Fetch-Site", "Sec-Fetch-Dest",
)  # fmt: skip
_HELP_OPTION = re.compile(r"^\s*(?:(-\w), )?(--[\w.-]+)(?: (<[^>]*>))?", re.M)
_WRITEOUT = re.compile(r"%\{([^}]*)\}")
_PRAGMA = re.compile(r"^\s*PRAGMA\s+(?:\w+\s*\.\s*)?(\w+)", re.I)
_JQ_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_JQ_INPUT = re.compile(r"(?<![.$\w])inputs?(?!\w)")


def _run(argv: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(argv, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=30)


@functools.cache
def curl_options(curl: str) -> dict[str, bool]:
    """Every option of the real curl (`curl --help all`), short and long, with whether it takes a value."""
    out: dict[str, bool] = {}
    for short, long, value in _HELP_OPTION.findall(_run([curl, "--help", "all"]).stdout):
        for name in (short, long):
            if name:
                out[name] = bool(value)
        if long.startswith("--") and not value:
            out["--no-" + long[2:]] = False  # every boolean long option has its --no- form
    if not out:
        raise RuntimeError("curl --help all listed no option")
    return out


@functools.cache
def curl_writeout(curl: str) -> frozenset[str]:
    """curl's write-out variables: the keys of `%{json}` on a local transfer (the real curl's own list)."""
    proc = _run([curl, "-s", "-o", "/dev/null", "-w", "%{json}", "file:///dev/null"])
    try:
        names = set(json.loads(proc.stdout))
    except (json.JSONDecodeError, TypeError) as e:
        raise RuntimeError(f"curl -w '%{{json}}' printed no JSON: {proc.stderr.strip()[:200]}") from e
    return frozenset(names | CURL_WRITEOUT_DIRECTIVES)


@functools.cache
def sqlite_pragmas() -> frozenset[str]:
    """SQLite's pragmas (`PRAGMA pragma_list`, of the library that compiles the blocks' SQL)."""
    con = sqlite3.connect(":memory:")
    try:
        return frozenset(r[0] for r in con.execute("PRAGMA pragma_list"))
    finally:
        con.close()


@functools.cache
def jq_options(jq: str, options: tuple[str, ...]) -> frozenset[str]:
    """Which of `options` the real jq accepts: all in one call when it takes them all (it stops with 'Unknown
    option' at the first it does not have), else each on its own."""

    def unknown(*opts: str) -> bool:
        return "nknown option" in _run([jq, *opts, "-n", "empty"]).stderr

    if not options or not unknown(*options):
        return frozenset(options)
    return frozenset(o for o in options if not unknown(o))


@functools.cache
def jq_help_options(jq: str) -> tuple[str, ...]:
    """The options `jq --help` lists (for a did-you-mean; jq 1.6's help lists only some of them)."""
    return tuple(dict.fromkeys(re.findall(r"(?<![\w-])(--?[A-Za-z][\w-]*)", _run([jq, "--help"]).stdout)))


def _hint(name: str, choices) -> str:
    choices = list(choices)
    meant = closest(name, choices)
    if meant:
        return f"; did you mean {meant}?"
    near = difflib.get_close_matches(name, choices, n=3, cutoff=0.6)
    if len(near) == 1:
        return f"; did you mean {near[0]}?"
    return f"; did you mean one of {', '.join(near)}?" if near else ""


def _curl_findings(code: str, curl: str) -> list[tuple[str, str]]:
    """(needle, message) of every curl option, write-out variable and header name that is not curl's or HTTP's."""
    opts = curl_options(curl)
    out = []
    try:
        found = calls(code, "curl")
    except ValueError:  # unbalanced quotes: bash -n reports those
        return []
    for c in found:
        args, i = c.args, 0
        while i < len(args):
            a, i = args[i], i + 1
            if a == "--" or not a.startswith("-") or a == "-":
                continue
            if a.startswith("--"):
                name = a.split("=", 1)[0]
                if name not in opts:
                    out.append((a, f"curl has no option {name}{_hint(name, [o for o in opts if o[:2] == '--'])}"))
                    continue
                takes = opts[name]
                value = a.split("=", 1)[1] if "=" in a else (args[i] if takes and i < len(args) else None)
                i += takes and "=" not in a
            else:  # short options, bundled as curl reads them: -sS, -o FILE, -oFILE
                value, name = None, ""
                for k, ch in enumerate(a[1:], 1):
                    name = "-" + ch
                    if name not in opts:
                        out.append((a, f"curl has no option {name}"))
                        break
                    if opts[name]:
                        value = a[k + 1 :] or (args[i] if i < len(args) else None)
                        i += not a[k + 1 :]
                        break
            if value is None:
                continue
            if name in ("-w", "--write-out"):
                for var in _WRITEOUT.findall(value):
                    if var not in curl_writeout(curl) and not var.startswith("header{"):
                        hint = _hint(var, curl_writeout(curl))
                        out.append((f"%{{{var}}}", f"%{{{var}}} is not a curl write-out variable{hint}"))
            elif name in ("-X", "--request"):
                out.extend(http_method_findings(value))
            elif name in ("-H", "--header", "--proxy-header") and ":" in value:
                field, text = (part.strip() for part in value.split(":", 1))
                out.extend(_header(field) + header_value_findings(field, text))
    return out


def _header(field: str) -> list[tuple[str, str]]:
    """A header name one edit (or a spelling) away from a standard one it is not: the standard one misspelt."""
    known = {h.lower() for h in HTTP_HEADERS}
    if not field or field.lower() in known:
        return []
    meant = closest(field, HTTP_HEADERS)
    if meant is None or edit_distance(field.lower(), meant.lower()) > 2:
        return []
    return [(field, f"{field} is not an HTTP header name; did you mean {meant}?")]


_JQ_VALUE_OPTIONS = ("--arg", "--argjson", "--slurpfile", "--rawfile")
NO_NULL_INPUT = "jq-n"  # the code of a finding on `inputs` without -n (its own rule)


def _jq_findings(code: str, jq: str, known: frozenset[str]) -> list[tuple[str, str, str]]:
    out = []
    for opts, filt, _line, _col in jq_filters(code):
        flags = [o for o in opts if o.startswith("-") and o != "--"]
        for o in flags:
            if o not in _JQ_VALUE_OPTIONS and o not in known:
                out.append((o, f"jq has no option {o}{_hint(o, jq_help_options(jq))}", ""))
        null_input = any(o == "--null-input" or re.fullmatch(r"-[A-Za-z]*n[A-Za-z]*", o) for o in flags)
        used = _JQ_INPUT.search(_JQ_STRING.sub('""', filt))
        if used and not null_input:
            word = used.group(0)
            message = (
                f"jq without -n reads the first record as `.` before the filter runs: `{word}` never sees it "
                "(the first record is silently skipped)"
            )
            out.append((filt.split("\n", 1)[0][:40], message, NO_NULL_INPUT))
    return out


def _jq_flags(codes: list[tuple[str, str]]) -> tuple[str, ...]:
    flags = (o for code, _ in codes if "jq" in code for opts, *_ in jq_filters(code) for o in opts)
    return tuple(sorted({o for o in flags if o.startswith("-") and o != "--" and o not in _JQ_VALUE_OPTIONS}))


def _locate(code: str, needle: str) -> tuple[int, int]:
    """(line, column) of `needle` as a whole word (`prod`, not the start of `production`), else as text."""
    m = re.search(rf"(?<![\w-]){re.escape(needle)}(?![\w-])", code) if needle else None
    if m is None:
        return _where(code, needle)
    return code.count("\n", 0, m.start()) + 1, m.start() - (code.rfind("\n", 0, m.start()) + 1) + 1


def vocab_check(codes: list[tuple[str, str]]) -> list[ToolFinding]:
    """Every name each block (code, kind) gives curl, jq or SQLite that the tool does not know, at its line."""
    curl, jq = shutil.which("curl"), shutil.which("jq")
    shells = [code for code, kind in codes if kind in ("shell", "jq")]
    if any("curl" in c for c in shells) and not curl:
        raise ToolMissing("curl", "apt-get install curl")
    if any("jq" in c for c in shells) and not jq:
        raise ToolMissing("jq", "apt-get install jq (or bash scripts/setup)")
    with ThreadPoolExecutor(max_workers=3) as pool:  # each tool asked once, at the same time
        asked = [pool.submit(curl_options, curl), pool.submit(curl_writeout, curl)] if curl else []
        known = pool.submit(jq_options, jq, _jq_flags(codes)) if jq else None
        for f in asked:
            f.result()
        jq_known = known.result() if known else frozenset()
    out = []
    for i, (code, kind) in enumerate(codes):
        found: list[tuple[str, str, str]] = []
        if kind in ("shell", "jq") and "curl" in code:
            found += [(n, m, "") for n, m in _curl_findings(code, curl)]
        if kind in ("shell", "jq") and "jq" in code:
            found += _jq_findings(code, jq, jq_known)
        if kind == "shell" and "vercel" in code:
            found += [(n, m, "") for n, m in vercel_findings(code)]
        if kind == "shell" and "sqlite3" in code:
            found += [(n, m, "") for n, m in sqlite3_option_findings(code)]
        if kind in ("shell", "sql"):
            for sql, _line, _col in sql_statements(code, kind):
                for stmt in split_sql(sql):
                    found += [(n, msg, "") for n, msg in sqlite_schema_findings(stmt)]
                    m = _PRAGMA.match(stmt)
                    if m and m.group(1).lower() not in sqlite_pragmas():
                        hint = _hint(m.group(1).lower(), sqlite_pragmas())
                        message = f"SQLite has no pragma {m.group(1)} (it ignores one it does not know){hint}"
                        found.append((m.group(1), message, ""))
        for needle, message, rule_code in found:
            line, col = _locate(code, needle)
            out.append(ToolFinding(i, line, col, message, rule_code))
    return out
