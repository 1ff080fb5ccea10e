"""Checker rules on the data files themselves: each names its schema; what a command writes is not edited by hand."""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as registry
from playbook.data.files import DataFile
from playbook.data.positions import locate
from playbook.data.seal import broken
from playbook.errors import DataError, dotted

SCHEMA_COMMENT = "# yaml-language-server: $schema="
_SCHEMA_LINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(?P<url>\S*)")


def _files(ctx: CheckContext) -> list[tuple[DataFile, str]]:
    """(spec, file as findings name it) of every data file there is: the catalog's, and the recorded files found."""
    cat = ctx.catalog
    out = [(spec, cat.file(spec)) for spec in registry.SINGLE]
    kinds = {"scenarios": registry.SCENARIOS, "procedures": registry.PROCEDURES}
    out += [(kinds[part], cat.source[rid]) for part in kinds for rid in getattr(cat, part)]
    out += [(s, cat.file(s)) for s in registry.ALL if s.written_by and (cat.project.data / s.name).is_file()]
    return out


def schema_url(spec: DataFile, file: Path, schema_folder: Path) -> str:
    """The `$schema=` of data file `file` of kind `spec`: its schema, relative to the file's folder."""
    return Path(os.path.relpath(schema_folder / spec.schema_file, file.parent)).as_posix()


