"""Expand the `{{ ... }}` templates inside data strings, so commands and prose quote the data."""

from __future__ import annotations

import functools
import json
import re
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel

from playbook.data import durations
from playbook.data import files as F
from playbook.data.lookup import NotInData, one, renamed_definitions
from playbook.data.template_errors import error_at
from playbook.data.template_values import duration_words, said
from playbook.errors import DataError, Problem, dotted

_ENV = SandboxedEnvironment(
    undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False, finalize=said
)
_EXPR = re.compile(r"\{\{(.*?)\}\}", re.S)


def template_syntax(text: str) -> int:
    """The offset of the first template syntax in `text` as the loader's own Jinja lexer reads it (an expression, a
    statement or a comment, `{# … #}` included, or one opened and never closed), else of a closing delimiter that
    no opening one precedes (a template half deleted, `ep.readiness }}`); -1 when there is none."""
    if "{" in text:
        at = 0
        try:
            for _, kind, value in _ENV.lex(text):
                if kind != "data":
                    return at
                at += len(value)
        except jinja2.TemplateSyntaxError:  # an opening delimiter never closed: template syntax all the same
            return at
    ends = (_ENV.variable_end_string, _ENV.block_end_string, _ENV.comment_end_string)
    return min((i for i in (text.find(e) for e in ends) if i >= 0), default=-1)


@functools.lru_cache(maxsize=8192)
def _expression(expr: str) -> jinja2.Template:
    return _ENV.from_string("{{" + expr + "}}")


def render_text(text: str, ctx: dict) -> str:
    """`_ENV.from_string(text).render(ctx)`, compiling each distinct `{{ expression }}` only once.

    Compiling a Jinja template costs about a millisecond, and a large playbook has thousands of
    template strings but few distinct expressions (`ep.metrics`, `condition(...)`). A text made
    only of literal parts and plain `{{ ... }}` expressions renders as its literal parts joined
    with each expression's output; anything else (`{%`, `{#`, whitespace control, braces inside
    an expression, a failing expression) takes the full template path, with its exact errors.
    """
    parts = _EXPR.split(text)
    literals, exprs = parts[0::2], parts[1::2]
    simple = "\r" not in text and not any("{%" in x or "{#" in x or "{{" in x for x in literals)
    simple = simple and not any("{" in e or "}" in e or e[:1] in "-+" or e[-1:] in "-+" for e in exprs)
    if simple:
        try:
            out = [literals[0]]
            for expr, lit in zip(exprs, literals[1:], strict=True):
                out += [_expression(expr).render(ctx), lit]
            return "".join(out)
        except Exception:  # noqa: BLE001, S110 - the full path below raises the template's own error
            pass
    return _ENV.from_string(text).render(ctx)


def condition_text(cond, unit: str) -> str:
    """`> 20% and ≤ 50%`, `< 5%`, `> 2x`, `> 30 min`; empty for boolean signals."""
    if cond.op == "is":
        return ""

    def num(v: float) -> str:
        v = int(v) if float(v).is_integer() else v
        return f"{v}{unit}" if unit in ("%", "x") else f"{v} {unit}"

    text = f"{cond.op} {num(cond.value)}".replace(">=", "≥").replace("<=", "≤")
    if cond.upto is not None:
        text += f" and ≤ {num(cond.upto)}"
    return text


_WEEK = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def business_hours(bh) -> str:
    """`Monday to Friday, 09:00 to 18:00 UTC` (or the days listed, when they do not follow each other)."""
    days = [d.capitalize() for d in bh.weekdays]
    at = [_WEEK.index(d) for d in bh.weekdays]
    run = len(at) > 2 and at == list(range(at[0], at[0] + len(at)))
    shown = f"{days[0]} to {days[-1]}" if run else ", ".join(days)
    return f"{shown}, {bh.start} to {bh.end} {bh.timezone}"


class _Raw(str):
    """TypeScript source to emit as it is."""


def ts_value(value: Any, indent: int = 0) -> str:
    """Render a JSON-like value as a TypeScript object literal (single-quoted strings)."""
    if isinstance(value, _Raw):
        return str(value)
    pad = "  " * (indent + 1)
    if isinstance(value, dict):
        body = "".join(f"{pad}{k}: {ts_value(v, indent + 1)},\n" for k, v in value.items())
        return "{\n" + body + "  " * indent + "}"
    if isinstance(value, str):
        return "'" + value.replace("'", "\\'") + "'"
    return json.dumps(value)


def _site_base(cat) -> str:
    """The published site's base URL (the meta.yaml link `playbook-site`), or "" for site-relative links."""
    link = next((x for x in cat.meta.links if x.id == "playbook-site"), None)
    return link.url.rstrip("/") + "/" if link else ""


