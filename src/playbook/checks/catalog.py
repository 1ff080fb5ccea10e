"""Checker rules on catalog.yaml's own facts: an endpoint's category and path, a metric's type and probe."""

from __future__ import annotations

import re
from datetime import datetime

from playbook.checks.dashboard import said_statistics
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data.logformat import log_schema, validate
from playbook.data.suggest import one_edit, squash


@rule(
    "CAT001",
    "error",
    "an endpoint's category agrees with its method and its rate limit",
    "The category is the label http.requests counts the endpoint under (the dashboard's breakdown, the write alert's "
    "denominator): a POST filed as a read, or an endpoint limited by the WRITE class filed under another category, "
    "moves its requests out of the panels and alerts of what it does.",
    "set the category to the class of its rate limit (lower case), and file only GET endpoints as read",
)
def endpoint_category(ctx: CheckContext, report: Reporter):
    data = ctx.catalog.data
    # the values of the category label (http.requests'), the same for every metric that has one: the category of
    # an endpoint limited by a class named like one of them is that one
    categories = {v for m in data.metrics if isinstance(vals := m.labels.get("category"), list) for v in vals}
    for k, ep in enumerate(data.endpoints):
        if ep.external or ep.category is None:
            continue
        at = ("endpoints", k, "category")
        limit = (ep.rate_limit or "").lower()
        if limit in categories and ep.category != limit:
            yield report(F.CATALOG, at, f"{ep.id}: category {ep.category}, but it is limited as {ep.rate_limit}")
        elif ep.category == "read" and ep.method != "GET":
            yield report(F.CATALOG, at, f"{ep.id}: a {ep.method} endpoint filed as a read")


@rule(
    "CAT012",
    "error",
    "an endpoint whose path ends in its id, spelt otherwise, spells the two alike",
    "The path is what every command quoting the endpoint calls (a curl quoting `ep['generate-note']`) and the "
    "drill's stand-in serves, both read from this one line, so nothing else tells a path the app does not serve: "
    "its last segment is the only other spelling of the name, the endpoint's id (past the provider's name an "
    "external id starts with: openai-models). Spelt like the id but for a "
    "separator, a case or one letter (`/api/ai/generate_note` for generate-note), one of the two is misspelt, and "
    "every call gets a 404. A path whose last segment is no spelling of its id at all is left alone.",
    "spell the path's last segment as the app serves it, and the id the same",
)
def endpoint_path_spelling(ctx: CheckContext, report: Reporter):
    for k, ep in enumerate(ctx.catalog.data.endpoints):
        head, _, last = ep.path.rstrip("/").rpartition("/")
        names = _id_names(ep.id, head)
        if last in names:
            continue
        near = next((n for n in names if squash(last) == squash(n) or one_edit(last, n)), None)
        if near is not None:
            server = "the provider" if ep.external else "the app"
            message = f"the path ends in {last!r}, the id {ep.id!r} spelt otherwise: {server} serves one of the two"
            yield report(F.CATALOG, ("endpoints", k, "path"), message, needle=last)


def _id_names(eid: str, head: str) -> list[str]:
    """The spellings of an endpoint's name its id gives: the id, and the id past its leading words that the rest of
    the path already says (an external endpoint's provider: openai-models at api.openai.com/v1/models)."""
    parts = eid.split("-")
    out = [eid]
    for i in range(1, len(parts)):
        if not all(p.lower() in head.lower() for p in parts[:i]):
            break
        out.append("-".join(parts[i:]))
    return out


@rule(
    "CAT002",
    "error",
    "a metric whose help names statistics (avg, P95, P99) is a histogram",
    "Only a histogram has a mean and quantiles: typed as a counter or a gauge, the metric its own help describes "
    "cannot feed the panels and the alert (measure: mean) that plot those statistics.",
    "make the type histogram, or take the statistics out of its help",
)
def metric_statistics(ctx: CheckContext, report: Reporter):
    for k, m in enumerate(ctx.catalog.data.metrics):
        said = said_statistics(m.help)
        if said and m.type != "histogram":
            yield report(
                F.CATALOG,
                ("metrics", k, "type"),
                f"{m.name} is a {m.type}, but its help names {', '.join(sorted(said))}",
            )


