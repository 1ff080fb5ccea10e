"""Checker rule running each log query given a time (`--arg since "$SINCE"`) on records around that time: TOOL016."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

from playbook.checks import cache as pc
from playbook.checks import toolcache
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, broken_shell, results, spots
from playbook.runbooks import jqrun
from playbook.runbooks.jqrun import jq_log_calls, jq_run_plan, log_files

# How far from the time it is given a record is put: far (a year: a bound keeps one side), then at its precision.
_FAR = timedelta(days=400)
_OFF_THE_HOUR = timedelta(hours=1, minutes=1, seconds=1)
_NEAR = ((timedelta(hours=1), "an hour"), (timedelta(minutes=1), "a minute"), (timedelta(seconds=1), "a second"))
_TIMED_OUT: list[str] = []  # the filters jq did not finish in time, this process


def instant(text: str) -> tuple[datetime, timedelta] | None:
    """An ISO-8601 date and time (`2026-01-14T09:00:00Z`) and its precision (the second, the minute), or None."""
    if len(text) < 16 or text[10:11] not in ("T", " "):
        return None
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when, timedelta(seconds=1) if text[16:17] == ":" else timedelta(minutes=1)


def _time_fields(record, path=()) -> list[tuple]:
    """The paths of a record's fields that hold an ISO-8601 date and time (the log format's `timestamp`)."""
    if isinstance(record, dict):
        return [p for k, v in record.items() for p in _time_fields(v, (*path, k))]
    return [path] if isinstance(record, str) and instant(record) else []


def _at_time(record: dict, fields: list[tuple], when: datetime) -> dict:
    """The record with each time field at `when`, written as the record writes it (`.000Z` after the seconds)."""
    out = copy.deepcopy(record)
    for path in fields:
        node = out
        for k in path[:-1]:
            node = node[k]
        old = node[path[-1]]
        node[path[-1]] = when.strftime("%Y-%m-%dT%H:%M:%S") + old[19:]
    return out


def _keeps(jq: str, filt: str, named: dict, record: dict) -> bool | None:
    """Whether the filter prints anything for the record (None when jq stops: TOOL003's, TOOL012's)."""
    argv = [jq, "-c"]
    for name, (option, value) in named.items():
        argv += [option, name, value]
    try:
        proc = subprocess.run([*argv, filt], input=json.dumps(record), capture_output=True, text=True, timeout=10)
    except subprocess.TimeoutExpired:
        _TIMED_OUT.append(filt)  # a slow machine, not the filter: what this run found is not kept
        return None
    return bool(proc.stdout.strip()) if proc.returncode == 0 else None


def widened(jq: str, filt: str, named: dict, record: dict) -> tuple[str, str, str] | None:
    """(argument, its value, what the window wrongly does) for a filter given a time whose records around it are not
    cut at that time to its precision; None when every time it is given is a bound at its precision (or none). The
    time is tried as given and moved off the hour (a reader gives any time: 09:00:00 hides a cut at the hour)."""
    fields = _time_fields(record)
    if not fields:
        return None
    for name, (option, value) in named.items():
        got = instant(value) if option == "--arg" and f"${name}" in filt else None
        if got is None:
            continue
        when, step = got
        typed = 19 if step < timedelta(minutes=1) else 16  # the characters of the date and time
        moved = when + _OFF_THE_HOUR
        for v in (value, moved.strftime(f"%Y-%m-%d{value[10]}%H:%M:%S")[:typed] + value[typed:]):
            t = instant(v)[0]
            given = {**named, name: (option, v)}
            if (wrong := _cut_wrong(jq, filt, given, record, fields, t, step, name)) is not None:
                return name, v, wrong
    return None


def _cut_wrong(jq, filt, named, record, fields, when, step, name) -> str | None:
    """What the filter given `when` does wrong with records around it (None: a bound at `when` to `step`, or none)."""
    far = [_keeps(jq, filt, named, _at_time(record, fields, when + d)) for d in (-_FAR, _FAR)]
    if None in far or far[0] == far[1]:
        return None  # not a bound on the record's time (or it does not run)
    after = far[1]  # a lower bound (since) keeps the records after it
    for d, said in _NEAR:
        if d < step:
            continue
        if _keeps(jq, filt, named, _at_time(record, fields, when + (-d if after else d))):
            return f"keeps a record from {said} {'before' if after else 'after'} ${name}"
    if after and _keeps(jq, filt, named, _at_time(record, fields, when)) is False:
        return f"drops the record written at ${name} itself"
    return None


@rule(
    "TOOL016",
    "error",
    'a log query given a time (`--arg since "$SINCE"`) cuts the records at that time, to its second',
    "Run on the log format's example record put just before and at the time it is given: `.timestamp[:10] >= "
    '$since[:10]` compares the dates alone, so "the errors of the last hour" lists every error since midnight, hours '
    'of records the reader takes for one hour\'s; a whole timestamp compared with "…:00Z" drops the record at '
    'exactly that time (".000Z" sorts before "Z").',
    "compare as many characters of both as the time gives (19 for YYYY-MM-DDTHH:MM:SS), with >= for a start",
    external=True,
)
def time_windows_cut(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    record = cat.data.log_format.example
    jq = shutil.which("jq")
    if not record or not jq:
        return  # no sample, or no jq (TOOL003 says so)
    logs = set(log_files(cat))
    values = {p.name: p.default or "" for p in cat.meta.placeholders if not p.secret}
    record = json.loads(json.dumps(record, default=str))
    bad = {results(ctx).shell[k] for k in broken_shell(ctx)}  # TOOL001's
    codes = list(dict.fromkeys(s.code for s in spots(cat) if s.kind in ("shell", "jq") and s.code not in bad))

    def find() -> dict[str, list]:
        out: dict[str, list] = {}
        for code in codes:
            for opts, filt, line, col in jq_log_calls(code, logs):
                plan = jq_run_plan(opts, values)
                if plan is None or plan[0]:
                    continue  # other files, or input flags (-n, -R, -s): not a record at a time
                if (wrong := widened(jq, filt, plan[1], record)) is not None:
                    out.setdefault(code, []).append((line, col, wrong))
        return out

    found = cat.memoized(("time_windows",), lambda: _cached(ctx.cache, find, codes, sorted(logs), values, record))
    for s in spots(cat):
        for line, col, (name, value, what) in found.get(s.code, []) if s.kind in ("shell", "jq") else []:
            message = f"jq: run on the log format's example record, the filter {what} (${name} = {value})"
            yield at(report, s, line, col, message)


def _cached(cache: pc.Cache | None, find, codes: list[str], logs: list[str], values: dict, record: dict) -> dict:
    """What `find` finds, read from check's cache when jq ran on the same input before (the blocks, the log files'
    names, the placeholders' values, the example record, jq by its binary and ~/.jq, this module and jqrun's code)."""
    ident = toolcache.jq() if cache is not None else None
    if cache is None or ident is None:
        return find()
    ours = [Path(__file__).read_bytes(), Path(jqrun.__file__).read_bytes()]
    given = json.dumps([codes, logs, values, record], sort_keys=True)
    k = pc.key("time_windows", given, *ident, *ours)
    hit = pc.rows(cache.get("tools", k), str, int, int, str, str, str)
    if hit is not None:
        out: dict[str, list] = {}
        for code, line, col, *wrong in hit:
            out.setdefault(code, []).append((line, col, tuple(wrong)))
        return out
    timeouts = len(_TIMED_OUT)
    found = find()
    if len(_TIMED_OUT) == timeouts:
        rows = [[code, line, col, *wrong] for code, spots_ in found.items() for line, col, wrong in spots_]
        cache.put("tools", k, rows)
    return found
