"""Checker rules on the post-mortem template: a table's rows fit its columns (CAT024), headings differ (REF026)."""

from __future__ import annotations

from collections import Counter

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F


@rule(
    "CAT024",
    "error",
    "every row of a post-mortem template table has one cell per column",
    "The template is published as a Markdown table: a row with a cell more than the header loses it on the page, one "
    "with a cell fewer shifts nothing back, so the example's owner shows under Due Date; and when the columns lose "
    "one (Time dropped from [Time, Event]) every row's first cell is read under the wrong heading.",
    "give every row one cell per column, or put back the column the rows still fill",
)
def rows_fit_columns(ctx: CheckContext, report: Reporter):
    for s, section in enumerate(ctx.catalog.incident.postmortem.sections):
        table = section.table
        if table is None or not table.rows:
            continue
        width, lengths = len(table.columns), Counter(len(r) for r in table.rows)
        where = ("postmortem", "sections", s, "table")
        if width not in lengths and len(lengths) == 1:  # every row agrees with the others: the columns moved
            (n,) = lengths
            message = f"the {section.heading!r} table has {width} columns, but each of its rows has {n} cells"
            hint = "put back the column the rows fill (or add the cell to every row)"
            yield report(F.INCIDENT, (*where, "columns"), message, hint)
            continue
        for r, row in enumerate(table.rows):
            if len(row) != width:
                message = f"this row of the {section.heading!r} table has {len(row)} cells for {width} columns"
                yield report(F.INCIDENT, (*where, "rows", r), message)


@rule(
    "REF026",
    "error",
    "no two sections of the post-mortem template, and no two subsections of one section, share a heading",
    "The headings are the post-mortem's anchors and the table of contents: a second Impact where References was "
    "makes both links land on the first, and the references the template asks for are filed under Impact.",
    "give the section back its own heading",
)
def headings_differ(ctx: CheckContext, report: Reporter):
    sections = ctx.catalog.incident.postmortem.sections
    groups = [(("postmortem", "sections"), sections)]
    groups += [(("postmortem", "sections", s, "subsections"), x.subsections) for s, x in enumerate(sections)]
    for path, items in groups:
        first: dict[str, int] = {}
        for i, item in enumerate(items):
            key = item.heading.strip().lower()
            if key in first:
                message = f"heading {item.heading!r} again (also section {first[key] + 1} of this list)"
                yield report(F.INCIDENT, (*path, i, "heading"), message)
            first.setdefault(key, i)
