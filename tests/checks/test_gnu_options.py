"""TOOL031: an option a GNU tool's --help does not list is found at its line; clusters, option values, numbers,
long prefixes and the real data pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.gnu_options import one_line, unknown_options
from playbook.data.load import load_catalog
from playbook.runbooks.destructive import runs
from playbook.site.checking import check

DB = "scenarios/database-down.yaml"
AUTH = "scenarios/auth-failure-spike.yaml"
BY_IP = "| sort | uniq -c | sort -rn"

FAULTS = [
    (DB, "code: df -h", "code: df -j", "df -j"),  # the sweep's silent typo: h typed as its neighbour j
    (AUTH, BY_IP, "| sort | uniq -c | sort --reverse --numric-sort", "--numric-sort"),
    (DB, 'ls -la "$DB_PATH"', 'ls -lz "$DB_PATH"', "ls -lz"),
]

NEAR_MISSES = [
    (AUTH, BY_IP, "| sort | uniq -c | sort -k1,1nr"),  # -k's value glued
    (AUTH, BY_IP, "| sort | uniq -c | sort -t ' ' -k 1 -n | head -20"),  # values apart; head's -NUM
    (AUTH, BY_IP, "| sort | uniq -c | sort --num -r"),  # a unique prefix of --numeric-sort
    (AUTH, BY_IP, "| sort | uniq -c | sort -nr | head --silent -n 5"),  # the second long name of a help line
]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS)
def test_an_unknown_option_is_found_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = [(p.file, p.line, p.rule) for p in check(load_catalog(data_copy), ["TOOL031"])]
    assert found == [(f"data/{file}", line_of(data_copy / file, marker), "TOOL031")], found


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES)
def test_a_near_miss_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["TOOL031"])] == []


def test_options_past_the_end_of_options_are_operands():
    assert list(unknown_options("rm", ["rm", "-f", "--", "-j"])) == []
    assert list(unknown_options("rm", ["rm", "-j"])) == [(1, "-j")]


def test_the_real_data_passes(catalog):
    assert check(catalog, ["TOOL031"]) == []


def test_lines_the_grammar_runs_into_one_command_are_read_one_by_one():
    # tree-sitter-bash, with a here-document later in the block, runs a pipeline's last command and the lines after
    # it into one command (`head -1 curl -s …`): the next line's `-s` is curl's, not head's
    code = 'cat "$L" | grep -c error | head -1\ncurl -s "$B"\ncat <<\'EOF\'\nrm -f x\nEOF'
    heads = [(words, argv) for _node, words, argv in runs(code) if argv[0] == "head"]
    assert [argv[: one_line(code, words)] for words, argv in heads] == [["head", "-1"]]
    code = "sort -n \\\n  -r x"  # a backslash continues the line: its words are the command's
    assert [one_line(code, words) for _node, words, _argv in runs(code)] == [4]
