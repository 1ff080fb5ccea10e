"""Checker rules on names used in runbooks: endpoints, placeholders, log fields, hosts; rate limits."""

from __future__ import annotations

import difflib
import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.links import parsed_url
from playbook.data import files as F
from playbook.data.catalog import Catalog
from playbook.data.durations import parse_duration
from playbook.data.sourcemap import written
from playbook.data.suggest import closest
from playbook.data.walk import blocks, runbooks, texts
from playbook.runbooks.toolcheck import jq_calls

_API_PATH = re.compile(r"(?<![\w.])(/api/[\w/.-]*[\w])")
_LOG_FIELD = re.compile(r"\.(context|error)\.(\w+)")
_JQ_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_JQ_KEY = re.compile(r"[{,]\s*([A-Za-z_]\w*)\s*[:,}]")  # the keys of an object the filter builds
_JQ_PATH = re.compile(r"(?<![\w$\])}\"?])\.([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)")  # .a.b from the input, not $v.a


@rule(
    "REF003",
    "error",
    "every API path used is in the endpoint catalog",
    "The seed had /health/liveness beside /api/health/liveness; only catalogued paths are real.",
    f"use the ep.<id> template in the data, or add the endpoint to {F.CATALOG.name}",
)
def endpoints_known(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    paths = {e.path for e in cat.data.endpoints}
    sources = [(f, (*p, "code"), b.code) for f, p, b in blocks(cat)] + list(texts(cat))
    for file, path, text in sources:
        for used in _API_PATH.findall(text):
            if used not in paths:
                yield report(file, path, f"endpoint {used} is not in the catalog", needle=used)


@rule(
    "REF005",
    "warning",
    "values still TBD are listed",
    "An unknown phone number or limit is a gap someone must fill before it is needed.",
    "supply the value to data/ and remove the TBD",
    tbd=True,
)
def tbd_values(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for i, r in enumerate(cat.contacts.roles):
        for key in ("person", "email", "phone", "slack"):
            if getattr(r, key) == "TBD":
                yield report(F.CONTACTS, ("roles", i, key), f"{r.name}: {key} is TBD")
    for i, t in enumerate(cat.contacts.teams):
        for key in ("lead", "channel"):
            if getattr(t, key) == "TBD":
                yield report(F.CONTACTS, ("teams", i, key), f"{t.name}: {key} is TBD")
    for i, lim in enumerate(cat.data.rate_limits):
        if lim.requests == "TBD":
            yield report(F.CATALOG, ("rate_limits", i, "requests"), f"{lim.id} limit is TBD")


@rule(
    "REF007",
    "error",
    "log fields a query reads are in the log format, and a value it compares one with is one its enum allows",
    'The seed grouped by .context.ip, which its log format did not have; `.level == "eror"` matches no record.',
    f"add the field to {F.CATALOG.name} log_format, or fix the query",
)
def log_fields_known(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    fields = {f.path for f in cat.data.log_format.fields}
    enums = {f.path: [str(v) for v in f.enum] for f in cat.data.log_format.fields if f.enum}
    for file, path, b in blocks(cat):
        if "jq" not in b.code:
            continue
        for field, value in _compared(b.code):
            if field in enums and value not in enums[field]:
                meant = closest(value, enums[field])
                hint = (f"did you mean {meant!r}? " if meant else "") + f"(the log format's {field} is one of "
                hint += f"{', '.join(enums[field])})"
                message = f"log field {field} is never {value!r}: the query matches no record"
                code_path = path if path[-1] == "code" else (*path, "code")
                yield report(file, code_path, message, hint, needle=f'"{value}"')
        seen = set()
        for top, name in _LOG_FIELD.findall(b.code):
            seen.add(f"{top}.{name}")
            if f"{top}.{name}" not in fields:
                yield report(
                    file,
                    (*path, "code"),
                    f"log field {top}.{name} is not in the log format",
                    needle=f".{top}.{name}",
                )
        for used in _log_query_paths(b.code):  # a jq query of the log file: every path it reads, top-level too
            if used not in seen and not any(f == used or f.startswith(used + ".") for f in fields):
                seen.add(used)
                near = difflib.get_close_matches(used, sorted(fields), n=1, cutoff=0.5)
                hint = f"did you mean .{near[0]}? " if near else ""
                message = f"log field {used} is not in the log format"
                yield report(file, (*path, "code"), message, hint + report.rule.fix, needle=f".{used}")


_COMPARED = re.compile(r'\.([A-Za-z_][\w.]*)\s*[!=]=\s*"([^"\\]*)"|"([^"\\]*)"\s*[!=]=\s*\.([A-Za-z_][\w.]*)')


def _compared(code: str) -> list[tuple[str, str]]:
    """(field, value) of every `.field == "value"` (or !=, either way round) a jq query of the log file makes."""
    out = []
    for _, filt, files in jq_calls(code):
        if files:
            out += [(m[0], m[1]) if m[0] else (m[3], m[2]) for m in _COMPARED.findall(filt)]
    return out


def _log_query_paths(code: str) -> list[str]:
    """The field paths of every jq call in `code` that reads a file (the log export; an API's answer comes
    through a pipe), outside its strings and the keys of the objects it builds."""
    out = []
    for _, filt, files in jq_calls(code):
        if not files:
            continue
        bare = _JQ_STRING.sub('""', filt)
        built = set(_JQ_KEY.findall(bare))
        out += [p for p in _JQ_PATH.findall(bare) if p.split(".")[0] not in built]
    return out


def reads_unknown_log_field(cat: Catalog, code: str) -> bool:
    """Whether a block's jq reads a log field the format does not declare (REF007's finding): the run of its
    queries on the example record (TOOL012) then stops on the missing field, the same fault a second time."""
    fields = {f.path for f in cat.data.log_format.fields}
    if any(f"{top}.{name}" not in fields for top, name in _LOG_FIELD.findall(code)):
        return True
    return any(not any(f == u or f.startswith(u + ".") for f in fields) for u in _log_query_paths(code))


@rule(
    "RUN001",
    "error",
    "a block's kind matches its content",
    "The seed fenced `git log` and `vercel rollback` as TypeScript; readers and CI then treat it wrongly.",
    "classify shell commands as shell (# comments) and code as typescript (// comments)",
)
def kind_matches(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    shellish = re.compile(r"^\s*(git|vercel|curl|sqlite3|jq|cp|sudo|grep)\s", re.M)
    for file, path, b in blocks(cat):
        if b.kind == "typescript" and shellish.search(b.code):
            yield report(file, (*path, "kind"), "a shell command in a typescript block")
        if b.kind == "shell" and re.search(r"^\s*//", b.code, re.M):
            yield report(file, (*path, "code"), "a // comment in a shell block", needle="//")


@rule(
    "RUN002",
    "error",
    "commands reach the app through $BASE_URL, never a typed host",
    "A typed production host cannot be pointed at staging or a drill, and drifts from the data.",
    "replace the host with $BASE_URL",
)
def no_typed_host(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    defaults = [p.default for p in cat.meta.placeholders if p.name == "BASE_URL" and p.default]
    hosts = {parsed_url(d).netloc for d in defaults}
    for file, path, b in blocks(cat):
        for host in hosts:
            if host and host in b.code:
                yield report(file, (*path, "code"), f"host {host} typed into a command", needle=host)


def _loop_bound(code: str) -> int | None:
    m = re.search(r"\{1\.\.(\d+)\}|seq 1 (\d+)", code)
    return int(m.group(1) or m.group(2)) if m else None


def _limit_named(report: Reporter, cat: Catalog, file: str, path: tuple) -> str | None:
    """The rate limit a block's code renders its numbers from, as written (`limits.AUTH.requests`); None if none."""
    src = written(report.lines(file), *cat.where(file, (*path, "code")))
    m = re.search(r"limits\.(\w+)\.requests|limits\[['\"](\w+)['\"]\]", "\n".join(src.lines) if src else "")
    return (m.group(1) or m.group(2)) if m else None


@rule(
    "RATE001",
    "error",
    "rate-limit statements in runbooks agree with the rate-limit table",
    "'429 after N attempts' with the wrong N sends a responder after a bug that is not there.",
    "render N from the data (limits.AUTH.requests) and loop more than N times",
)
def rate_limits_agree(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    limits = cat.limits
    for file, path, b in blocks(cat):
        for n in re.findall(r"429 after (\d+) attempts", b.code):
            endpoint = next((e for e in cat.data.endpoints if e.path in b.code and e.rate_limit), None)
            lim = limits.get(endpoint.rate_limit) if endpoint else None
            if lim is None or lim.requests == "TBD":
                continue
            named = _limit_named(report, cat, file, path)
            if named and named != endpoint.rate_limit:  # the runbook renders another limit: the endpoint's side too
                yield report(
                    F.CATALOG,
                    ("endpoints", cat.data.endpoints.index(endpoint), "rate_limit"),
                    f"{endpoint.id} is limited by {lim.id} ({lim.requests} requests), but {file} tests it as limits."
                    f"{named} ({n})",
                    f"set rate_limit to the limit the runbook tests ({named}), or make the runbook render "
                    f"limits.{lim.id}",
                )
            if int(n) != lim.requests:
                yield report(
                    file,
                    (*path, "code"),
                    f"says 429 after {n}, the {lim.id} limit is {lim.requests}",
                    needle=f"429 after {n}",
                )
            bound = _loop_bound(b.code)
            if bound is not None and bound <= lim.requests:
                yield report(
                    file,
                    (*path, "code"),
                    f"loop sends {bound} requests, not more than {lim.requests}",
                    needle="for ",
                )


@rule(
    "RATE002",
    "error",
    "a rate limit allows a positive number of requests in a window longer than 0s",
    "0 or -100 requests refuses every call; a 0s window limits nothing: the page, the alerts and the "
    "rate-limit test would all state a limit the app cannot have.",
    "write the number of requests allowed (1 or more) and the window they are counted over (e.g. 60s)",
)
def rate_limits_make_sense(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for i, lim in enumerate(cat.data.rate_limits):
        if lim.requests != "TBD" and lim.requests <= 0:
            yield report(F.CATALOG, ("rate_limits", i, "requests"), f"{lim.id} allows {lim.requests} requests")
        if parse_duration(lim.window).total_seconds() <= 0:
            yield report(F.CATALOG, ("rate_limits", i, "window"), f"{lim.id} counts requests over {lim.window}")


__all__ = ["runbooks"]


@rule(
    "RUN004",
    "error",
    "a runbook's durations (its params, review_every, target) are longer than zero",
    "Each is a length of time: a wait limit, a polling interval, a slowness threshold, a review period, a target. "
    "Zero makes the rule it feeds hold always or never: a request slower than 0s is every request, a poll every 0s "
    "never sleeps.",
    "write the length it stands for (e.g. 1s, 10m, 90d)",
)
def runbook_durations(ctx: CheckContext, report: Reporter):
    for file, rb in runbooks(ctx.catalog):
        fields = [(("params", k), v) for k, v in rb.params.items()]
        fields += [((k,), getattr(rb, k, None)) for k in ("review_every", "target")]
        for path, value in fields:
            if value is not None and parse_duration(value).total_seconds() <= 0:
                yield report(file, path, f"{'.'.join(path)} is {value}: a length of time must be longer than zero")
