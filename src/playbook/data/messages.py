"""LOAD003 in an editor's words: what the field wants, the valid values the data knows, and the closest one."""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from playbook.data import suggest
from playbook.data.refs import KINDS, listed
from playbook.errors import Problem, dotted

RULE = "LOAD003"

# The kind of id (refs.KINDS) a key names, by the key itself: the same key names the same kind of id in every
# file (tests/data/test_messages.py checks this against every reference refs.py resolves on the real data).
FIELD_KINDS = {
    "severity": "severity",
    "severities": "severity",
    "required_for": "severity",
    "level": "severity",
    "incident_type": "incident_type",
    "type": "incident_type",
    "owner": "party",
    "role": "party",
    "primary": "party",
    "secondary": "party",
    "escalation": "party",
    "who": "party",
    "expect": "party",
    "lead": "role",
    "channel": "channel",
    "channels": "channel",
    "contact_channel": "channel",
    "endpoint": "endpoint",
    "probe": "endpoint",
    "rate_limit": "rate_limit",
    "signal": "signal",
    "decision": "decision",
    "follow": "procedure",
    "runbook": "procedure",
    "scenario": "scenario",
    "chat": "chat",
    "when": "concept",
    "safe": "safe",
}

_TYPES = {  # pydantic error type -> what the value should have been
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_parsing": "a number",
    "float_type": "a number",
    "bool_parsing": "true or false",
    "bool_type": "true or false",
    "string_type": 'text (quote it: "...")',
    "list_type": "a list (lines starting with '- ', or [a, b])",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
    "date_parsing": "a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "a date written YYYY-MM-DD",
    "date_type": "a date written YYYY-MM-DD",
}

# A value written in quotes where the field reads a number or true/false (strict models take no text for them)
_QUOTED = {"int_type": (int,), "float_type": (int, float), "bool_type": (bool,)}


Known = Callable[[str], "list[str] | None"]


def known_ids(parts: dict[str, Any]) -> Known:
    """The valid ids of each kind, from the files loaded so far (None for a kind whose file did not load)."""
    view = types.SimpleNamespace(**parts)
    for name in ("scenarios", "procedures"):  # folders: [(file, model or None)] -> {id: model}
        view.__dict__[name] = {m.id: m for _, m in parts.get(name) or [] if m is not None}

    def ids(kind: str) -> list[str] | None:
        try:
            return list(KINDS[kind][2](view))
        except (AttributeError, TypeError, KeyError):
            return None

    return ids


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…'"


def _unwrap(annotation: Any) -> list[Any]:
    """The types an annotation allows, Annotated and unions opened, None left out."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for a in typing.get_args(annotation) if a is not type(None) for t in _unwrap(a)]
    return [annotation]


def _is_model(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, BaseModel)


def _step(annotation: Any, part: Any) -> Any:
    for t in _unwrap(annotation):
        origin = typing.get_origin(t)
        if isinstance(part, int) and origin is list:
            return typing.get_args(t)[0]
        if not isinstance(part, int) and _is_model(t) and part in _keys(t):
            return _keys(t)[part].annotation
        if not isinstance(part, int) and origin is dict:
            return typing.get_args(t)[1]
    return None


def _keys(model: type[BaseModel]) -> dict[str, Any]:
    """The model's fields by the key the YAML writes (the alias when it has one, e.g. `for`)."""
    return {(f.alias or name): f for name, f in model.model_fields.items()}


def model_at(model: type[BaseModel], path: tuple) -> type[BaseModel] | None:
    """The model of the mapping at `path` of a file whose root model is `model` (None: not a mapping of one)."""
    t: Any = model
    for part in path:
        t = _step(t, part)
        if t is None:
            return None
    return next((x for x in _unwrap(t) if _is_model(x)), None)


def _children(model: type[BaseModel]) -> list[tuple[str, type[BaseModel]]]:
    """(key, model) of each key whose value is a mapping of a model, or a list of them."""
    out = []
    for key, f in _keys(model).items():
        for t in _unwrap(f.annotation):
            inner = typing.get_args(t)[0] if typing.get_origin(t) is list else t
            if _is_model(inner):
                out.append((key, inner))
    return out


