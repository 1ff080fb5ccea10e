"""YAML syntax errors in an editor's words, at the line the person got wrong (LOAD002).

PyYAML reports where its parser gave up, which is often the token after the mistake: a line indented
less than its list shows up as `expected <block end>` on the next line, a missing colon as `could not
find expected ':'` on the line below. So each likely mistake near the reported line is tried as a repair
(re-indent a line like its neighbours, add the missing colon or the space after it or after a list dash,
close a quote or a bracket, quote a value that holds `: `): the repair after which the file reads, gives
the model the fewest errors and keeps each kind of key at one indentation (as the rest of the file has
it) names the line and says what is wrong with it. A tab is named at once. Nothing repaired reads: the
line PyYAML reported, with its reason.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import yaml
from pydantic import BaseModel, ValidationError

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BLOCK = re.compile(r"(^|:\s|-\s)[|>][-+0-9]*\s*(#.*)?$")  # a line that opens a text block (| or >)
_KEY = re.compile(r"^(\s*(?:-\s+)?)([^\s:#'\"\[{][^:#]*?)(:\s|:$)")  # indent, `- `, key, colon


@dataclass(frozen=True)
class Diagnosis:
    line: int  # 1-based
    col: int
    message: str  # what is wrong, in words
    hint: str  # how to fix it


@dataclass(frozen=True)
class _Repair:
    line: int  # 0-based line repaired
    text: str  # its repaired text
    order: int  # preference among repairs that do equally well
    message: str
    hint: str
    col: int = 0  # 0-based column the message points at
    odd: bool = False  # re-indents to an odd column in a file indented by twos


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _spaces(n: int) -> str:
    return f"{n} space" + ("" if n == 1 else "s")


def _blank(line: str) -> bool:
    return not line.strip() or line.lstrip().startswith("#")


def _content(line: str) -> int:
    """Column where a line's content starts, after any `- ` list dashes."""
    m = re.match(r"^(\s*(?:-\s+)*)", line)
    return len(m.group(1)) if m else 0


def _scan(line: str) -> tuple[str | None, list[tuple[str, int]], int]:
    """(the quote still open at the end of `line`, the brackets left open, the column of the opening quote)."""
    quote, opened, start, prev = None, [], -1, " "  # opened: (bracket, column)
    i = 0
    while i < len(line):
        c = line[i]
        if quote == "'":
            if c == "'" and line[i + 1 : i + 2] == "'":
                i += 1
            elif c == "'":
                quote = None
        elif quote == '"':
            if c == "\\":
                i += 1
            elif c == '"':
                quote = None
        elif c == "#" and prev in " \t":
            break
        elif c in "'\"" and (prev in " \t[{," or line[:i].strip() in ("", "-")):
            quote, start = c, i
        elif c in "[{":
            opened.append((c, i))
        elif c in "]}" and opened:
            opened.pop()
        prev = c
        i += 1
    return quote, opened, start


def _reads(lines: list[str], model: type[BaseModel] | None, after: int) -> tuple | None:
    """How well `lines` read: None when YAML still fails at or before line `after` (0-based), else
    (YAML fails later, texts run on, the model's error count, indentation mismatches): smaller is better."""
    text = "\n".join(lines)
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        return None if mark is None or mark.line <= after else (1, 0, 0, 0)
    except yaml.YAMLError:
        return None
    errors = 0
    if model is not None:
        try:
            model.model_validate(yaml.load(text, Loader=_LOADER) or {})
        except ValidationError as e:
            errors = e.error_count()
        except yaml.YAMLError:  # a duplicate key or a bad tag: it reads, but not as data
            errors = 1000
    joined, mismatches = _shape(node)
    return 0, joined, errors, mismatches


def _shape(node: yaml.Node | None) -> tuple[int, int]:
    """(plain texts run on over several lines, kinds of key or list item at more than one column): a repair that
    makes a line the continuation of the text above it, or puts a key where its kind is nowhere else in the
    file (by path, list indexes aside), is less likely what the person meant."""
    cols: dict[tuple, set[int]] = defaultdict(set)
    joined = 0

    def walk(n: yaml.Node, shape: tuple) -> None:
        nonlocal joined
        if isinstance(n, yaml.ScalarNode):
            joined += not n.style and n.end_mark.line > n.start_mark.line
        elif isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                here = shape + (getattr(k, "value", "?"),)
                if not n.flow_style:
                    cols[here].add(k.start_mark.column)
                walk(v, here)
        elif isinstance(n, yaml.SequenceNode):
            for item in n.value:
                if not n.flow_style:
                    cols[shape + ("-",)].add(item.start_mark.column)
                walk(item, shape + ("-",))

    if node is not None:
        walk(node, ())
    return joined, sum(len(c) - 1 for c in cols.values())


