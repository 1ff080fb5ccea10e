"""CAT015: a value a shell block gives a yes/no feature flag is "true" or "false" as its default writes them; any
other spelling (TRUE, off, 0) is an error at its line, the exact string named when only the case differs."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.flag_values import given, printed
from playbook.data.load import load_catalog
from playbook.site.checking import check

AI = "procedures/disable-ai.yaml"
ENABLE = "printf 'true' | vercel env add"
DISABLE = "printf 'false' | vercel env add"


@pytest.mark.parametrize(
    ("old", "new", "hint"),
    [
        (ENABLE, "echo TRUE | vercel env add", "write 'true'"),  # Re-enable AI
        (DISABLE, "printf '%s' off | vercel env add", ""),  # Disable AI: no spelling of false
    ],
)
def test_a_value_the_flag_does_not_take_is_found_at_its_line(data_copy, old, new, hint):
    edit(data_copy / AI, old, new)
    found = check(load_catalog(data_copy), ["CAT015"])
    assert [(p.file, p.line) for p in found] == [(f"data/{AI}", line_of(data_copy / AI, new))], found
    assert "none of its values ('true', 'false')" in found[0].message and hint in found[0].hint


@pytest.mark.parametrize("new", ["printf 'false\\n' | vercel env add", 'echo -n "false" | vercel env add'])
def test_the_values_it_takes_pass(data_copy, new):
    edit(data_copy / AI, DISABLE, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["CAT015"])] == []


def test_values_given_in_shell():
    code = 'FLAG=off npm start\nvercel deploy --env FLAG="$WANTED"\nprintf "%s" no | tool add FLAG\n'
    assert given(code, "FLAG") == [(1, 1, "off"), (3, 13, "no")]
    assert printed(["printf", "-v", "x", "y"]) is None and printed(["echo", "-n", "a", "b"]) == "a b"


def test_the_real_data_passes(catalog):
    assert check(catalog, ["CAT015"]) == []
