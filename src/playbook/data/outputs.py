"""Markdown text fields that a generated file also writes as plain text (TXT009): the mark `PlainToo` on a model's
field, where each is written, and the walk that finds their strings."""

from __future__ import annotations

import functools
import types
import typing
from typing import Annotated, Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo


class PlainToo:
    """The mark of a Markdown field whose text is also written where Markdown is not read: a Prometheus HELP line, a
    Grafana panel's title, an alert's description, a status page's message, a generated script's prompt (`where`).
    The page reads its emphasis and links; those places show them as typed (`**x**`, `[x](y)`), so TXT009 refuses
    them there. `drops`: the elements that place strips to their text (`code`: a code span's backticks, `strong`:
    the `**` of a strong emphasis), which are allowed there."""

    def __init__(self, where: str, drops: tuple[str, ...] = ()) -> None:
        self.where = where
        self.drops = drops

    def __repr__(self) -> str:
        return f"PlainToo({self.where!r})"


# Where a Markdown field of the data is written as plain text too (each place's generator: alerts/bridge.py,
# alerts/grafana.py, alerts/prometheus.py, alerts/escalation.py, site/incident.py, runbooks/generate.py).
PROMETHEUS_HELP = PlainToo("the HELP line `playbook exporter` serves to Prometheus and Grafana")
GRAFANA_TITLE = PlainToo("the Grafana panel's title (dashboards/clinical-os.json)", drops=("code",))
ALERT_DESCRIPTION = PlainToo(
    "the description of an alert that names it, sent to Slack (alerts/playbook.rules.yml)", drops=("code",)
)
STATUS_MESSAGE = PlainToo("the status page's message (shown as typed on the page, posted as plain text)")
ESCALATION_REASON = PlainToo(
    "the reason the paging tool's escalation policy gives a step (alerts/escalation-policy.json)"
)
SCRIPT_NOTE = PlainToo(
    "the notes of the generated scripts and runbooks/manifest.json (Changes:, Undo:, Why it is safe:)",
    drops=("code", "strong"),
)
SCRIPT_PROMPT = PlainToo("the prompt of the generated scripts (runbooks/*.sh) and of `playbook run`", drops=("code",))


def _plain_too_mark(metadata: typing.Iterable[Any]) -> PlainToo | None:
    for m in metadata:
        if isinstance(m, PlainToo):
            return m
        if isinstance(m, FieldInfo) and (found := _plain_too_mark(m.metadata)):
            return found
    return None


def _plain_too_in(annotation: Any) -> PlainToo | None:
    """The PlainToo mark of a type, or of a type it holds (a list's items), or None."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _plain_too_mark(annotation.__metadata__) or _plain_too_in(typing.get_args(annotation)[0])
    if origin in (list, tuple, set, dict, typing.Union, types.UnionType):
        return next(filter(None, (_plain_too_in(a) for a in typing.get_args(annotation))), None)
    return None


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for a in typing.get_args(annotation) for m in _models_in(a)]


@functools.cache
def _holds_plain_too(model: type[BaseModel]) -> bool:
    """A model has a field marked PlainToo, or holds a model that has (so that plain_too walks no other)."""
    return any(mark or any(_holds_plain_too(m) for m in _models_in(f.annotation) if m is not model)
               for _, f, mark in _marked_fields(model))  # fmt: skip


@functools.cache
def _marked_fields(model: type[BaseModel]) -> list[tuple[str, FieldInfo, PlainToo | None]]:
    return [
        (name, f, _plain_too_mark(f.metadata) or _plain_too_in(f.annotation)) for name, f in model.model_fields.items()
    ]


@functools.cache
def _plain_too_fields(model: type[BaseModel]) -> list[tuple[str, str, PlainToo | None]]:
    """The fields plain_too walks: those marked, and those holding a model that holds a marked field."""
    return [
        (name, f.alias or name, mark)
        for name, f, mark in _marked_fields(model)
        if mark or any(_holds_plain_too(m) for m in _models_in(f.annotation))
    ]


def plain_too(obj: Any, path: tuple = (), mark: PlainToo | None = None) -> typing.Iterator[tuple[tuple, str, PlainToo]]:
    """(path of raw YAML keys, text, mark) of every string of `obj` in a field marked PlainToo (Markdown on the page,
    written as plain text elsewhere too)."""
    if isinstance(obj, str):
        if mark is not None:
            yield path, obj, mark
    elif isinstance(obj, BaseModel):
        for name, key, field_mark in _plain_too_fields(type(obj)):
            yield from plain_too(getattr(obj, name), (*path, key), field_mark or mark)
    elif isinstance(obj, list | tuple):
        for i, v in enumerate(obj):
            yield from plain_too(v, (*path, i), mark)
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from plain_too(v, (*path, k), mark)
