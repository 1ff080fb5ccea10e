"""DEST040: a command that writes never has its failure swallowed; a read that may fail (`|| true`) passes."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.swallowed import swallowed
from playbook.data.load import load_catalog
from playbook.site.checking import check

RB = "procedures/rollback.yaml"
COPY = 'if [[ -e "$f" ]]; then cp -p -- "$f" "$keep/"; fi'


@pytest.mark.parametrize(
    "tail",
    [
        ' || echo "could not copy $f, going on" >&2',  # set 26's M26
        " || true",
        " || :",
        " || printf 'skipped %s\\n' \"$f\"",
    ],
)
def test_a_copy_whose_failure_is_swallowed_is_an_error_at_its_line(data_copy, catalog, tail):
    assert check(catalog, ["DEST040"]) == []  # the real data passes
    edit(data_copy / RB, 'cp -p -- "$f" "$keep/";', f'cp -p -- "$f" "$keep/"{tail};')
    found = check(load_catalog(data_copy), ["DEST040"])
    want = [("DEST040", f"data/{RB}", line_of(data_copy / RB, COPY.replace('/";', f'/"{tail};')))]
    assert [(p.rule, p.file, p.line) for p in found] == want, [p.format() for p in found]


@pytest.mark.parametrize(
    "code",
    [
        'check=$(sqlite3 -readonly "$DB" "PRAGMA integrity_check;" 2>&1) || true',  # a read that may fail
        'cp a b || { echo "could not copy" >&2; exit 1; }',  # the failure said, and the block still fails
        "cp a b && echo copied",
        "cp a b || cp a c",  # another attempt, which fails in its turn
    ],
)
def test_a_read_or_a_failure_that_still_fails_is_no_swallow(code):
    spans = swallowed(code)
    if "|| true" in code:
        assert spans  # the parse sees the swallow; the command in it is read-only (the rule judges that)
    else:
        assert spans == []


def test_the_rule_reads_the_parse_not_the_text():
    """A `||` inside a quoted string or a comment is no list of commands."""
    assert swallowed("echo 'a || true'  # cp a b || true") == []
    assert swallowed("cp a b || true") == [(1, 0, 1, 6)]
