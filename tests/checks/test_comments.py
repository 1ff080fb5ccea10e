"""Secrets and personal data in comments: every YAML comment of the data is read like a value (SEC005, SEC006,
SEC010), a shell comment of a block like a sentence, and a .netrc entry anywhere; each found at its line."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.checks.secret_words import netrc_passwords
from playbook.data.comments import comments
from playbook.data.load import load_catalog
from playbook.site.checking import check

PHONE_RULE = "# Never put a personal phone number in this repository: use the paging tool.\n"
FAULTS = [
    # a shared login's password beside its address, in a YAML comment of its own
    ("SEC006", "contacts.yaml", PHONE_RULE, PHONE_RULE + "# Pager admin until SSO: ops@dramal.com / Tarn-Hollow-48\n",
     "Tarn-Hollow-48"),
    # a labelled secret in a comment at the end of a value's line
    ("SEC006", "oncall.yaml", "  - {id: on-call, name:", "  - {id: on-call, name:", "bridge passcode: 4471-Quay"),
    # a .netrc entry in a YAML comment, over two lines
    ("SEC006", "contacts.yaml", PHONE_RULE, PHONE_RULE + "# machine pager.dramal.com\n#   login ops password Wren-73\n",
     "password Wren-73"),
    # a .netrc entry quoted in a shell comment of a block: code is read for it
    ("SEC006", "procedures/rollback.yaml", "# Check recent code changes",
     "# Check recent code changes (~/.netrc: machine git.dramal.com login ci password Fenland-Q2)",
     "Fenland-Q2"),
    # a login with its password in a shell comment of a block
    ("SEC006", "procedures/rollback.yaml", "# Check recent code changes",
     "# Check recent code changes (mirror login: deploy@dramal.com / Quarry-Lane-7)", "Quarry-Lane-7"),
    # a generated token and a card number in YAML comments
    ("SEC005", "contacts.yaml", PHONE_RULE, PHONE_RULE + "# paging integration key: Rk7Qz2Lm9Xw4Tb8Nc3Vp\n",
     "Rk7Qz2Lm9Xw4Tb8Nc3Vp"),
    ("SEC010", "contacts.yaml", PHONE_RULE, PHONE_RULE + "# the pager is billed to 4539 1488 0343 6467\n",
     "4539 1488 0343 6467"),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "file", "old", "new", "marker"), FAULTS, ids=[f"{f[0]}-{f[4]}" for f in FAULTS])
def test_a_secret_in_a_comment_is_found_at_its_line(data_copy, catalog, rule, file, old, new, marker):
    assert check(catalog, [rule]) == []  # the real data passes
    if old == new:  # a comment after a value, on the value's own line
        text = (data_copy / file).read_text(encoding="utf-8").split("\n")
        k = next(i for i, t in enumerate(text) if t.startswith(old))
        text[k] += f"  # {marker}"
        (data_copy / file).write_text("\n".join(text), encoding="utf-8")
    else:
        edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), [rule])
    lines = {n for n, t in enumerate((data_copy / file).read_text(encoding="utf-8").splitlines(), 1) if marker in t}
    assert len(lines) == 1 and [(p.file, p.line) for p in found] == [(f"data/{file}", *lines)], [
        p.format() for p in found
    ]


def test_comments_are_what_the_yaml_scanner_leaves_out():
    text = 'a: "x # y"\nb: |\n  # text of a block\n  z\nc: [1, 2] # after a value\n# a line\nd: e#f\n'
    assert comments(text) == [(5, 11, " after a value"), (6, 1, " a line")]


def test_a_text_yaml_refuses_gives_the_comments_before_it_and_no_traceback():
    assert comments("# first\na: [\n") == [(1, 1, " first")]
    assert comments("") == []


@pytest.mark.parametrize(
    "text",
    [
        "machine git.dramal.com login ci password $NETRC_PASSWORD",
        "machine api.example.com login bot password <password>",
        "the machine learning password reset flow",
        "machine git.dramal.com login ci",
    ],
)
def test_near_misses_of_a_netrc_entry_pass(text):
    assert netrc_passwords(text) == []


def test_comments_that_name_where_a_secret_lives_pass(data_copy):
    edit(data_copy / "contacts.yaml", PHONE_RULE, PHONE_RULE + "# The paging tool's admin password is in the vault "
         "(entry: Pager admin); rotate it with: machine pager login ops password $PAGER_PASSWORD\n")  # fmt: skip
    assert check(load_catalog(data_copy), ["SEC005", "SEC006", "SEC010"]) == []
