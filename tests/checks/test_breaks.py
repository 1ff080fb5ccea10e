"""FILE014: a line end other than LF (CR LF pasted from Windows, a CR alone, NEL, U+2028 typed into a file); FILE015:
unquoted text that YAML folds over a second line (a list item that lost its dash). Each at its line; the real data
and the near misses pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.breaks import hidden_dashes, other_breaks
from playbook.data.load import load_catalog
from playbook.site.checking import check

LEGAL = "  - {id: legal-team, name: Legal Team, lead: TBD, channel: TBD}\n"
NOTE = "note: The public status page is planned (future); the message below"

WOF = "scenarios/write-operations-failing.yaml"

# (rule, file, old, new, marker: the finding's line holds it)
FAULTS = [
    ("FILE014", "contacts.yaml", LEGAL, LEGAL.replace("\n", "\r\n"), "legal-team"),  # set 13 M49 (spent)
    ("FILE014", "incident.yaml", "Investigating\n", "Investigating\r\n", "status: Investigating"),
    ("FILE014", "scenarios/database-down.yaml", "\n", "\r\n", "yaml-language-server"),  # only the first line
    ("FILE015", "incident.yaml", "  - Multiple users report", "    Multiple users report", "Multiple users"),  # M60
    ("FILE015", "incident.yaml", NOTE, NOTE.replace("; the message", ";\n    the message"), "    the message below"),
    ("FILE015", WOF, "  - title: If validation", "  # - title: If validation", "# - title: If validation"),  # dev-4 M52
    ("FILE015", WOF, "  - title: If validation", "#   - title: If validation", "#   - title"),
]


@pytest.mark.parametrize(("rule", "file", "old", "new", "marker"), FAULTS)
def test_a_fault_is_found_at_its_line(data_copy, rule, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = [p for p in check(load_catalog(data_copy), [rule]) if p.level == "error"]
    assert [(p.file, p.line) for p in found] == [(f"data/{file}", line_of(data_copy / file, marker))], [
        p.format() for p in found
    ]


def test_a_file_saved_with_windows_line_ends_is_found_at_every_line(data_copy):
    """Whichever line the editor looks at is wrong (the last one too); line 1 says that one save fixes them all."""
    path = data_copy / "oncall.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    lines = len(path.read_bytes().split(b"\r\n")) - 1
    found = check(load_catalog(data_copy), ["FILE014"])
    assert [(p.file, p.line, p.level) for p in found] == [("data/oncall.yaml", n, "error") for n in range(1, lines + 1)]
    assert "every line" in found[0].message and all("as every line of the file" in p.message for p in found[1:])


def test_a_line_separator_typed_into_a_file_is_found_at_its_line(data_copy):
    path = data_copy / "incident.yaml"
    edit(path, "motto: Incidents are inevitable. Chaos is optional.", 'motto: "Incidents are inevitable.\u2028Chaos"')
    line = next(n for n, t in enumerate(path.read_text(encoding="utf-8").split("\n")) if "\u2028" in t)
    found = check(load_catalog(data_copy), ["FILE014"])
    assert [(p.file, p.line) for p in found] == [("data/incident.yaml", line + 1)], [p.format() for p in found]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("a\nb\n", []),
        ("a\r\nb\r\n", [(1, 2, "every line"), (2, 2, "as every line")]),
        ("a\u2028b\u2028c\nd\r\n", [(1, 2, "U+2028"), (1, 4, "U+2028"), (2, 2, "CR LF")]),  # no line end to an editor
        ("a\nb\r\nc\n", [(2, 2, "CR LF")]),
        ("a\nb\rc\nd\n", [(2, 2, "CR")]),  # a CR alone is a line break to YAML: d is on line 4
        ("a\nb\rc\nd\r\n", [(2, 2, "CR"), (4, 2, "CR LF")]),
        ("caf\u00e9\n\u2029x\n", [(2, 1, "U+2029")]),
        ("x\x85y\n", [(1, 2, "U+0085")]),
    ],
)
def test_where_the_other_line_ends_are(text, want):
    found = other_breaks(text)
    assert [(line, col) for line, col, _ in found] == [(line, col) for line, col, _ in want]
    assert all(w in what for (_, _, what), (_, _, w) in zip(found, want, strict=True))


NEAR_MISSES = [
    (
        "incident.yaml",
        "planned (future); the message below is the wording to use.",
        'planned (future);\n    the message below is the wording to use."',
    ),
    ("incident.yaml", "  - Multiple users report same issue\n", "  - >-\n    Multiple users report\n    same issue\n"),
]


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES)
def test_a_block_scalar_or_quoted_text_over_lines_passes(data_copy, file, old, new):
    if new.endswith('"'):
        edit(data_copy / file, "note: The public", 'note: "The public')
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["FILE014", "FILE015"])] == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["FILE014", "FILE015"]) == []


def test_a_last_line_saved_without_its_line_feed_is_found_at_it(data_copy):
    """The editor's save without a final newline: the last line, whatever it holds, is the one to end."""
    path = data_copy / "contacts.yaml"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n"), encoding="utf-8")
    last = path.read_text(encoding="utf-8").split("\n")
    found = check(load_catalog(data_copy), ["FILE014"])
    assert [(p.file, p.line, p.col) for p in found] == [("data/contacts.yaml", len(last), len(last[-1]) + 1)]
    assert "no line feed" in found[0].message


def test_a_last_line_ending_in_cr_alone_is_one_finding(data_copy):
    path = data_copy / "contacts.yaml"
    path.write_bytes(path.read_bytes().rstrip(b"\n") + b"\r")
    assert [p.rule for p in check(load_catalog(data_copy), ["FILE014"])] == ["FILE014"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("steps:\n  - title: a\n    text: x\n  # - title: b\n    text: y\n", [(4, 3)]),
        ("steps:\n  - title: a\n  # - title: b\n  #   text: y\n\n    text: y\n", [(3, 3)]),  # past comments
        ("steps:\n  - title: a\n  # - title: b\n  #   text: y\n  - title: c\n", []),  # the whole item hidden
        ("steps:\n  - title: a\n    # - title: b (the old one)\n    text: y\n", []),  # a note inside the item
        ("steps:\n  - title: a\n  # - see the next step: it\n  - title: c\n", []),
    ],
)
def test_which_comments_hide_a_dash_line(text, want):
    assert hidden_dashes(text.split("\n")) == want