def _unknown_key(key: str, path: tuple, root: type[BaseModel]) -> tuple[str, str]:
    here = model_at(root, path[:-1])
    keys = list(_keys(here)) if here else []
    hint = f"remove the key, or check its spelling; the keys here: {', '.join(keys)}" if keys else "remove the key"
    guess = suggest.closest(key, keys)
    if guess:
        return f"unknown key {key!r}; did you mean {guess}?", hint
    deeper = [k for k, m in _children(here) if key in _keys(m)] if here else []
    if deeper:
        return f"unknown key {key!r} here; it is a key of {deeper[0]}: is it indented too little?", hint
    parent = path[:-1]
    while parent and isinstance(parent[-1], int):
        parent = parent[:-1]
    above = model_at(root, parent[:-1]) if parent else None
    if above and key in _keys(above):
        return f"unknown key {key!r} here; it is a key of the mapping above: is it indented too much?", hint
    return f"unknown key {key!r}", hint


def _literal(err: dict) -> list[str]:
    return re.findall(r"'((?:[^'\\]|\\.)*)'", err.get("ctx", {}).get("expected", ""))


def _pattern(err: dict, path: tuple, known: Known | None) -> tuple[str, str]:
    value, pattern = err.get("input"), err.get("ctx", {}).get("pattern", "")
    key = next((p for p in reversed(path) if isinstance(p, str)), "")
    kind = FIELD_KINDS.get(key)
    ids = known(kind) if known and kind else None
    if ids:  # worded as LOAD005 words an id that is well formed but unknown
        name, where, _ = KINDS[kind]
        guess = suggest.closest(value, ids) or suggest.fix_for_pattern(value, pattern)
        more = f"; did you mean {guess}?" if guess else ""
        return f"no {name} {_show(value)} in {where}{more}", f"use one of {listed(ids)}"
    words = suggest.pattern_words(pattern)
    guess = suggest.fix_for_pattern(value, pattern)
    more = f"; did you mean {guess}?" if guess else ""
    if words is None:
        return f"{_show(value)} is not written as this field needs{more}", "see the JSON schema in data/schema/"
    noun, how = words
    return f"{_show(value)} is not how {noun} is written{more}", f"{noun} is written {how}"


def _one(err: dict, path: tuple, root: type[BaseModel], known: Known | None) -> tuple[str, str]:
    kind, value, msg = err["type"], err.get("input"), err["msg"]
    if kind == "extra_forbidden" and path:
        return _unknown_key(str(path[-1]), path, root)
    if kind == "missing" and path:
        return f"the required key {path[-1]!r} is missing", "add it"
    if kind == "literal_error":
        return _literals([err])
    if kind == "string_pattern_mismatch":
        return _pattern(err, path, known)
    if kind == "string_too_short":
        return "is empty", 'write the value, or "TBD" while it is unknown'
    if kind == "too_short":
        n = err.get("ctx", {}).get("min_length", 1)
        return f"needs at least {n} item{'s' if n != 1 else ''}", "add one"
    if kind in _QUOTED and isinstance(value, str) and type(suggest.unquoted(value)) in _QUOTED[kind]:
        return f"{_show(value)} is quoted: text, not {_TYPES[kind]}", f"write it without quotes: {value.strip()}"
    if kind in _TYPES:
        return f"{_show(value)} is not {_TYPES[kind]}", "see the JSON schema in data/schema/"
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):  # the data's own validators say what to write
            return msg[len(prefix) :], ""
    if msg.startswith("Input should be "):
        return f"{_show(value)} should be {msg[len('Input should be ') :]}", "see the JSON schema in data/schema/"
    return msg, "see the JSON schema in data/schema/"