@rule(
    "FILE001",
    "error",
    "every data file names the schema of its kind on line 1, at the right relative path",
    "Editors validate and autocomplete a file against the schema its `yaml-language-server` line names. A "
    "scenario copied from a procedure keeps the procedure's schema, a file moved to another folder keeps a path "
    "that no longer leads to one: the editor then offers the wrong keys, or none, and says nothing.",
    f"write `{SCHEMA_COMMENT}<the path given>` as the file's first line",
)
def schema_lines(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for spec, rel in _files(ctx):
        want = schema_url(spec, cat.base / rel, cat.project.schema)
        hint = f"write `{SCHEMA_COMMENT}{want}` as line 1"
        lines = report.lines(rel)
        found = None
        for n, text in enumerate(lines, 1):
            if not text.startswith("#") and text.strip():
                break  # only the comments that open the file
            if m := _SCHEMA_LINE.match(text):
                found = (n, m)
                break
        if found is None:
            yield report.at(rel, 1, 1, f"no schema line: a {spec.schema} file names {want}", hint)
            continue
        n, m = found
        if m["url"] != want:
            message = f"names the schema {m['url'] or '(nothing)'}; a {spec.schema} file here names {want}"
            yield report.at(rel, n, m.start("url") + 1, message, hint)
        elif n != 1:  # the README's contract, and where every file of the project has it
            yield report.at(rel, n, 1, f"the schema line is line {n}; a data file names its schema on line 1", hint)


@rule(
    "FILE002",
    "error",
    "the JSON Schemas in the schema folder are what `playbook generate` writes from the models",
    "The schemas are written from the models by `playbook generate`; an edit by hand makes editors accept keys "
    "the loader refuses (or refuse keys it reads), and the next generate silently undoes it.",
    "run: playbook generate (to change what a schema allows, change its model in src/playbook/data/)",
    generated=True,
)
def schemas_generated(ctx: CheckContext, report: Reporter):
    from playbook.data.schema import schema_files

    cat = ctx.catalog
    for name, text in schema_files().items():
        path = cat.project.schema / name
        rel = cat.rel(path)
        if not path.is_file():
            yield report.at(rel, 1, 1, "missing: playbook generate writes it")
            continue
        have, want = report.lines(rel), text.split("\n")
        if have == want:
            continue
        n, message = first_edit(have, want)
        yield report.at(rel, n + 1, 1, message)


def first_edit(have: list[str], want: list[str]) -> tuple[int, str]:
    """(line index in `have`, in words) of the first edit that turns `want` into `have`, aligned by a diff of the
    lines with their trailing commas dropped: a JSON item added after the last one also adds a comma to the line
    before, which is not the line the editor wrote."""
    from difflib import SequenceMatcher

    def bare(lines: list[str]) -> list[str]:
        return [x.rstrip().removesuffix(",") for x in lines]

    def shown(j: int) -> str:
        return want[j].strip() if j < len(want) else "(the end of the file)"

    for tag, i1, _, j1, _ in SequenceMatcher(None, bare(have), bare(want), autojunk=False).get_opcodes():
        if tag == "delete":
            return i1, f"a line added by hand: playbook generate writes none here (its next line is {shown(j1)})"
        if tag == "insert":
            return i1, f"a line removed by hand: playbook generate writes here: {shown(j1)}"
        if tag == "replace":
            return i1, f"differs from what playbook generate writes here: {shown(j1)}"
    n = next((i for i, (a, b) in enumerate(zip(have, want, strict=False)) if a != b), min(len(have), len(want)))
    return n, f"differs from what playbook generate writes here: {shown(n)}"  # a comma alone moved


@rule(
    "FILE003",
    "error",
    "a file a command writes (the drill results) is as its command wrote it: every field matches its record's seal",
    "The drill results are the record of runs that happened: a date, an outcome or a time typed in claims a run "
    "that did not. Their writer seals each record with a short hash of each field, so an edit by hand shows at its "
    "line instead of being published on the drills page as a result.",
    "put the value back (git diff shows it), or run the command that writes the file",
)
def recorded_files(ctx: CheckContext, report: Reporter):
    from playbook.data.load import read_yaml

    cat = ctx.catalog
    for spec in registry.ALL:
        path = cat.project.data / spec.name
        if not spec.written_by or not path.is_file():
            continue
        rel = cat.file(spec)
        try:
            body, positions = read_yaml(path, rel)
        except DataError:
            continue  # unreadable: the drills page's load reports it, located
        for where, why in broken(body):
            line, col = locate(positions, where)
            message = f"{dotted(where) or 'the top level'} {why} (`{spec.written_by}` writes this file, not a hand)"
            hint = f"put the value back (git diff shows it), or run: {spec.written_by}"
            yield report.at(rel, line, col, message, hint)


# A ` #` on a line that holds a plain (unquoted) value: where YAML may end the value and start a comment.
_HASH = re.compile(r"\s#")


def cut_by_comment(text: str) -> list[tuple[int, int, str]]:
    """(line, column, the text YAML kept) of every plain value of words that a comment on its line cuts short: YAML
    reads ` #` in an unquoted value as the start of a comment, so "see issue #17" publishes "see issue"."""
    lines = text.splitlines()
    if not any(_HASH.search(t) and not t.lstrip().startswith("#") for t in lines):
        return []  # nearly every file: nothing to compose
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return []  # unusable YAML is the loader's finding
    out, todo = [], [root] if root is not None else []
    while todo:
        node = todo.pop()
        if isinstance(node, yaml.MappingNode):
            todo += [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            todo += node.value
        elif not node.style and node.tag.endswith(":str") and " " in node.value:
            end = node.end_mark
            rest = lines[end.line][end.column :] if end.line < len(lines) else ""
            if re.match(r"\s+#", rest):
                out.append((end.line + 1, end.column + len(rest) - len(rest.lstrip()) + 1, node.value))
    return sorted(out)


@rule(
    "FILE004",
    "error",
    "no unquoted text is cut short by a `#` YAML reads as a comment",
    "In an unquoted value, a space followed by `#` starts a YAML comment: `text: see issue #17` publishes "
    '"see issue", and the rest of the line is silently dropped from the page, the runner and the search index.',
    'quote the text (`text: "see issue #17"`), or write the number without the space before `#`',
)
def text_cut_by_comment(ctx: CheckContext, report: Reporter):
    for _, rel in _files(ctx):
        for line, col, kept in cut_by_comment("\n".join(report.lines(rel))):
            yield report.at(rel, line, col, f"YAML ends this text at the `#`: only {kept!r} is published")
