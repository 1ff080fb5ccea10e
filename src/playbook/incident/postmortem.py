"""`postmortem check`: an incident record against the post-mortem template and its rules."""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo

import yaml

from playbook.data.catalog import Catalog
from playbook.errors import Problem
from playbook.incident.records import FILL, parse_time, postmortem_due, section_span, table_rows

PLACEHOLDER = re.compile(r"^\[[^\]]*\]$")
RULES = {
    "PM001": "the record has front matter with id, severity and started",
    "PM002": "every template section is present",
    "PM003": "sections and fields are filled, not placeholder text",
    "PM004": "the timeline is in time order",
    "PM005": "every action item has an owner, a due date and a status",
    "PM006": "the post-mortem due date follows the rule for the severity",
    "PM007": '"Data lost" is stated',
}


def _placeholder(text: str, data_placeholders: set[str]) -> bool:
    s = text.strip()
    return not s or s == FILL or bool(PLACEHOLDER.match(s)) or (s in data_placeholders and "[" in s)


def check_report(problems: list[Problem], file: str) -> str:
    """What `playbook postmortem check` prints: one finding a line, then how many (or `clean`)."""
    lines = [p.format() for p in problems]
    lines.append(f"{file}: {len(problems)} finding(s)" if problems else f"{file}: clean")
    return "\n".join(lines) + "\n"


def check_record(cat: Catalog, text: str, file: str, tz: tzinfo) -> list[Problem]:
    pm = cat.incident.postmortem
    lines = text.split("\n")
    out: list[Problem] = []

    def add(i: int, rule: str, msg: str, hint: str, col: int = 1) -> None:
        out.append(Problem(file, i + 1, col, rule, msg, hint))

    front: dict = {}
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        try:
            front = yaml.safe_load("\n".join(lines[1:end])) if end else None
        except yaml.YAMLError:
            front = None
        front = front if isinstance(front, dict) else {}
    missing = [k for k in ("id", "severity", "started", "postmortem_due") if k not in front]
    if missing:
        add(0, "PM001", f"front matter lacks {', '.join(missing)}", "start from `playbook postmortem new`")

    holders = {f.placeholder for f in pm.fields} | {s.placeholder for s in pm.sections if s.placeholder}
    holders |= {f.placeholder for s in pm.sections for f in s.fields}
    for i, s in enumerate(lines):
        m = re.match(r"^\*\*(.+?):\*\*\s*(.*?)\s*$", s)
        if m and _placeholder(m.group(2), holders):
            add(
                i,
                "PM003",
                f"{m.group(1)} is still placeholder text",
                "fill it in",
                len(m.group(0)) - len(m.group(2)) + 1,
            )

    for sec in pm.sections:
        span = section_span(lines, sec.heading)
        if span is None:
            add(0, "PM002", f"section '{sec.heading}' is missing", f"add '## {sec.heading}' from the template")
            continue
        first, end = span
        body = [(i, lines[i]) for i in range(first, end) if lines[i].strip()]
        if sec.placeholder and not sec.table:
            prose = [(i, s) for i, s in body if not s.startswith(("#", "|", "- **"))]
            if not prose or all(_placeholder(s, holders) for _, s in prose):
                at = prose[0][0] if prose else first - 1
                add(at, "PM003", f"section '{sec.heading}' is still placeholder text", "write what happened")
        for f in sec.fields:
            hit = next(((i, s) for i, s in body if s.startswith(f"- **{f.name}:**")), None)
            value = hit[1].split(":**", 1)[1].strip() if hit else ""
            where = hit[0] if hit else first - 1
            if f.name == "Data lost" and _placeholder(value, holders):
                add(where, "PM007", '"Data lost" is not stated', 'write "none" if no data was lost')
            elif _placeholder(value, holders):
                add(where, "PM003", f"{f.name} is still placeholder text", "fill it in, or write n/a")
        for sub in sec.subsections:
            sspan = next((i for i, s in body if s.strip() == f"### {sub.heading}"), None)
            if sspan is None:
                add(first - 1, "PM002", f"subsection '{sub.heading}' is missing", f"add '### {sub.heading}'")
                continue
            items = []
            for i in range(sspan + 1, end):
                if lines[i].startswith("#"):
                    break
                if lines[i].startswith("- "):
                    items.append((i, lines[i][2:]))
            if not items or all(_placeholder(s, holders) for _, s in items):
                add(
                    items[0][0] if items else sspan,
                    "PM003",
                    f"'{sub.heading}' is still placeholder text",
                    "list at least one point",
                )
        if sec.table:
            rows = table_rows(lines, first, end)
            if sec.heading == "Timeline":
                out += _timeline(rows, file, tz)
            else:
                out += _actions(sec.table.columns, rows, file, holders)

    out += _due(cat, front, file, tz)
    return sorted(out, key=lambda p: (p.line, p.col, p.rule))


def _timeline(rows, file: str, tz: tzinfo) -> list[Problem]:
    out = []
    last = None
    for i, cells in rows:
        try:
            t = parse_time(cells[0], tz)
        except ValueError as e:
            out.append(Problem(file, i + 1, 3, "PM004", f"timeline time {e}", "use the time format of the other rows"))
            continue
        if last and t < last:
            out.append(
                Problem(
                    file,
                    i + 1,
                    3,
                    "PM004",
                    f"timeline row {cells[0]} is earlier than the row above",
                    "keep the timeline in time order",
                )
            )
        last = t if last is None or t > last else last
    return out


def _actions(columns: list[str], rows, file: str, holders: set[str]) -> list[Problem]:
    out = []
    if not rows:
        return [Problem(file, 1, 1, "PM005", "no action items", "add at least one action item")]
    for i, cells in rows:
        cells = cells + [""] * (len(columns) - len(cells))
        empty = [c for c, v in zip(columns, cells, strict=False) if _placeholder(v, holders)]
        due_col = next((c for c in columns if "due" in c.lower()), None)
        if due_col and due_col not in empty:
            try:
                date.fromisoformat(cells[columns.index(due_col)])
            except ValueError:
                empty.append(f"{due_col} (not a YYYY-MM-DD date)")
        if empty:
            out.append(
                Problem(
                    file,
                    i + 1,
                    1,
                    "PM005",
                    f"action item lacks {', '.join(empty)}",
                    "every action item needs an owner, a due date and a status",
                )
            )
    return out


def _due(cat: Catalog, front: dict, file: str, tz: tzinfo) -> list[Problem]:
    sev, started, due = front.get("severity"), front.get("started"), front.get("postmortem_due")
    if not sev or not started or due is None:
        return []
    try:
        t = started if isinstance(started, datetime) else parse_time(str(started), tz)
    except ValueError as e:
        return [Problem(file, 1, 1, "PM001", f"started: {e}", "write an ISO 8601 time")]
    if t.tzinfo is None:
        t = t.replace(tzinfo=tz)
    if sev not in {lv.id for lv in cat.severities.levels}:
        return [Problem(file, 1, 1, "PM001", f"severity {sev!r} is not a level", "use SEV-1 … SEV-4")]
    expected = postmortem_due(cat, sev, t)
    want = expected.isoformat() if expected else "not required"
    if str(due) != want:
        pm = cat.incident.postmortem
        rule = f"{pm.due_business_days} business days after the start for {', '.join(pm.required_for)}"
        return [Problem(file, 1, 1, "PM006", f"postmortem_due is {due}, expected {want}", rule)]
    return []
