"""The kinds of text a data field holds, on two axes: prose or verbatim (FACT001), plain or Markdown (TXT006).

Every string of the data is prose, whose thresholds, durations, multiples and counts are rendered from their
data fields, unless its field is declared verbatim, with the reason, by one of the kinds below, or holds a
value no sentence can be: a `Literal`, or a patterned value (an id, a name, an address: `patterns.worded`).

Every string of the data is plain text, where Markdown is refused (TXT006), unless its field is declared
Markdown (`MARKDOWN`: a step's text, a help line, a reason) or is shown as code (`CODE`, `EXAMPLE`): a title,
a name, a heading, a table's key or a label (which become headings, anchors, nav entries, runner labels,
receivers) is plain by default, and so is a field nobody thought about.
"""

from __future__ import annotations

import functools
import types
import typing
from typing import Annotated, Any

from pydantic import BaseModel, Field
from pydantic.fields import FieldInfo


class Verbatim:
    """The kind of a field whose text stays as it is written: it may quote a number with its unit."""

    def __init__(self, why: str) -> None:
        self.why = why

    def __repr__(self) -> str:
        return f"Verbatim({self.why!r})"


# Each kind a field may be declared as, with why its text is kept as written.
QUOTE = Verbatim("a quote: the words of the seed or of a person, kept as they were said")
EXAMPLE = Verbatim("an example of what is typed or sent (a chat command, a JSON body), shown as it is typed")
HISTORY = Verbatim("recorded history: what was true, or seen, when it was written")
CODE = Verbatim("code, commands or machine expectations: checked as code, never read as prose")
VALUE = Verbatim("a value, not a sentence: a name, a label value, a contact detail, a duration field itself")


class Plain:
    """The mark of a field shown where Markdown is not read (a search term, a tag, an alert's name in Prometheus and
    Slack): its text is prose all the same (FACT001 reads it), and TXT006 refuses Markdown in it. Every field not
    declared Markdown is plain: the mark says it where it matters."""


class Markdown:
    """The mark of a field whose text the page reads as Markdown (a step's text, a help line, a reason): code spans,
    emphasis and links are allowed there (TXT006 reads every other string as plain text)."""


PLAIN = Plain()
MARKDOWN = Markdown()

Quote = Annotated[str, Field(min_length=1), QUOTE]
Example = Annotated[str, Field(min_length=1), EXAMPLE]
History = Annotated[str, Field(min_length=1), HISTORY]
Code = Annotated[str, Field(min_length=1), CODE]
Value = Annotated[str, Field(min_length=1), VALUE]
Term = Annotated[str, Field(min_length=1), PLAIN]  # a search term, a tag, a name shown as typed
MarkdownText = Annotated[str, MARKDOWN]  # text read as Markdown where it is shown (model.Prose: the same, not empty)
# Marks of a field whose strings TXT006 does not read: Markdown text, and what is shown as code or sent as typed.
_NOT_PLAIN = (MARKDOWN, CODE, EXAMPLE)


def _with_mark(annotation: Any, mark: Any) -> tuple[bool, bool]:
    """(the strings of a value of this type are marked `mark`, the keys of its mappings are)."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return (True, False) if mark in annotation.__metadata__ else _with_mark(typing.get_args(annotation)[0], mark)
    if origin in (list, tuple, set):
        return _with_mark(typing.get_args(annotation)[0], mark)
    if origin is dict:
        key, value = typing.get_args(annotation)
        return _with_mark(value, mark)[0], _with_mark(key, mark)[0]
    if origin in (typing.Union, types.UnionType):
        parts = [_with_mark(a, mark) for a in typing.get_args(annotation)]
        return any(p[0] for p in parts), any(p[1] for p in parts)
    return False, False


def _plain(annotation: Any) -> tuple[bool, bool]:
    """(the strings of a value of this type are plain text, the keys of its mappings are): every string is, unless
    its type is marked Markdown or code (`_NOT_PLAIN`); a model's own fields say what its strings are."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        if _marked(annotation.__metadata__):
            return False, False
        return _plain(typing.get_args(annotation)[0])
    if annotation is str:
        return True, False
    if annotation is Any:
        return True, True
    if origin in (list, tuple, set):
        return _plain(typing.get_args(annotation)[0])
    if origin is dict:
        key, value = typing.get_args(annotation)
        return _plain(value)[0], _plain(key)[0]
    if origin in (typing.Union, types.UnionType):
        parts = [_plain(a) for a in typing.get_args(annotation)]
        return any(p[0] for p in parts), any(p[1] for p in parts)
    return False, False


