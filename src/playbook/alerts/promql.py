"""The series a PromQL expression reads, with the labels it names on them (matchers, `by`), and time scaling.

A small reader of the PromQL the playbook writes (the rules, the dashboard, the Alerting page's examples):
selectors `name{label="v"}[5m]`, function calls, `sum by (label) (…)`, arithmetic and `or vector(0)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from playbook.data.durations import parse_duration

TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|\{[^}]*\}|\[[^\]]*\]|[A-Za-z_:][A-Za-z0-9_:]*|\d+(?:\.\d+)?|\S')
NAME = re.compile(r"[A-Za-z_:][A-Za-z0-9_:]*")
MATCHER = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*(?:=~|!~|!=|=)")
KEYWORDS = {"by", "without", "or", "and", "unless", "on", "ignoring", "group_left", "group_right", "bool", "offset"}
RANGE = re.compile(r"\[(\d+[smhdw])\]")


@dataclass(frozen=True)
class Read:
    """One series an expression reads, and the labels it needs that series to have."""

    series: str
    labels: frozenset[str]  # named in its matchers, or in a `by (…)` around it
    why: str  # where the labels come from, for a message: 'matcher', 'by (category)'


def _close(tokens: list[str], i: int) -> int:
    """Index of the `)` closing the `(` at tokens[i]."""
    depth = 0
    for j in range(i, len(tokens)):
        depth += {"(": 1, ")": -1}.get(tokens[j], 0)
        if depth == 0:
            return j
    return len(tokens) - 1


def reads(expr: str) -> list[Read]:
    """Every series `expr` reads, in order, each with the labels its matchers and enclosing `by` name."""
    tokens = TOKEN.findall(expr)
    by: list[tuple[int, frozenset[str]]] = []  # (end index of the aggregated expression, labels)
    out: list[Read] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if tok in ("by", "without") and nxt == "(":
            end = _close(tokens, i + 1)
            labels = frozenset(t for t in tokens[i + 2 : end] if NAME.fullmatch(t))
            if tok == "by" and end + 1 < len(tokens) and tokens[end + 1] == "(":
                by.append((_close(tokens, end + 1), labels))
            i = end + 1
            continue
        if NAME.fullmatch(tok) and tok not in KEYWORDS and nxt not in ("(", "by", "without"):
            matchers = frozenset(MATCHER.findall(nxt)) if nxt.startswith("{") else frozenset()
            around = frozenset().union(*(labels for end, labels in by if end > i))
            if matchers:
                out.append(Read(tok, matchers, "matcher"))
            out.append(Read(tok, around, f"by ({', '.join(sorted(around))})") if around else Read(tok, frozenset(), ""))
        i += 1
    return out


def missing(expr: str, produced: dict[str, frozenset[str]]) -> list[str]:
    """Why each series `expr` reads is not one `produced` ({series: labels}) exposes; empty when all are."""
    out = []
    for r in reads(expr):
        have = produced.get(r.series)
        if have is None:
            out.append(f"{r.series} is not exposed")
        elif not r.labels <= have:
            extra = ", ".join(sorted(r.labels - have))
            out.append(f"{r.series} has no label {extra} ({r.why}; it has: {', '.join(sorted(have)) or 'none'})")
    return list(dict.fromkeys(out))


def scaled(text: str, factor: float) -> str:
    """`text` (an expression or a duration) with every range `[5m]` divided by `factor`, as milliseconds."""
    return RANGE.sub(lambda m: f"[{shorter(m.group(1), factor)}]", text)


def shorter(duration: str, factor: float) -> str:
    """A Prometheus duration (5m, 2h) divided by `factor`, written in whole milliseconds (3000ms)."""
    ms = round(parse_duration(duration).total_seconds() * 1000 / factor)
    return f"{max(ms, 1)}ms"
