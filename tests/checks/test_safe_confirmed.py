"""DEST009: a `safe:` reason is confirmed for the exact commands it excuses. An edit of a line of an excused command
(`mkdir -p` where the reason says "mkdir refuses one that exists", a request body that asks to save where the shared
reason says "never saved") is an error at that line until the reason is reread and the line's new fingerprint written
in its `confirmed:`; a fingerprint no line has any more is stale; an edit of a read-only line needs nothing."""

from __future__ import annotations

import re

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.runbooks.destructive import excused_lines
from playbook.site.checking import check

RB, AI = "procedures/rollback.yaml", "scenarios/ai-service-down.yaml"
MKDIR, SAVE = 'mkdir -- "$keep"', """-d '{"sessionId":"123"}' | jq"""


def _found(data):
    return check(load_catalog(data), ["DEST009"])


def test_the_real_data_is_confirmed(catalog):
    assert check(catalog, ["DEST009"]) == []


def test_an_edited_excused_command_is_an_error_at_its_line(data_copy):
    edit(data_copy / RB, MKDIR, 'mkdir -p -- "$keep"')  # its own safe: (set 13's M33)
    edit(data_copy / AI, SAVE, """-d '{"sessionId":"123","save":true}' | jq""")  # a shared reason's (M30)
    found = _found(data_copy)
    where = {(p.file, p.line) for p in found}
    assert where == {
        (f"data/{RB}", line_of(data_copy / RB, 'mkdir -p -- "$keep"')),
        (f"data/{AI}", line_of(data_copy / AI, '"save":true')),
    }, [p.format() for p in found]
    assert all("was not confirmed" in p.message for p in found)


def test_writing_the_new_fingerprint_confirms_it_and_the_old_one_is_stale(data_copy):
    edit(data_copy / RB, MKDIR, 'mkdir -p -- "$keep"')
    (problem,) = _found(data_copy)
    new = re.search(r"\(([0-9a-f]{6})\)", problem.message).group(1)
    old = excused_lines('keep=x\nmkdir -- "$keep"\n')[0][2]
    assert old in (data_copy / RB).read_text(encoding="utf-8")
    edit(data_copy / RB, f'confirmed: ["{old}"', f'confirmed: ["{old}", "{new}"')  # added, the old one kept
    (stale,) = _found(data_copy)
    assert stale.line == line_of(data_copy / RB, f'"{new}"') and "no line of its blocks has" in stale.message
    edit(data_copy / RB, f'"{old}", ', "")  # replaced: confirmed
    assert _found(data_copy) == []


def test_a_read_only_line_needs_no_confirmation(data_copy):
    edit(data_copy / RB, 'ls -la "$keep"', 'ls -l "$keep"')
    assert _found(data_copy) == []


def test_each_line_of_a_continued_command_has_its_own_fingerprint():
    code = 'curl -s -X POST "$U" \\\n  -H "A: b" \\\n  -d \'{"a":1}\' | jq .x\n'
    lines = excused_lines(code)
    assert [n for n, _, _ in lines] == [1, 2, 3]
    edited = excused_lines(code.replace('{"a":1}', '{"a":2}'))
    assert [fp for _, _, fp in lines][:2] == [fp for _, _, fp in edited][:2] and lines[2][2] != edited[2][2]
    assert excused_lines("ls -la /tmp | grep x") == []  # a read-only block excuses nothing


def test_a_fingerprint_copied_with_a_typo_is_an_error_at_the_fingerprint(data_copy):
    edit(data_copy / "catalog.yaml", 'confirmed: ["370146",', 'confirmed: ["370164",')  # two swapped (set 16's M71)
    edit(data_copy / RB, '"938c61"', '"938c62"')  # one digit changed, in a block's own safe:
    found = _found(data_copy)
    where = {(p.file, p.line) for p in found}
    assert where == {
        ("data/catalog.yaml", line_of(data_copy / "catalog.yaml", '"370164"')),
        (f"data/{RB}", line_of(data_copy / RB, '"938c62"')),
    }, [p.format() for p in found]
    assert all("one typo from it" in p.message for p in found)
    assert any('write "370146" in place of "370164"' in p.hint for p in found)


def test_a_reordered_list_is_fine_and_an_unrelated_fingerprint_is_the_command_s(data_copy):
    edit(data_copy / "catalog.yaml", '["370146", "e86a10",', '["e86a10", "370146",')
    assert _found(data_copy) == []
    edit(data_copy / RB, '"938c61"', '"a38c6f"')  # no typo of it: the line is unconfirmed, as an edited command is
    (problem,) = _found(data_copy)
    assert problem.file == f"data/{RB}" and "was not confirmed" in problem.message
