"""The consistency checker's rule registry: rules are functions that yield located findings."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass

from playbook.checks.pages import PAGES, Pages
from playbook.data.catalog import Catalog
from playbook.errors import Problem

# Modules that define rules with @rule; importing them registers their rules.
RULE_MODULES: list[str] = [
    "playbook.checks.severity",
    "playbook.checks.people",
    "playbook.checks.refs",
    "playbook.checks.policy",
    "playbook.checks.alerts",
    "playbook.checks.secrets",
    "playbook.checks.tools",
    "playbook.checks.destructive",
    "playbook.checks.search",
]

# The ids of the rules a run_checks call runs (None: every rule), so a rule can skip shared work no
# selected rule needs (tsc, when `check --fast` leaves TOOL005 out).
SELECTED: ContextVar[frozenset[str] | None] = ContextVar("SELECTED", default=None)


@dataclass(frozen=True)
class Rule:
    id: str  # e.g. SEV001
    level: str  # "error" or "warning"
    summary: str  # one line: what must hold
    why: str  # why it matters at incident time
    fix: str  # how to fix a finding
    func: Callable[[Catalog], Iterable[Problem]]


RULES: dict[str, Rule] = {}


def rule(id: str, level: str, summary: str, why: str, fix: str):
    """Register a rule; the function yields findings made with `finding()`."""

    def wrap(func):
        if id in RULES:
            raise ValueError(f"rule {id} defined twice")
        RULES[id] = Rule(id, level, summary, why, fix, func)
        return func

    return wrap


def finding(
    cat: Catalog, rule_id: str, file: str, path: tuple, message: str, hint: str = "", needle: str | None = None
) -> Problem:
    """A finding of `rule_id` at `path` inside data file `file` (e.g. 'data/severities.yaml').

    With `needle`, the location moves to the first line at or below the node that contains it, so a
    finding inside a multi-line command points at the offending line itself.
    """
    from playbook.errors import dotted

    line, col = cat.where(file, path)
    if needle:
        try:
            lines = (cat.base / file).read_text(encoding="utf-8").splitlines()
        except OSError:
            lines = []
        for n in range(line - 1, min(len(lines), line + 200)):
            if needle in lines[n]:
                line, col = n + 1, lines[n].index(needle) + 1
                break
    r = RULES[rule_id]
    return Problem(file, line, col, rule_id, message, hint or r.fix, dotted(path), r.level)


def load_rules() -> dict[str, Rule]:
    for name in RULE_MODULES:
        importlib.import_module(name)
    return RULES


def run_checks(cat: Catalog, only: Iterable[str] | None = None, pages: Pages | None = None) -> list[Problem]:
    """Every finding of every rule (or of the rules in `only`), sorted by file and line; the rules that
    follow links into the site read its pages from `pages`."""
    rules = load_rules()
    selected = [rules[r] for r in (only or rules)]
    out: list[Problem] = []
    token = PAGES.set(pages) if pages is not None else None
    chosen = SELECTED.set(frozenset(r.id for r in selected))
    try:
        for r in selected:
            out.extend(r.func(cat))
    finally:
        SELECTED.reset(chosen)
        if token is not None:
            PAGES.reset(token)
    return sorted(out, key=lambda p: (p.file, p.line, p.col, p.rule))
