"""TXT017: a word typed once, one slip from a word the data uses elsewhere, is an error at its line and column;
English words, plurals, contractions and the search vocabulary's own misspellings pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.slips import slips
from playbook.data.load import load_catalog
from playbook.site.checking import check

# (file, old, new, marker: the text of the line the finding must be on, the word reported)
FAULTS = [
    # spent set 21 M65's kind: a letter dropped in a folder of a path the router reads
    ("alerts.yaml", "/etc/alertmanager/secrets/smtp-password", "/etc/alertmanager/secrets/smtp-pasword",
     "smtp-pasword", "pasword"),
    # spent set 21 M62's kind: a letter dropped in a placeholder's default
    ("meta.yaml", "default: prisma/dev.db.backup", "default: prisma/dev.db.backpu", "dev.db.backpu", "backpu"),
    # two letters swapped in a runbook's prose
    ("procedures/rollback.yaml", "Check what changed first.", "Check what chagned first.", "chagned", "chagned"),
]  # fmt: skip

NEAR_MISSES = [
    # an English word one letter from a word of the data ("stored" beside "store"), a plural, a contraction
    ("procedures/rollback.yaml", "Check what changed first.", "Check what changed first; stores and timestamps."),
    ("procedures/rollback.yaml", "Check what changed first.", "Check what changed first; it doesn't matter."),
    # a new name typed in a code span: as the reader types it exactly
    ("procedures/rollback.yaml", "Check what changed first.", "Check what changed first in `chagned.log`."),
    # a new word no word of the data is near
    ("procedures/rollback.yaml", "Check what changed first.", "Check what changed first in Zanzibar."),
    # the search vocabulary keeps the reader's misspellings on purpose
    ("search.yaml", "{short: [avg], long: average}", "{short: [avg, averagge], long: average}"),
]


def _found(data) -> list:
    return check(load_catalog(data), ["TXT017"])


@pytest.mark.parametrize(("file", "old", "new", "marker", "word"), FAULTS, ids=[f[4] for f in FAULTS])
def test_a_slip_is_an_error_at_its_line(data_copy, file, old, new, marker, word):
    edit(data_copy / file, old, new)
    found = _found(data_copy)
    assert [(p.file, p.line, p.level) for p in found] == [(f"data/{file}", line_of(data_copy / file, marker), "error")]
    (line,) = [x for x in (data_copy / file).read_text().splitlines() if marker in x]
    assert line[found[0].col - 1 :].lower().startswith(word) and repr(word) in found[0].message


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES, ids=[n[2][-24:] for n in NEAR_MISSES])
def test_near_miss_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert _found(data_copy) == []


def test_slips_names_the_word_meant_and_its_count():
    strings = [("f", (0,), "backup backup"), ("f", (1,), "the bakup file"), ("f", (2,), "backups")]
    assert [(w, meant, n) for *_, w, meant, n in slips(strings)] == [("bakup", "backup", 2)]


def test_real_data_passes(catalog):
    assert check(catalog, ["TXT017"]) == []
