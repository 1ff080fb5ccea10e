"""SEC026: a path of the data (a placeholder's default, a command's word) under a folder the web app serves (public/,
static/) is an error at its line; the real data and the near misses pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.served_paths import served
from playbook.data.load import load_catalog
from playbook.site.checking import check

RB = "procedures/rollback.yaml"

# (file, old, new, marker: the finding's line holds it)
FAULTS = [
    # set 19 M16's kind: the backup's default moved under a served folder
    ("meta.yaml", "default: prisma/dev.db.backup", "default: ./static/db/dev.db.backup", "static/db/dev.db.backup"),
    ("meta.yaml", "default: prisma/dev.db\n", "default: public/dev.db\n", "default: public/dev.db"),
    # the kept copy of the corrupt database written under public/
    (RB, 'cp -p -- "$f" "$keep/"', 'cp -p -- "$f" public/kept/', "public/kept/"),
]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS)
def test_a_served_path_is_found_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), ["SEC026"])
    assert [(p.file, p.line) for p in found] == [(f"data/{file}", line_of(data_copy / file, marker))], [
        p.format() for p in found
    ]


NEAR_MISSES = [
    ("meta.yaml", "default: prisma/dev.db.backup", "default: backups/public/dev.db.backup"),  # public/ not the root
    ("meta.yaml", "default: prisma/dev.db.backup", "default: prisma/public-dev.db.backup"),
]


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES)
def test_a_near_miss_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["SEC026"])] == []


def test_a_served_folder_is_the_paths_first():
    assert served("public/backups/x.db") == "public" and served("./www/x") == "www"
    assert served("https://example.org/static/x.js") == "" and served("publicity/x") == ""


def test_the_real_data_passes(catalog):
    assert check(catalog, ["SEC026"]) == []