def _belongs(lines: list[str], n: int, width: int) -> str:
    """What line `n`, indented `width`, belongs to: a text block above it, a list, or the keys beside it."""
    for k in range(n - 1, -1, -1):
        if _blank(lines[k]):
            continue
        if _indent(lines[k]) < width:
            if _BLOCK.search(lines[k].rstrip()):
                return f"the text block opened on line {k + 1}"
            break
    return "the list it belongs to" if lines[n].lstrip().startswith("- ") else "the keys it belongs with"


def _like(lines: list[str], n: int, width: int) -> int | None:
    """The nearest other line, above first, that starts at `width` as line `n` should."""
    dash = lines[n].lstrip().startswith("-")
    order = [*range(n - 1, -1, -1), *range(n + 1, len(lines))]
    for k in order:
        if lines[k].strip() and _indent(lines[k]) == width and lines[k].lstrip().startswith("-") == dash:
            return k
    return None


def _reindents(lines: list[str], n: int) -> Iterator[_Repair]:
    here = _indent(lines[n])
    written = [_indent(x) for x in lines if not _blank(x) and _indent(x)]
    by_twos = sum(w % 2 == 0 for w in written) * 2 > len(written)
    near = [k for k in range(max(0, n - 6), min(len(lines), n + 7)) if k != n and not _blank(lines[k])]
    widths = {w for k in near for w in (_indent(lines[k]), _content(lines[k]))}
    widths = (widths | {w for w in range(here - 2, here + 3) if w >= 0}) - {here}
    for width in sorted(widths, key=lambda w: (abs(w - here), w)):
        text = " " * width + lines[n].lstrip(" ")
        fixed = [*lines[:n], text, *lines[n + 1 :]]
        what = _belongs(fixed, n, width)
        ref = _like(fixed, n, width)
        than = "less" if width > here else "more"
        where = f", where line {ref + 1} has {width}" if ref is not None else f"; it needs {width}"
        message = f"line {n + 1} is indented {than} than {what} ({_spaces(here)}{where})"
        hint = f"indent line {n + 1} by {_spaces(width)}" if width else f"start line {n + 1} at the margin"
        yield _Repair(n, text, 6, message, hint, here, odd=by_twos and width % 2 == 1)


def _repairs(lines: list[str], n: int) -> Iterator[_Repair]:
    line = lines[n]
    body = line.lstrip(" ")
    quote, brackets, start = _scan(line)
    if quote:
        message = f"line {n + 1} has an unclosed quote: the {quote} at column {start + 1} is never closed"
        yield _Repair(n, line.rstrip() + quote, 1, message, f"end the text with {quote} on the same line", start)
    if brackets:
        closers = "".join({"[": "]", "{": "}"}[b] for b, _ in reversed(brackets))
        bracket, at = brackets[-1]
        message = f"line {n + 1} opens a {bracket} at column {at + 1} that is never closed"
        yield _Repair(n, line.rstrip() + closers, 2, message, f"end it with {closers} on the same line", at)
    if m := re.match(r"^(\s*(?:-\s+)?[\w.-]+):(?=[^\s:/])", line):
        message = f"line {n + 1} has no space after the colon of its key"
        text = m.group(1) + ": " + line[m.end() :]
        yield _Repair(n, text, 3, message, "write `key: value`, with a space after the colon", len(m.group(1)))
    if re.match(r"^\s*-[^\s\-]", line):
        message = f"line {n + 1}: a list item's dash needs a space after it"
        yield _Repair(n, line.replace("-", "- ", 1), 3, message, "write `- item`", _indent(line))
    key = re.match(r"^(\s*(?:-\s+)?)([A-Za-z_][\w.-]*)(\s+|$)(\S.*)?$", line)
    if key and ":" not in (key.group(4) or "")[:1] and not _KEY.match(line):
        text = key.group(1) + key.group(2) + ":" + (key.group(3) or " ") + (key.group(4) or "")
        message = f"line {n + 1}: the key {key.group(2)!r} is missing its colon"
        yield _Repair(n, text.rstrip(), 4, message, f"write `{key.group(2)}: …`", len(key.group(1)))
    if (m := _KEY.match(line)) and (value := line[m.end() :].strip()):
        odd = re.search(r":\s", value) or value[0] in "@`%&*!"
        if odd and value[0] not in "'\"[{|>":
            text = m.group(0).rstrip() + " " + json.dumps(value, ensure_ascii=False)
            said = (
                f"starts with {value[0]}, which YAML reserves"
                if value[0] in "@`%&*!"
                else "holds ': ', which YAML reads as one more key"
            )
            message = f"line {n + 1}: the value of {m.group(2).strip()!r} {said}"
            yield _Repair(n, text, 5, message, "put the value in quotes", len(line) - len(line[m.end() :].lstrip()))
    if body.strip():
        yield from _reindents(lines, n)