@rule(
    "CAT007",
    "error",
    "a probe metric probes the endpoint its name and help name",
    "A probe metric is 1 while its endpoint answers 200: health.readiness fed by the liveness probe stays 1 while the "
    "process is up with its database down, so the alert that measures readiness never fires, and the help still "
    "promises the readiness probe.",
    "set probe: to the endpoint the metric's name and help name, or rename the metric and reword its help",
)
def probe_named(ctx: CheckContext, report: Reporter):
    data = ctx.catalog.data
    ids = [ep.id for ep in data.endpoints]
    for k, m in enumerate(data.metrics):
        if not m.probe:
            continue
        words = f"{m.name.replace('.', ' ')} {m.help}"
        named = [i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", words, re.I)]
        if named and m.probe not in named:
            said = " and ".join(named)
            message = f"{m.name} probes {m.probe}, but its name and help name the {said} endpoint"
            yield report(F.CATALOG, ("metrics", k, "probe"), message)


_CODE_SPAN = re.compile(r"`([^`]+)`")


def _shape(value: object) -> str:
    """A value's shape: each run of letters `a`, of digits `0` (user_456 is a_0, 456 is 0)."""
    return re.sub(r"[^\W\d_]+", "a", re.sub(r"\d+", "0", str(value)))


@rule(
    "CAT008",
    "error",
    "the log format's example writes a field the way the placeholder that stands for it does",
    "A placeholder that stands for a log field (its meaning names the field, `context.userId`) is what the queries "
    "match the logs with: an example record whose field has another form (456 where the queries send user_456) "
    "teaches the reader a form that the queries never find.",
    "write the example's value in the placeholder default's form, or the default in the logs' form",
)
def example_matches_placeholders(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    example, fields = cat.data.log_format.example, {f.path for f in cat.data.log_format.fields}
    for ph in cat.meta.placeholders:
        for path in [p for p in _CODE_SPAN.findall(ph.meaning) if p in fields] if ph.default else []:
            node: object = example
            for part in path.split("."):
                node = node.get(part) if isinstance(node, dict) else None
            if node is None or _shape(node) == _shape(ph.default):
                continue
            message = f"the example's {path} is {node!r}, but {ph.name}, which stands for it, is {ph.default!r}"
            yield report(F.CATALOG, ("log_format", "example", *path.split(".")), message)


_ISO_8601 = re.compile(r"\bISO[- ]?8601\b", re.I)


def example_problems(cat) -> list[tuple[tuple, str]]:
    """(YAML path under log_format.example, problem) of the example record against the declared fields: a value
    of another type than its field's (or out of its enum), a required field missing, a field the format lacks, and
    a text whose field's help names ISO-8601 that is no ISO-8601 time (the validator of the test suite, the
    JSON Schema the format becomes; logformat.log_schema)."""
    lf = cat.data.log_format
    out: list[tuple[tuple, str]] = []
    for problem in validate(lf.example, log_schema(lf.fields)):
        where, _, what = problem.partition(": ")
        path = () if where == "(record)" else tuple(where.split("."))
        out.append((path, what))
    for f in lf.fields:
        node: object = lf.example
        for part in str(f.path).split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if f.type == "string" and isinstance(node, str) and _ISO_8601.search(f.help):
            try:
                datetime.fromisoformat(node)
            except ValueError:
                out.append((tuple(str(f.path).split(".")), f"{node!r} is no ISO-8601 time, as the field's help says"))
    return out


@rule(
    "CAT010",
    "error",
    "the log format's example record is of the format: each value of its field's declared type",
    'The example is the record the Logs page shows and the queries are written against: a duration of "1.25s" '
    "where the format declares an integer in ms (and `select(.context.duration > 1000)` compares numbers) teaches "
    "a record the app never writes, and the query that reads the real one.",
    "write the value in its field's declared type (an integer without quotes or unit, a text from the enum), or "
    "change the field's type in log_format.fields",
)
def example_is_of_the_format(ctx: CheckContext, report: Reporter):
    fields = [str(f.path) for f in ctx.catalog.data.log_format.fields]
    for path, what in example_problems(ctx.catalog):
        yield report(F.CATALOG, ("log_format", "example", *path), f"the log format's example: {what}")
        # A field the example writes in another spelling than its declaration (statusCode, status_code): one of
        # the two was edited, so the declaration is found too (set 15 M69, spent).
        written = ".".join(path)
        for i, declared in enumerate(fields):
            if declared == written and "is not one of" in what:  # the enum may be the edit (set 25's M44): both
                message = f"the enum of {declared} lacks the value the log format's example writes ({what})"
                yield report(F.CATALOG, ("log_format", "fields", i, "enum"), message)
            if declared != written and field_spelling(declared) == field_spelling(written):
                message = f"the log format declares {declared}, but its example writes {written}"
                yield report(F.CATALOG, ("log_format", "fields", i, "path"), message)


def field_spelling(path: str) -> str:
    """A field path without its case and separators (context.statusCode and context.status_code are one)."""
    return re.sub(r"[_\-]", "", path.lower())