def problems(
    errors: list[dict],
    paths: list[tuple],
    root: type[BaseModel],
    rel: str,
    where: Callable[[tuple], tuple[int, int]],
    known: Known | None = None,
    cut: Callable[[tuple], tuple[int, int] | None] = lambda path: None,
    starts: dict[tuple, tuple[int, int]] | None = None,
) -> list[Problem]:
    """One LOAD003 per place in the data (the members of a union tried at one place make one message).

    `paths[i]` is the data path of `errors[i]` (pydantic's location without its union tags); `where(path)`
    gives its line and column; `cut(path)` (the line of the item cut short, the file's last line) when a missing key
    there looks cut off the end; `starts[path]`, where a mapping or list below its key starts, places a value of the
    wrong type (a list whose dash was lost is a mapping from its first line, the one the editor changed)."""
    grouped: dict[tuple, list[dict]] = {}
    for err, path in zip(errors, paths, strict=True):
        grouped.setdefault(path, []).append(err)
    out = []
    gone: dict[tuple[int, int], list[str]] = {}  # (item line, last line) of the item cut short: the keys it lost
    for path, errs in grouped.items():
        if _misspelt(path, errs, grouped):
            continue  # said once, at the misspelt key: "unknown key 'severty'; did you mean severity?"
        if all(_wrong_type(e) for e in errs) and any(p[: len(path)] == path and p != path for p in grouped):
            continue  # a union's other members said the value has the wrong type; one took it, and says what is wrong
        message, hint = _group(errs, path, root, known)
        at = (starts or {}).get(path, where(path)) if all(_wrong_type(e) for e in errs) else where(path)
        if [e["type"] for e in errs] == ["missing"] and (cut_at := cut(path)):
            item, end = cut_at
            message += f"; the file ends at line {end}, before its mapping does: was it cut short (a save interrupted)?"
            at, hint = (item, 1), "restore the end of the file (git diff shows what is gone), or add the key"
            gone.setdefault(cut_at, []).append(str(path[-1]))
        out.append(Problem(rel, *at, RULE, message, hint, field=dotted(path)))
    for (item, end), keys in gone.items():  # and where the text stops, the line the editor sees last
        if end != item:
            message = f"the file ends here, inside the item of line {item}, before its {', '.join(keys)}: was it cut "
            message += "short (a save interrupted)?"
            out.append(Problem(rel, end, 1, RULE, message, "restore the end of the file (git diff shows what is gone)"))
    return out


def _wrong_type(err: dict) -> bool:
    """The error says only that the value has another type than the member tried (a mapping given where a list or
    one word was): the member that took the mapping or list says what is wrong inside it."""
    scalar = isinstance(err.get("input"), (str, int, float, bool))
    return err["type"] in _TYPES or (err["type"] == "literal_error" and not scalar)


def _misspelt(path: tuple, errs: list[dict], grouped: dict[tuple, list[dict]]) -> bool:
    """A required key reported missing beside an unknown key that is its misspelling."""
    if not path or [e["type"] for e in errs] != ["missing"]:
        return False
    extra = [p[-1] for p, es in grouped.items() if p[:-1] == path[:-1] and es[0]["type"] == "extra_forbidden"]
    return any(suggest.closest(str(k), [str(path[-1])]) for k in extra)


def _group(errs: list[dict], path: tuple, root: type[BaseModel], known: Known | None) -> tuple[str, str]:
    """The message of the errors at one place: the members of a union pydantic tried there, in one line."""
    literal = [e for e in errs if e["type"] == "literal_error"]
    others = [_one(e, path, root, known) for e in errs if e not in literal]
    if not literal:
        return "; or ".join(dict.fromkeys(m for m, _ in others)), others[0][1]
    if not others:
        return _literals(literal)
    allowed = [v for e in literal for v in _literal(e)]
    guess = suggest.closest(errs[0].get("input"), allowed)
    either = f"write {allowed[0]}" if len(allowed) == 1 else f"one of {', '.join(allowed)}"
    message = "; ".join(dict.fromkeys(m for m, _ in others)) + f"; or {either}"
    return message + (f"; did you mean {guess}?" if guess else ""), others[0][1]


def _literals(literal: list[dict]) -> tuple[str, str]:
    allowed = [v for e in literal for v in _literal(e)]
    value = literal[0].get("input")
    guess = suggest.closest(value, allowed)
    more = f"; did you mean {guess}?" if guess else ""
    either = " or ".join(filter(None, [", ".join(map(repr, allowed[:-1])), repr(allowed[-1])])) if allowed else "?"
    return f"{_show(value)} should be {either}{more}", "use one of the allowed values"