def _candidates(lines: list[str], marks: list[int]) -> list[int]:
    """The reported lines, the two written lines before the last of them, and the nearest lines above it
    indented no more and less than it (a key moved out of its mapping shows up at its next sibling)."""
    n = max(marks)
    out = [n]
    k = n - 1
    while k >= 0 and len(out) < 3:
        if not _blank(lines[k]):
            out.append(k)
        k -= 1
    for within in (lambda w: w <= _indent(lines[n]), lambda w: w < _indent(lines[n])):
        k = next((k for k in range(n - 1, -1, -1) if not _blank(lines[k]) and within(_indent(lines[k]))), None)
        if k is not None:
            out.append(k)
    if (ended := _block_end(lines, n)) is not None:
        out.append(ended)
    return list(dict.fromkeys(out + sorted(set(marks), reverse=True)))


def _block_end(lines: list[str], n: int) -> int | None:
    """The line that ended the nearest text block (| or >) above line `n` by being indented less than it."""
    head = next((k for k in range(n - 1, -1, -1) if _BLOCK.search(lines[k].rstrip())), None)
    body = [k for k in range(head + 1, n + 1) if lines[k].strip()] if head is not None else []  # `#` too
    if not body:
        return None
    key = _indent(lines[head])  # a text line must be indented more than the key of its block
    width = _indent(lines[body[0]])  # and as much as the block's first line
    return next((k for k in body if _indent(lines[k]) <= key), None) or next(
        (k for k in body[1:] if _indent(lines[k]) < width), None
    )


def _open_quotes(lines: list[str], first: int, last: int) -> list[int]:
    """The lines from `first` to `last` that leave a quote open (its text runs on to a later quote), up to 20."""
    return [k for k in range(max(first, 0), min(last, len(lines) - 1) + 1) if _scan(lines[k])[0]][:20]


def diagnose(text: str, error: yaml.MarkedYAMLError, model: type[BaseModel] | None = None) -> Diagnosis:
    """What is wrong, where, and how to fix it, for the YAML `error` PyYAML raised on `text`."""
    lines = text.split("\n")
    pm, cm = error.problem_mark, error.context_mark
    reason = error.problem or error.context or "unreadable"  # PyYAML's own words, kept short
    n = pm.line if pm else cm.line if cm else 0
    if "'\\t'" in (error.problem or ""):
        message = f"line {n + 1} has a tab character; YAML indents with spaces"
        return Diagnosis(n + 1, pm.column + 1 if pm else 1, message, "replace the tab with spaces")
    marks = [m.line for m in (pm, cm) if m is not None and m.line < len(lines)] or [0]
    tried: list[tuple[tuple, _Repair]] = []
    # A quote left open swallows the lines up to the next quote, so it may be far above: close it where it opened.
    for k in [*_open_quotes(lines, min(marks), max(marks)), *_candidates(lines, marks)]:
        for repair in _repairs(lines, k):
            score = _reads([*lines[:k], repair.text, *lines[k + 1 :]], model, max(marks))
            if score is not None:
                tried.append((score, repair))
    if tried:
        n_first = max(marks)
        _, best = min(tried, key=lambda t: (t[0], t[1].odd, t[1].order, abs(n_first - t[1].line), t[1].line))
        return Diagnosis(best.line + 1, best.col + 1, f"{best.message} [PyYAML: {reason}]", best.hint)
    col = (pm or cm).column + 1 if (pm or cm) else 1
    hint = "fix the YAML syntax (indentation, quotes, colons)"
    return Diagnosis(n + 1, col, f"line {n + 1} cannot be read as YAML ({reason})", hint)