def _marked(metadata: typing.Iterable[Any]) -> bool:
    """A field's or type's metadata holds a mark that takes its strings out of TXT006 (Markdown, code)."""
    return any(any(m is k for k in _NOT_PLAIN) or (isinstance(m, FieldInfo) and _marked(m.metadata)) for m in metadata)


@functools.cache
def _plain_fields(model: type[BaseModel]) -> list[tuple[str, str, bool, bool]]:
    # a field typed `Prose` directly has its marks moved to its metadata by pydantic; inside a list they stay. A field
    # marked code is left out whole, whatever models it holds (a scenario's drill)
    return [
        (name, f.alias or name, *_plain(f.annotation))
        for name, f in model.model_fields.items()
        if not _marked(f.metadata)
    ]


@functools.cache
def _value_fields(model: type[BaseModel]) -> list[tuple[str, str, bool, bool]]:
    # a field typed `Value` directly has its marks moved to its metadata by pydantic; inside a list they stay
    return [
        (name, f.alias or name, *((True, False) if VALUE in f.metadata else _with_mark(f.annotation, VALUE)))
        for name, f in model.model_fields.items()
    ]


def _walk(obj: Any, fields, path: tuple, strings: bool, keys: bool) -> typing.Iterator[tuple[tuple, str]]:
    """(path of raw YAML keys, text) of the strings of `obj` its models' `fields(model)` mark (the field name, its
    YAML key, whether its strings are marked, whether its mapping keys are); a key's path is that of its value."""
    if isinstance(obj, str):
        if strings:
            yield path, obj
    elif isinstance(obj, BaseModel):
        for name, key, s, k in fields(type(obj)):
            yield from _walk(getattr(obj, name), fields, (*path, key), s, k)
    elif isinstance(obj, list | tuple):
        for i, v in enumerate(obj):
            yield from _walk(v, fields, (*path, i), strings, keys)
    elif isinstance(obj, dict):
        for k, v in obj.items():
            if keys and isinstance(k, str):
                yield (*path, k), k
            yield from _walk(v, fields, (*path, k), strings, keys)


def plain(obj: Any) -> typing.Iterator[tuple[tuple, str]]:
    """(path of raw YAML keys, text) of every plain string of `obj`: all but Markdown and code (a key's path is that
    of its value)."""
    return _walk(obj, _plain_fields, (), False, False)


@functools.cache
def _markdown_fields(model: type[BaseModel]) -> list[tuple[str, str, bool, bool]]:
    # like _value_fields: a field typed `Prose` directly has its mark moved to its metadata by pydantic
    return [
        (name, f.alias or name, *((True, False) if MARKDOWN in f.metadata else _with_mark(f.annotation, MARKDOWN)))
        for name, f in model.model_fields.items()
    ]


def markdown(obj: Any) -> typing.Iterator[tuple[tuple, str]]:
    """(path of raw YAML keys, text) of every string of `obj` declared Markdown (a step's text, a help line)."""
    return _walk(obj, _markdown_fields, (), False, False)


def values(obj: Any) -> typing.Iterator[tuple[tuple, str]]:
    """(path of raw YAML keys, text) of every string of `obj` declared a VALUE (a name, a label, a contact detail)."""
    return _walk(obj, _value_fields, (), False, False)


def _verbatim(metadata: typing.Iterable[Any]) -> bool:
    for m in metadata:
        if isinstance(m, Verbatim) or getattr(m, "pattern", None):
            return True
        if isinstance(m, FieldInfo) and _verbatim(m.metadata):
            return True
    return False


def _patterned(metadata: typing.Iterable[Any]) -> bool:
    return any(getattr(m, "pattern", None) or (isinstance(m, FieldInfo) and _patterned(m.metadata)) for m in metadata)


