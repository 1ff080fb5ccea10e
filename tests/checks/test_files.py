"""FILE001-003: each data file names its schema; the generated schemas and the recorded drill results are not
edited by hand. Each fault is found at the line the editor changed, and the real data passes."""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import pytest

from conftest import DATA_DIR
from playbook.checks.engine import run_checks
from playbook.checks.files import cut_by_comment
from playbook.data.load import load_catalog
from playbook.data.seal import broken, sealed

RULES = ["FILE001", "FILE002", "FILE003"]
SCHEMA = "# yaml-language-server: $schema="


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> tuple[Path, object]:
    """One copy of data/ and its catalog, shared: each test edits one file and puts it back."""
    data = tmp_path_factory.mktemp("files") / "data"
    shutil.copytree(DATA_DIR, data)
    return data, load_catalog(data)


def _found(copy, file: str, old: str, new: str, marker: str) -> tuple[set, int]:
    """Findings (file, line, rule) after replacing `old` by `new` in `file`, and the line `marker` is on."""
    data, cat = copy
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    changed = text.replace(old, new, 1)
    path.write_text(changed, encoding="utf-8")
    try:
        cat.memo.clear()  # the rules read the files as they are now
        found = {(p.file, p.line, p.rule) for p in run_checks(cat, RULES)}
    finally:
        path.write_text(text, encoding="utf-8")
        cat.memo.clear()
    lines = [n for n, x in enumerate(changed.split("\n"), 1) if marker in x]
    return found, lines[0]


def test_the_real_data_passes(catalog):
    assert run_checks(catalog, RULES) == []


# (rule, file, old, new, marker): the marker's line is where the finding must be.
# the date the drills were last recorded (`playbook drill --all --record` writes today's), and a week after it
_RECORDED = re.search(r"^date: '([0-9-]+)'", (DATA_DIR / "drill_results.yaml").read_text(encoding="utf-8"), re.M)[1]
_LATER = (datetime.date.fromisoformat(_RECORDED) + datetime.timedelta(days=7)).isoformat()

FAULTS = [
    # set 8 M56: a scenario naming the procedure schema (copied from a procedure)
    (
        "FILE001",
        "scenarios/write-operations-failing.yaml",
        f"{SCHEMA}../schema/scenario.schema.json",
        f"{SCHEMA}../schema/procedure.schema.json",
        "procedure.schema.json",
    ),
    # the right schema at a path that leads nowhere from this folder (as from the top of data/)
    ("FILE001", "procedures/disable-ai.yaml", "$schema=../schema/", "$schema=schema/", "yaml-language-server"),
    # no schema line at all: line 1
    ("FILE001", "oncall.yaml", f"{SCHEMA}schema/oncall.schema.json\n", "", "# "),
    # the schema line moved under the file's first comment line: found where it is now
    (
        "FILE001",
        "contacts.yaml",
        f"{SCHEMA}schema/contacts.schema.json\n",
        f"# Roles and teams.\n{SCHEMA}schema/contacts.schema.json\n",
        "yaml-language-server",
    ),
    # a top-level file naming another file's schema
    ("FILE001", "matrix.yaml", "schema/matrix.schema.json", "schema/contacts.schema.json", "contacts.schema"),
    # a generated JSON Schema edited by hand: its first differing line
    ("FILE002", "schema/severities.schema.json", '"additionalProperties": false', '"additionalProperties": 1', ": 1"),
    # a value added by hand after an enum's last one (which gains a comma): at the added line, not the comma's
    (
        "FILE002",
        "schema/severities.schema.json",
        '            "is"\n          ],',
        '            "is",\n            "between"\n          ],',
        '"between"',
    ),
    # a line removed by hand: at the line that now stands where it was
    ("FILE002", "schema/severities.schema.json", '            "is"\n          ],', "          ],", None),
    # set 8 M58: the drills' date typed in (a week after the recorded one, whichever day the drills were recorded)
    ("FILE003", "drill_results.yaml", f"date: '{_RECORDED}'", f"date: '{_LATER}'", f"date: '{_LATER}'"),
    # an outcome of a step, inside a record
    ("FILE003", "drill_results.yaml", "    outcome: manual\n", "    outcome: passed\n", None),
    # an alert's time, and the alert drills' time factor
    ("FILE003", "alert_drill_results.yaml", "    required: true\n", "    required: false\n", None),
    ("FILE003", "alert_drill_results.yaml", "time_factor: 60.0", "time_factor: 120.0", "time_factor: 120.0"),
]


@pytest.mark.parametrize(("rule", "file", "old", "new", "marker"), FAULTS, ids=[f"{f[0]}-{f[1]}" for f in FAULTS])
def test_a_file_fault_is_found_at_its_line(copy, rule, file, old, new, marker):
    if marker is None:  # the line the (first) replaced text starts on
        text = (copy[0] / file).read_text(encoding="utf-8")
        line = text[: text.index(old)].count("\n") + 1
        found, _ = _found(copy, file, old, new, "")
    else:
        found, line = _found(copy, file, old, new, marker)
    assert (f"data/{file}", line, rule) in found, found


def test_a_record_without_its_seal_is_found_at_the_record(copy):
    """A seal's key renamed: the record has no seal, found at its first line (and the unknown key is LOAD003's)."""
    data, _ = copy
    text = (data / "drill_results.yaml").read_text(encoding="utf-8")
    lines = text.split("\n")
    first_seal = next(n for n, x in enumerate(lines) if x.startswith("  seal: "))
    record = max(n for n in range(first_seal) if lines[n].startswith("- "))
    found, _ = _found(copy, "drill_results.yaml", "\n  seal: ", "\n  old_seal: ", "old_seal")
    assert ("data/drill_results.yaml", record + 1, "FILE003") in found, found


def test_sealed_finds_the_field_changed_and_nothing_else():
    body = {"date": "2026-01-02", "runs": [{"id": "a", "passed": True}, {"id": "b", "passed": False}]}
    written = sealed(body)
    assert broken(written) == []
    written["runs"][1]["passed"] = True
    assert broken(written) == [(("runs", 1, "passed"), "differs from what its writer recorded")]
    written["runs"][1]["passed"] = False
    written["date"] = "2026-01-03"
    assert broken(written) == [(("date",), "differs from what its writer recorded")]


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("a:\n  text: see issue #17\n", [(2, 19, "see issue")]),
        ("text: one two\n  three # four\n", [(2, 9, "one two three")]),  # a value over two lines: at its end
        ('text: "see issue #17"\n', []),  # quoted: the # is text
        ("text: |\n  see issue #17\n", []),  # a block scalar: the # is text
        ("after: 15m # a value, not words\n", []),
        ("text: issue#17 is open\n", []),  # no space before the #: text
        ("# a comment line\ntext: plain words\n", []),
        ("text: [unclosed # x\n", []),  # unusable YAML is the loader's finding
    ],
)
def test_text_cut_by_a_comment_is_found_where_the_comment_starts(text, cut):
    assert cut_by_comment(text) == cut
