"""REF024: a command given a placeholder's bare name (`--arg user "USER_ID"`) gets the word, not the value: an error
at that word's line; REF010 (declared, never read) stays quiet then, the command being the line to change."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.bare_names import bare
from playbook.data.load import load_catalog
from playbook.site.checking import check

LOGS = "procedures/log-access.yaml"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('--arg user "$USER_ID"', '--arg user "USER_ID"'),  # read elsewhere too: REF010 has nothing to say
        ('--arg id "$REQUEST_ID"', "--arg id REQUEST_ID"),
        ('jq -c --arg since "$SINCE"', "jq -c --arg since 'SINCE'"),  # its one reader: REF010 would fire too
    ],
)
def test_a_bare_placeholder_name_is_found_at_its_line(data_copy, old, new):
    edit(data_copy / LOGS, old, new)
    found = check(load_catalog(data_copy), ["REF024", "REF010"])
    assert [(p.rule, p.file, p.line) for p in found] == [("REF024", f"data/{LOGS}", line_of(data_copy / LOGS, new))]


def test_names_given_as_variable_names_pass():
    code = (
        "read -r SINCE\nexport SINCE\njq --arg SINCE \"$SINCE\" -n '$SINCE'\n[[ -v SINCE ]] && test -v SINCE\n"
        'printf -v SINCE "%s" x\nunset SINCE\necho "SINCE=$SINCE" "$SINCE" since SINCE_2\n'
    )
    assert bare(code, {"SINCE"}) == []


def test_bare_words_are_found_where_they_stand():
    code = 'jq -c --arg since "SINCE" . "$LOG_FILE"\ngrep -c USER_ID \\\n  "$LOG_FILE"\n'
    assert bare(code, {"SINCE", "USER_ID"}) == [(1, 19, "SINCE"), (2, 9, "USER_ID")]  # at its opening quote


def test_the_real_data_passes(catalog):
    assert check(catalog, ["REF024", "REF010"]) == []
