"""Incident records: Markdown with front matter, pre-filled from the post-mortem template; timeline rows."""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo
from pathlib import Path

import yaml

from playbook.data import files as F
from playbook.data.catalog import Catalog
from playbook.errors import DataError, Problem, dotted
from playbook.incident.bizdays import DaysOff, add_business_days, days_off


def plain_cell(value: str) -> str:
    """A table cell of plain text on one line, its pipes escaped: nothing else (see plain_table)."""
    return value.replace("|", "\\|").replace("\n", " ")


def plain_table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table as plain text, nothing escaped: for code (a template shown in a fence) and for the
    incident records people edit; a page's tables are `table()`."""
    lines = ["| " + " | ".join(map(plain_cell, headers)) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(map(plain_cell, row)) + " |" for row in rows]
    return "\n".join(lines) + "\n"


TIME_FMT = "%Y-%m-%d %H:%M %z"
FILL = "[to be filled in]"
ROW = re.compile(r"^\|(.*)\|\s*$")


def incident_id(started: datetime) -> str:
    return "INC-" + started.strftime("%Y%m%d%H%M%S")


def fmt_time(t: datetime) -> str:
    return t.strftime(TIME_FMT)


def parse_time(text: str, tz: tzinfo) -> datetime:
    """`2026-01-15 10:30 +0000`, ISO 8601 (`2026-01-15T10:30`, with or without offset); naive means `tz`."""
    s = text.strip()
    for f in (TIME_FMT, "%Y-%m-%d %H:%M"):
        try:
            t = datetime.strptime(s, f)
            break
        except ValueError:
            t = None
    if t is None:
        try:
            t = datetime.fromisoformat(s.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"{text!r} is not a time: write e.g. 2026-01-15T10:30 or 2026-01-15T10:30+01:00") from None
    return t if t.tzinfo else t.replace(tzinfo=tz)


def postmortem_due(cat: Catalog, sev: str, started: datetime) -> date | None:
    pm = cat.incident.postmortem
    if sev not in pm.required_for:
        return None
    return add_business_days(started.date(), pm.due_business_days, days_off_of(cat), cat.oncall.business_hours.weekdays)


def days_off_of(cat: Catalog) -> DaysOff:
    """The post-mortem rule's days off; an unknown country or subdivision is a located data error."""
    return cat.memoized("days_off", lambda: _days_off(cat))


def _days_off(cat: Catalog) -> DaysOff:
    try:
        return days_off(cat.incident.postmortem)
    except NotImplementedError as e:  # the holidays library's answer to a country or subdivision it lacks
        import holidays

        pub = cat.incident.postmortem.public_holidays
        key = "subdivision" if "subdivision" in str(e) else "country"
        path = ("postmortem", "public_holidays", key)
        known = holidays.list_supported_countries()
        hint = (
            f"one of {', '.join(known.get(pub.country, []))}"
            if key == "subdivision"
            else "a country the holidays library knows, e.g. US, GB, FR, DE, MA"
        )
        file = cat.file(F.INCIDENT)
        raise DataError([Problem(file, *cat.where(file, path), "LOAD003", str(e), hint, dotted(path))]) from None


def render_record(cat: Catalog, title: str, sev: str, started: datetime, version: str) -> str:
    """A new incident record: front matter, then every template section with its placeholder."""
    pm = cat.incident.postmortem
    due = postmortem_due(cat, sev, started)
    front = {
        "id": incident_id(started),
        "title": title,
        "severity": sev,
        "started": started.isoformat(),
        "postmortem_due": due.isoformat() if due else "not required",
        "playbook_version": version,
    }
    known = {"Incident ID": front["id"], "Date": started.date().isoformat(), "Severity": sev}
    lines = ["---", yaml.safe_dump(front, sort_keys=False, allow_unicode=True).rstrip(), "---", ""]
    lines += [f"# {pm.title.replace('[Incident Title]', title)}", ""]
    lines += [f"**{f.name}:** {known.get(f.name, f.placeholder)}  " for f in pm.fields]
    for sec in pm.sections:
        lines += ["", f"## {sec.heading}", ""]
        if sec.placeholder:
            lines.append(sec.placeholder)
        if sec.table and sec.heading == "Timeline":
            row = [fmt_time(started), f"Incident declared: {sev} {title}"]
            lines.append(plain_table(sec.table.columns, [row]).rstrip())
        elif sec.table:
            lines.append(plain_table(sec.table.columns, [[FILL] * len(sec.table.columns)]).rstrip())
        lines += [f"- **{f.name}:** {f.placeholder}" for f in sec.fields]
        for sub in sec.subsections:
            lines += [f"### {sub.heading}", "", f"- {FILL}", ""]
    return "\n".join(lines).rstrip() + "\n"


def section_span(lines: list[str], heading: str) -> tuple[int, int] | None:
    """(first, end) line indexes of the body of `## heading`."""
    start = next((i for i, s in enumerate(lines) if s.strip() == f"## {heading}"), None)
    if start is None:
        return None
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return start + 1, end


def table_rows(lines: list[str], first: int, end: int) -> list[tuple[int, list[str]]]:
    """(line index, cells) of the data rows of the first table in lines[first:end]."""
    out = []
    seen_header = False
    for i in range(first, end):
        m = ROW.match(lines[i].strip())
        if not m:
            if seen_header and out:
                break
            continue
        cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", m.group(1))]
        if not seen_header:
            seen_header = True
            continue
        if all(set(c) <= set("-: ") for c in cells):
            continue
        out.append((i, cells))
    return out


def log_event(text: str, at: datetime, event: str, tz: tzinfo) -> str:
    """`text` with a timeline row for `event` at `at`, placed in time order."""
    lines = text.split("\n")
    span = section_span(lines, "Timeline")
    if span is None:
        raise ValueError("no '## Timeline' section")
    rows = table_rows(lines, *span)
    if not rows:
        raise ValueError("the Timeline section has no table")
    insert = rows[-1][0] + 1
    for i, cells in rows:
        try:
            if parse_time(cells[0], tz) > at:
                insert = i
                break
        except ValueError:
            continue
    lines.insert(insert, f"| {plain_cell(fmt_time(at))} | {plain_cell(event)} |")
    return "\n".join(lines)


def write_new(cat: Catalog, folder: Path, title: str, sev: str, started: datetime, version: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{incident_id(started)}.md"
    if path.exists():
        raise FileExistsError(f"{path} exists already")
    path.write_text(render_record(cat, title, sev, started, version), encoding="utf-8")
    return path