def kinds(annotation: Any, stop=_verbatim) -> tuple[bool, bool]:
    """(the strings of a value of this type are prose, the keys of its mappings are prose); with `stop`, a type
    whose metadata `stop` holds is not (by default a verbatim kind or a pattern)."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        if stop(annotation.__metadata__):
            return False, False
        return kinds(typing.get_args(annotation)[0], stop)
    if annotation is str or annotation is Any:
        return True, False
    if origin is typing.Literal or (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
        return False, False  # a model's own fields say what its strings are
    if origin in (list, tuple, set):
        return kinds(typing.get_args(annotation)[0], stop)
    if origin is dict:
        key, value = typing.get_args(annotation)
        return kinds(value, stop)[0] or kinds(value, stop)[1], kinds(key, stop)[0]
    if origin in (typing.Union, types.UnionType):
        parts = [kinds(a, stop) for a in typing.get_args(annotation)]
        return any(p[0] for p in parts), any(p[1] for p in parts)
    return False, False


@functools.cache
def field_kinds(model: type[BaseModel]) -> dict[str, tuple[str, bool, bool]]:
    """{field name: (its YAML key, its strings are prose, its mapping keys are prose)} of a model's fields that
    may hold prose; a field declared verbatim is left out whole, whatever models it holds."""
    fields = model.model_fields.items()
    return {name: (f.alias or name, *kinds(f.annotation)) for name, f in fields if not _verbatim(f.metadata)}


@functools.cache
def _prose_fields(model: type[BaseModel]) -> list[tuple[str, str, bool, bool]]:
    return [(name, *kinds) for name, kinds in field_kinds(model).items()]


def prose(obj: Any) -> typing.Iterator[tuple[tuple, str]]:
    """(path of raw YAML keys, text) of every prose string in `obj` (a key's path is that of its value)."""
    return _walk(obj, _prose_fields, (), False, False)


@functools.cache
def _free_fields(model: type[BaseModel]) -> list[tuple[str, str, bool, bool]]:
    return [
        (name, f.alias or name, *kinds(f.annotation, _patterned))
        for name, f in model.model_fields.items()
        if not _patterned(f.metadata)
    ]


def free(obj: Any) -> typing.Iterator[tuple[tuple, str]]:
    """(path of raw YAML keys, text) of every free string in `obj`, of any kind, code and keys included: all but the
    values of a patterned field (an id, a name, a fingerprint: its pattern says what it holds) and of a Literal."""
    return _walk(obj, _free_fields, (), False, False)


# What a block shows rather than runs: a program's output, an illustration (any character a program prints)
SHOWN = ("output", "illustration")


def _code_marked(metadata: typing.Iterable[Any]) -> bool:
    return any(m is CODE or (isinstance(m, FieldInfo) and _code_marked(m.metadata)) for m in metadata)


def _has_code_mark(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _code_marked(annotation.__metadata__) or _has_code_mark(typing.get_args(annotation)[0])
    if origin in (list, tuple, set, dict, typing.Union, types.UnionType):
        return any(_has_code_mark(a) for a in typing.get_args(annotation))
    return False


def code(obj: Any, path: tuple = (), inside: bool = False) -> typing.Iterator[tuple[tuple, str]]:
    """(path of raw YAML keys, text) of every string of `obj` that is code, typed as it is run: a field marked CODE, and
    every string inside it (a drill's expectations), but a block that shows output (`SHOWN`)."""
    if isinstance(obj, str):
        if inside:
            yield path, obj
    elif isinstance(obj, BaseModel):
        if getattr(obj, "kind", None) in SHOWN:
            return
        for name, f in type(obj).model_fields.items():
            marked = inside or _code_marked(f.metadata) or _has_code_mark(f.annotation)
            yield from code(getattr(obj, name), (*path, f.alias or name), marked)
    elif isinstance(obj, list | tuple):
        for i, v in enumerate(obj):
            yield from code(v, (*path, i), inside)
    elif isinstance(obj, dict):
        for k, v in obj.items():
            if inside and isinstance(k, str):
                yield (*path, k), k
            yield from code(v, (*path, k), inside)
