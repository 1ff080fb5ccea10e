"""The search's structured answers, from the data: the contact or matrix row a people question names, and the
places (a runbook step, the log queries, a dashboard row) that hold a command, a query or a panel.

A people question ("sec lead slack", "who owns database failures") names a row by the words of its name; the
row's anchor is in its table, and the browser shows it as a section of its page's card. A command-shaped query
names a tool a step runs (`curl`, a SQL keyword: `count`), or a breakdown a panel shows ("5xx by endpoint"), or
two words of a saved query's title: the browser then puts first the place holding it that the index scores
best.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache

from playbook.data.addresses import SCENARIO_DIR
from playbook.data.catalog import Catalog
from playbook.data.durations import seconds
from playbook.data.durations import words as duration_words
from playbook.data.spelling import normal, words
from playbook.data.walk import step_blocks
from playbook.markdown import slug
from playbook.runbooks.destructive import programs, sqlite_statements
from playbook.runbooks.headings import HEADING, heading_ids, lines_outside_code
from playbook.runbooks.outline import page_steps
from playbook.site.macros import calls, expand_calls
from playbook.site.reference import panel_heading
from playbook.site.runbook import QUERIES
from playbook.site.search_endpoints import called_paths, endpoint_label

# Shell builtins and flow words name no tool a reader looks for.
_BUILTINS = {"echo", "exit", "true", "false", "printf", "mapfile", "read", "cd", "export", "set", "test"}
_BUILTINS |= {"source", "shift", "local", "return"}
_SQL_WORD = re.compile(r"\b[A-Z]{2,}\b")  # SQL keywords, as the runbooks write them
_TABLE = re.compile(r'^CREATE TABLE "(\w+)"', re.M)  # a table of the app's schema (data/app)


def built(find: str) -> str:
    """Where an answer named by its source (page.md or page.md#section) is on the built site."""
    page, _, section = find.partition("#")
    return page.removesuffix(".md") + ".html" + (f"#{section}" if section else "")


def _said(text: str) -> list[str]:
    return normal(words(text))


def macro_pages(cat: Catalog, macro: str) -> dict[str | None, str]:
    """{the macro's argument (None without one): the docs page that calls it}, read from the pages' calls."""
    return _macro_pages(cat.project.docs, macro)


@cache
def _macro_pages(docs, macro: str) -> dict[str | None, str]:
    out: dict[str | None, str] = {}
    for page in sorted(docs.rglob("*.md")):
        for name, arg in calls(page.read_text(encoding="utf-8")):
            if name == macro:
                out.setdefault(arg, page.relative_to(docs).as_posix())
    return out


def people_rows(cat: Catalog) -> list[dict]:
    """Each row a people question can name: contacts' roles and teams, and the matrix's incident types, with its
    page, anchor (the row's id: people.py writes it in the row's first cell), title, group (its table's rows:
    the browser tells a row from the others of its group by the words of its name), what asks for it (`table`:
    a contact or an owner) and the concepts that name it through their runbook (`via`)."""
    contacts, matrix = macro_pages(cat, "contacts").get(None), macro_pages(cat, "matrix").get(None)
    answers = {c.id: c.answer for c in cat.search.concepts if c.answer}
    named = _named_by(cat)
    rows = []
    for group, table, page, items in (
        ("roles", "contact", contacts, cat.contacts.roles),
        ("teams", "contact", contacts, cat.contacts.teams),
        ("incident_types", "owner", matrix, cat.matrix.incident_types),
    ):
        for x in items if page else []:
            runbooks = [f"{SCENARIO_DIR}/{sid}.md" for sid, sc in cat.scenarios.items() if sc.incident_type == x.id]
            via = {c for c, a in answers.items() if a in runbooks} | named.get(x.id, set())
            via = sorted(via) if table == "owner" else []
            rows.append({"page": page, "anchor": x.id, "title": x.name, "group": group, "table": table, "via": via})
    return rows


def _named_by(cat: Catalog) -> dict[str, set[str]]:
    """{an incident type: the concepts one of whose one-word terms is a word of its name that no other incident
    type's name has} ("breach" names Security breach; "failures", in every other name, names none): a type with no
    runbook of its own is named by the concept that reads it too."""
    names = {t.id: set(_said(t.name)) for t in cat.matrix.incident_types}
    out: dict[str, set[str]] = {}
    for tid, own in names.items():
        alone = own - set().union(*(n for other, n in names.items() if other != tid))
        for c in cat.search.concepts:
            if c.answer and any(len(w := _said(term)) == 1 and w[0] in alone for term in c.words):
                out.setdefault(tid, set()).add(c.id)
    return out


def staffed(cat: Catalog) -> dict[str, list[str]]:
    """{a matrix row (built): the contact rows (built) of the people it gives that incident type to: its primary, its
    secondary and its escalation}. A role or team named beside an incident type of theirs asks about that row."""
    rows = {r["anchor"]: built(f"{r['page']}#{r['anchor']}") for r in people_rows(cat) if r["table"] == "contact"}
    matrix = macro_pages(cat, "matrix").get(None)
    out = {}
    for t in cat.matrix.incident_types if matrix else ():
        people = [rows[p] for p in dict.fromkeys([t.primary, t.secondary, *t.escalation]) if p in rows]
        if people:
            out[built(f"{matrix}#{t.id}")] = people
    return out


def app_tables(cat: Catalog) -> list[str]:
    """The tables of the app's schema (data/app), as its SQL names them ("ClinicalNote")."""
    schema = cat.project.app_schema
    return _TABLE.findall(schema.read_text(encoding="utf-8")) if schema.is_file() else []


def table_words(cat: Catalog) -> dict[str, list[str]]:
    """{an app table as a step's tools name it ("clinicalnote"): the words of its name ("clinical", "note")}: a word of
    it typed beside a tool the step runs names the step, even where a concept took the tool ("notes in sqlite")."""
    return {t.lower(): _said(re.sub(r"([a-z])([A-Z])", r"\1 \2", t)) for t in app_tables(cat)}


def brought_in(cat: Catalog) -> list[str]:
    """[the escalation rule, the matrix, the contact rows (built) of the people only the matrix brings in]: a query
    that names the rule and one of those people ("when do we bring in legal") wants the matrix, whose escalation
    column brings them in. Empty when the data has no such people."""
    rule = next((c.answer for c in cat.search.concepts if c.times == "escalation" and c.answer), None)
    matrix = macro_pages(cat, "matrix").get(None)
    path = {e.role for e in cat.oncall.escalation}
    only = {p for t in cat.matrix.incident_types for p in t.escalation} - path
    found = [
        built(f"{r['page']}#{r['anchor']}") for r in people_rows(cat) if r["table"] == "contact" and r["anchor"] in only
    ]
    return [built(rule), built(matrix), *found] if rule and matrix and found else []


def _tools(blocks, tables: Iterable[str] = ()) -> list[str]:
    """The tools a step's blocks use, as a reader names them: each program a shell block runs ("sqlite3" is
    sqlite), the kind of a jq or SQL block, and the keywords of the SQL it runs ("COUNT", "GROUP", in capitals:
    words of English too, they name the step only beside another of its tools or typed in capitals) and the
    tables of the app it reads ("clinicalnote")."""
    out: list[str] = []
    for b in blocks:
        found = programs(b.code) if b.kind == "shell" else [b.kind] if b.kind in ("jq", "sql") else []
        sql = [b.code] if b.kind == "sql" else sqlite_statements(b.code) if "sqlite3" in found else []
        keywords = [w for text in sql for w in _SQL_WORD.findall(text)]  # "COUNT", "GROUP BY"
        found += [t for text in sql for t in tables if re.search(rf"\b{t}\b", text)]  # "FROM ClinicalNote"
        for p in found + keywords:
            name = re.sub(r"\d+$", "", p.lower())
            name = name.upper() if p in keywords and name not in found else name
            if name and name.lower() not in _BUILTINS and name.lower() not in map(str.lower, out):
                out.append(name)
    return out


def places(cat: Catalog) -> list[dict]:
    """Each place that holds a command or a panel: its answer (built page#section) and what names it: `tools`
    (programs, block kinds, SQL keywords, the app's tables), `dims` (what a panel breaks its series down by) and
    `labels` (the words of each saved query's title) and, for a step, `calls` (the paths of the app's endpoints its
    blocks call: typed beside one of its tools, a path names the step)."""
    out = []
    tables = app_tables(cat)
    runbook_pages = {f"{SCENARIO_DIR}/{sid}.md": sc for sid, sc in cat.scenarios.items()}
    runbook_pages |= {page: cat.procedures[pid] for pid, page in macro_pages(cat, "procedure").items() if pid}
    for page, rb in runbook_pages.items():
        md = _markdown(cat, page)
        for step, shown in zip(rb.steps, page_steps(md), strict=False):
            tools = _tools((b for _, b in step_blocks(step)), tables)
            times = _times(step, getattr(rb, "params", None) or {})
            dims = _breakdowns(b for _, b in step_blocks(step))
            called = called_paths(cat, (b for _, b in step_blocks(step)))
            if tools or times:
                more = ({"times": times} if times else {}) | ({"dims": dims} if dims else {})
                more |= {"calls": called} if called and tools else {}
                out.append({"find": built(f"{page}#{shown.anchor}"), "tools": tools, **more})
        if getattr(rb, "queries", None):
            anchor = _heading_id(md, QUERIES)
            labels = [list(dict.fromkeys(_said(q.title))) for q in rb.queries]
            out.append({"find": built(f"{page}#{anchor}"), "tools": ["jq"], "labels": labels})
    board = macro_pages(cat, "dashboard").get(None)
    if board:
        md = _markdown(cat, board)
        for n, panel in enumerate(cat.dashboard.panels, 1):
            dims = sorted({_said(i.by.replace("_", " "))[0] for i in panel.items if i.by})
            shown = [endpoint_label(e.path) for e in cat.data.endpoints if any(e.path in i.text for i in panel.items)]
            if dims or shown:
                find = built(f"{board}#{_heading_id(md, panel_heading(n, panel.title))}")
                out.append({"find": find, "dims": dims, **({"labels": shown} if shown else {})})
    return out


_CHAT = re.compile(r"^\s*(/[a-z]+ [a-z]+)", re.M)  # a chat command and its verb: "/incident update"


def chat_places(cat: Catalog) -> list[list[str]]:
    """[the words of a chat command ("incident update"), the places that run it…] per command: each runbook step
    whose chat block runs it, and the declaring step whose `chat:` it is. A command typed with its slash names them."""
    from playbook.site.incident import _step_heading

    found: dict[str, list[str]] = {}
    runbook_pages = {f"{SCENARIO_DIR}/{sid}.md": sc for sid, sc in cat.scenarios.items()}
    runbook_pages |= {page: cat.procedures[pid] for pid, page in macro_pages(cat, "procedure").items() if pid}
    for page, rb in runbook_pages.items():
        for step, shown in zip(rb.steps, page_steps(_markdown(cat, page)), strict=False):
            for _, b in step_blocks(step):
                for command in _CHAT.findall(b.code) if b.kind == "chat" else []:
                    found.setdefault(command, []).append(built(f"{page}#{shown.anchor}"))
    page = macro_pages(cat, "declaration").get(None)
    for n, step in enumerate(cat.incident.declaration_steps, 1) if page else ():
        if step.chat:
            found.setdefault(step.chat, []).append(built(f"{page}#{slug(_step_heading(n, step.title))}"))
    return [[" ".join(_said(command)), *dict.fromkeys(finds)] for command, finds in found.items()]


_BY = re.compile(r"^\s*#.*\bby ([A-Za-z]+)", re.M)


def _breakdowns(blocks) -> list[str]:
    """What a shell block's comments say it breaks down by ("# Query logs by endpoint"), as a panel's `by`."""
    found = [m for b in blocks if b.kind == "shell" for m in _BY.findall(b.code)]
    return sorted({_said(m)[0] for m in found})


def _times(step, params: dict) -> list[float]:
    """The minutes of each duration parameter of the runbook that the step says, as the page renders it ("Check AI
    metrics every 10 minutes", poll_every: 10m): a time typed beside its runbook's concept names the step ("poll
    every 600 seconds")."""
    text = json.dumps(step.model_dump(mode="json"))
    out = []
    for value in params.values():
        try:
            minutes = seconds(str(value)) / 60
        except ValueError:
            continue
        if re.search(rf"\b{re.escape(duration_words(str(value)))}\b", text) and minutes not in out:
            out.append(minutes)
    return out


def section_text(cat: Catalog, find: str) -> str:
    """The Markdown of the section `find` (page.md#section) names, as its page renders it, up to the next heading."""
    page, _, anchor = find.partition("#")
    md = _markdown(cat, page)
    ids, k, out = [hid for _, hid in heading_ids(md, set())], -1, []
    for line, code in lines_outside_code(md):
        if not code and HEADING.match(line):
            k += 1
        elif k >= 0 and ids[k] == anchor:
            out.append(line)
    return "\n".join(out)


def _markdown(cat: Catalog, page: str) -> str:
    if page.startswith(f"{SCENARIO_DIR}/"):
        from playbook.site.pages import scenario_source

        return scenario_source(cat, page.removeprefix(f"{SCENARIO_DIR}/").removesuffix(".md"))
    return expand_calls(cat, (cat.project.docs / page).read_text(encoding="utf-8"), page)


def _heading_id(markdown: str, title: str) -> str:
    """The id the page gives the heading whose text is `title` as the page writes it (Markdown, escaped), its slug
    made unique as the toc does."""
    want = slug(title)
    return next(hid for base, hid in heading_ids(markdown, set()) if base == want)