def context(cat, extra: dict | None = None) -> dict:
    flag = cat.data.feature_flags[0]

    def condition(sev: str, signal: str) -> str:
        cond = one(cat.level(sev).conditions, "signal", signal, f"{sev}'s conditions (severities.yaml)")
        return condition_text(cond, cat.signals[signal].unit)

    def ts_refused() -> str:
        resp = dict(flag.refused_response)
        if "confidence" in resp:
            resp["confidence"] = _Raw(f"'{resp['confidence']}' as const")
        return ts_value(resp)

    def ts_rate_limits(disable: str | None = None) -> str:
        lines = ["export const RateLimits = {"]
        for lim in cat.data.rate_limits:
            n = 0 if lim.id == disable else lim.requests
            note = " // Disabled" if lim.id == disable else ""
            lines.append(f"  {lim.id}: {{ requests: {n}, windowSeconds: {durations.seconds(lim.window)} }},{note}")
        return "\n".join(lines + ["};"])

    links = (cat.file(F.META), ("links",))  # where the items a lookup names are defined: told when one is misspelt
    ctx = {
        "ep": {e.id: e.path for e in cat.data.endpoints},
        "limits": cat.limits,
        "metric": lambda name: one(
            cat.data.metrics, "name", name, "catalog.yaml metrics", (cat.file(F.CATALOG), ("metrics",))
        ),
        "flag": flag,
        "link": lambda lid: (lambda x: f"[{x.url}]({x.url})")(one(cat.meta.links, "id", lid, "meta.yaml links", links)),
        "condition": condition,
        "cadence": lambda sev: duration_words(cat.level(sev).update_every, f"{sev} has no update_every"),
        "duration": lambda value: duration_words(value, f"{value!r} is no duration"),
        "seconds": durations.seconds,
        "json": lambda v: json.dumps(v, separators=(", ", ": ")),
        "ts_refused": ts_refused,
        "ts_rate_limits": ts_rate_limits,
        "site_page": lambda page: f"{_site_base(cat)}{page}",
        "postmortem_levels": "/".join(s.split("-")[1] for s in cat.incident.postmortem.required_for),
        # the decisions' prose quotes the values they fixed (decisions.yaml)
        "level": cat.level,
        "runbook": lambda rid: cat.scenarios.get(rid) or cat.procedures[rid],
        "escalation": lambda role: one(cat.oncall.escalation, "role", role, "oncall.yaml escalation"),
        "router": cat.alerts.router,
        "alert": lambda title: one(
            cat.alerts.alerts, "title", title, "alerts.yaml alerts", (cat.file(F.ALERTS), ("alerts",))
        ),
        "business_hours": lambda: business_hours(cat.oncall.business_hours),
        "placeholder": lambda name: cat.placeholders[name].default,
    }
    ctx.update(extra or {})
    return ctx


def _walk(obj: Any, path: tuple, fn) -> Any:
    """`obj` with `fn(text, path)` applied to every string in it (models in place)."""
    if isinstance(obj, str):
        return fn(obj, path)
    if isinstance(obj, list):
        return [_walk(v, path + (i,), fn) for i, v in enumerate(obj)]
    if isinstance(obj, dict):
        return {k: _walk(v, path + (k,), fn) for k, v in obj.items()}
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            setattr(obj, name, _walk(getattr(obj, name), path + (name,), fn))
        return obj
    return obj


def _expand_at(obj: BaseModel, paths: list[tuple], fn) -> bool:
    """Apply `fn` to the strings at `paths` (raw YAML keys) of the validated `obj`, in place.

    False, with nothing changed, when a path does not lead to a string of the model (a key the model
    renamed or converted): the caller then walks the whole object instead.
    """
    spots = []
    for path in paths:
        parent = obj
        try:
            for key in path[:-1]:
                parent = getattr(parent, key) if isinstance(parent, BaseModel) else parent[key]
            value = getattr(parent, path[-1]) if isinstance(parent, BaseModel) else parent[path[-1]]
        except (AttributeError, KeyError, IndexError, TypeError):
            return False
        if not isinstance(value, str):
            return False
        spots.append((parent, path, value))
    for parent, path, value in spots:
        new = fn(value, path)
        if new is value:
            continue
        if isinstance(parent, BaseModel):
            setattr(parent, path[-1], new)
        else:
            parent[path[-1]] = new
    return True


# The single files whose strings may hold templates (besides every runbook), expanded at load
EXPANDED = (F.INCIDENT, F.DASHBOARD, F.DECISIONS)


def expand_catalog(cat) -> None:
    """Render templates in runbooks, scenarios, incident, dashboard and decisions text, in place."""
    problems: list[Problem] = []
    templates: list[str] = []  # every templated text as typed
    missed: list[tuple[NotInData, str, int]] = []  # each lookup of a name no item has, with the citation's line
    base = context(cat)

    def expander(file: str, ctx: dict):
        def fn(text: str, path: tuple) -> str:
            if "{{" not in text and "{%" not in text:
                return text
            templates.append(text)
            try:
                return render_text(text, ctx)
            except Exception as e:  # noqa: BLE001 - any template failure is a data error
                line, col = error_at(cat, file, path, text, e)
                if isinstance(e, NotInData):
                    missed.append((e, file, line))
                problems.append(
                    Problem(
                        file,
                        line,
                        col,
                        "LOAD005",
                        f"template error: {e}",
                        f"a template here can use: {', '.join(sorted(ctx))}",
                        dotted(path),
                    )
                )
                return text

        return fn

    def expand(obj: BaseModel, file: str, ctx: dict) -> None:
        fn = expander(file, ctx)
        paths = getattr(cat.positions.get(file), "templated", None)
        if paths is None or not _expand_at(obj, paths, fn):
            _walk(obj, (), fn)  # no record of where the templates are: visit every string

    for sid, sc in cat.scenarios.items():
        params = dict(sc.params)
        expand(sc, cat.source[sid], {**base, "scenario_param": lambda k, p=params: p[k]})
    for pid, proc in cat.procedures.items():
        expand(proc, cat.source[pid], {**base, "procedure_param": lambda k, p=dict(proc.params): p[k]})
    for spec in EXPANDED:
        expand(getattr(cat, spec.part), cat.file(spec), base)
    if problems:
        raise DataError(problems + renamed_definitions(cat, missed, templates))
