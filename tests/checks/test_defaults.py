"""REF023: a placeholder's default is the value itself, never something only an unquoted shell word expands (a
leading tilde, a variable, a command, a wildcard). At the default's line; the real data and the near misses pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.defaults import expanded
from playbook.data.load import load_catalog
from playbook.site.checking import check

# (old, new, marker: the finding's line holds it), all in meta.yaml
FAULTS = [
    ("default: prisma/dev.db\n", "default: $HOME/clinical-os/prisma/dev.db\n", "$HOME/clinical-os"),
    ("default: prisma/dev.db\n", "default: ~/clinical-os/prisma/dev.db\n", "~/clinical-os"),
    ("default: prisma/dev.db.backup", "default: prisma/*.backup", "prisma/*.backup"),
    ("default: dramal/clinical-os", "default: $(vercel whoami)/clinical-os", "vercel whoami"),
]

NEAR_MISSES = [
    ("default: prisma/dev.db\n", "default: prisma/dev~1.db\n"),  # a tilde inside a name is a character
    ("default: https://app.dramal.com", "default: https://app.dramal.com/~ops/?q=*"),  # a URL's own characters
]


@pytest.mark.parametrize(("old", "new", "marker"), FAULTS)
def test_a_default_the_shell_would_expand_is_found_at_its_line(data_copy, old, new, marker):
    meta = data_copy / "meta.yaml"
    edit(meta, old, new)
    found = [p for p in check(load_catalog(data_copy), ["REF023"]) if p.level == "error"]
    assert [(p.file, p.line) for p in found] == [("data/meta.yaml", line_of(meta, marker))], [p.format() for p in found]


@pytest.mark.parametrize(("old", "new"), NEAR_MISSES)
def test_a_default_that_expands_nothing_passes(data_copy, old, new):
    edit(data_copy / "meta.yaml", old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["REF023"])] == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["REF023"]) == []


def test_what_is_expanded():
    assert expanded("~/x.json") == ("~", "a tilde, the home folder")
    assert expanded("${APP}/x")[0] == "${APP}"
    assert expanded("`pwd`/x")[0] == "`pwd`"
    assert expanded("user_456") is None
