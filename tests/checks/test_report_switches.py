"""TOOL025: an option that switches what a command reports (df -i lists inodes, not space; stat -f the file system,
not the file) is named by the step that runs it: an error at the option's line. The default report, or a step that
says what the option reports, passes."""

from __future__ import annotations

import shutil

import pytest

from conftest import edit, line_of
from playbook.checks.report_switches import switches, used
from playbook.data.load import load_catalog
from playbook.site.checking import check

DB_DOWN = "scenarios/database-down.yaml"
SPACE = "code: df -h"
PERMISSIONS = 'code: ls -la "$DB_PATH"'

pytestmark = pytest.mark.skipif(not (shutil.which("df") and shutil.which("stat")), reason="needs coreutils")


@pytest.mark.parametrize(
    ("old", "new", "option"),
    [
        (SPACE, 'code: df --inodes "$(dirname "$DB_PATH")"', "--inodes"),  # the long option, on the data's folder
        (SPACE, "code: df -hi", "-hi"),  # among other short options
        (PERMISSIONS, 'code: stat -f "$DB_PATH"', "-f"),  # the file system's status, not the file's permissions
    ],
)
def test_a_switched_report_is_found_at_its_line(data_copy, old, new, option):
    edit(data_copy / DB_DOWN, old, new)
    found = check(load_catalog(data_copy), ["TOOL025"])
    assert [(p.file, p.line) for p in found] == [(f"data/{DB_DOWN}", line_of(data_copy / DB_DOWN, new))], found
    assert option in found[0].message


@pytest.mark.parametrize(
    "edits",
    [
        [(SPACE, "code: df -hT")],  # the type column: still block usage
        # the step's text says what the option reports
        [(SPACE, "code: df -i"), ("text: If disk is full →", "text: If disk or its inodes are full →")],
        # a comment of the block says it
        [(SPACE, "code: |-\n          df -h\n          # no free inodes fails writes too\n          df -i")],
    ],
)
def test_a_named_or_default_report_passes(data_copy, edits):
    for old, new in edits:
        edit(data_copy / DB_DOWN, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["TOOL025"])] == []


def test_which_options_switch_the_report():
    assert switches("df")["-i"][1:] == ("inode", ("inode",))
    assert "--inodes" in switches("du") and "--time" not in switches("du")  # --time takes a value: a column's form
    assert switches("ls") == {}  # -x: entries by lines, a layout, not another report
    assert switches("rm") == {}  # not a reporting program: its --help is never run
    options = switches("df")
    assert list(used(["df", "-h", "-i"], options)) == [(2, "-i")]
    assert list(used(["df", "--inode"], options)) == [(1, "--inodes")]
    assert list(used(["df", "--", "-i"], options)) == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["TOOL025"]) == []
