"""Checker rule TXT014: a dashboard text that Grafana shows as a title holds no variable Grafana replaces there."""

from __future__ import annotations

import re

from playbook.alerts.grafana import VARIABLES, _plain
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.markup import _finding_at
from playbook.data import files as F

# Grafana's own reading of a variable in a title (its templateSrv's regex): `$name`, `[[name]]`, `[[name:format]]`,
# `${name}`, `${name.field}`, `${name:format}`
_VARIABLE = re.compile(r"\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}")
# Grafana's global variables: every name under its reserved `__` prefix ($__interval, $__rate_interval, $__range,
# $__from, $__dashboard, $__user…), and the SQL sources' `$timeFilter`
_GLOBAL = ("__",)
_GLOBAL_NAMES = {"timeFilter"}


def replaced(title: str, names: set[str]) -> re.Match | None:
    """The first variable of `title` that Grafana replaces in it: a global one, or one of the dashboard's `names`."""
    for m in _VARIABLE.finditer(title):
        name = next(g for g in (m.group(1), m.group(2), m.group(4)) if g)
        if name.startswith(_GLOBAL) or name in _GLOBAL_NAMES or name in names:
            return m
    return None


def _titles(cat):
    """(path, text, title) of every dashboard text that the generated dashboard makes a title: a section's (a row's)
    and an item's (a panel's, as grafana writes it)."""
    for s, section in enumerate(cat.dashboard.panels):
        yield ("panels", s, "title"), section.title, section.title
        for i, item in enumerate(section.items):
            yield ("panels", s, "items", i, "text"), item.text, _plain(item.text)


@rule(
    "TXT014",
    "error",
    "no Grafana variable (`$__rate_interval`, `${datasource}`, `[[name]]`) in a dashboard text that Grafana shows as "
    "a title",
    "A dashboard section's title and an item's text are the generated Grafana dashboard's row and panel titles, and "
    "the monitoring page's, the binder's and the search's words too. Grafana replaces its variables in a title (its "
    "globals, every `$__…` name, and the dashboard's own, `$datasource`), in any of its spellings: the panel says "
    '"rate over 1m0s" where the site prints "$__rate_interval", two texts for one item, and a Grafana-only token '
    "published as words. A `$` before a name no variable has is left as typed by Grafana too, and passes.",
    'write what the value means in words ("per second, over the rate window"); the queries set the interval',
)
def grafana_variables_in_titles(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    file = cat.file(F.DASHBOARD)
    names = {v["name"] for v in VARIABLES}
    for path, text, title in _titles(cat):
        if m := replaced(title, names):
            at = max(0, text.find(m.group(0)))
            message = f"{m.group(0)!r} is a variable Grafana replaces in the title: the panel and the site differ"
            yield _finding_at(cat, report, file, path, text, at, message, column=True)
