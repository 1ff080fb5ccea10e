"""Checker rule on a line break in a value of a field the data writes on one line everywhere else (FILE021)."""

from __future__ import annotations

from collections import defaultdict

import yaml

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.files import _files

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def keyed_texts(text: str) -> list[tuple[str, yaml.ScalarNode]]:
    """(key, value node) of every text value of a mapping in the YAML `text` (none when it does not parse)."""
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError:
        return []  # unusable YAML is the loader's finding
    out, todo = [], [root] if root is not None else []
    while todo:
        node = todo.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode):
                    if value.tag.endswith(":str"):
                        out.append((key.value, value))
                else:
                    todo.append(value)
        elif isinstance(node, yaml.SequenceNode):
            todo += node.value
    return out


def first_text_line(lines: list[str], node: yaml.ScalarNode) -> tuple[int, int]:
    """(line, column) where the text of `node` starts: below its `|` or `>` for a block scalar."""
    line = node.start_mark.line + 1
    if node.style in ("|", ">"):
        line += 1
        while line <= len(lines) and not lines[line - 1].strip():
            line += 1
        text = lines[line - 1] if line <= len(lines) else ""
        return line, len(text) - len(text.lstrip()) + 1
    return line, node.start_mark.column + 1


@rule(
    "FILE021",
    "error",
    "no one-line value ends in a line break where no other value of its field holds one (a title written as `|`)",
    "A block scalar (`title: |`) written to avoid quoting a colon keeps its final line break: the title becomes "
    '"Option 1: Environment variable\\n", and the heading, its anchor, the search entry and the runner\'s option '
    "name carry it. A field that the data writes on one line in every other place (a title, a name, a default) "
    "is one line: a line break there is a block scalar's, not the editor's.",
    'quote the value (`title: "Option 1: …"`) or use `|-`, on one line',
)
def one_line_fields(ctx: CheckContext, report: Reporter):
    broken: dict[str, int] = defaultdict(int)  # key: how many values hold a line break
    seen: dict[str, int] = defaultdict(int)
    found = []
    for _, rel in _files(ctx):
        lines = report.lines(rel)
        for key, node in keyed_texts("\n".join(lines)):
            seen[key] += 1
            if "\n" in node.value:
                broken[key] += 1
                if "\n" not in node.value.strip("\n"):  # one line, and the breaks a block scalar keeps
                    found.append((rel, lines, key, node))
    for rel, lines, key, node in found:
        if broken[key] == 1 and seen[key] >= 3:  # every other value of the field (two at least) is one line
            line, col = first_text_line(lines, node)
            how = "a block scalar keeps its final line break" if node.style in ("|", ">") else "it ends in a line break"
            message = f"{key} {node.value.strip()!r} ends in a line break ({how}); no other {key} of the data holds one"
            yield report.at(rel, line, col, message)
