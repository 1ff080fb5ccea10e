"""DEST011: a remove names the scope its add back gives; DEST012: what a block stops comes back, or changes: says it
stays stopped; DEST013: what a runbook destroys, where it keeps copies, it copied first."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.data.load import load_catalog
from playbook.site.checking import check

AI, DB, ROLLBACK = "procedures/disable-ai.yaml", "scenarios/database-down.yaml", "procedures/rollback.yaml"
RULES = ["DEST011", "DEST012", "DEST013"]


def test_real_data_passes(catalog):
    assert check(catalog, RULES) == []


def _found(data_copy, file, marker, rule, last=False):
    found = check(load_catalog(data_copy), RULES)
    text = (data_copy / file).read_text(encoding="utf-8").splitlines()
    lines = [i for i, t in enumerate(text, 1) if marker in t]
    n = lines[-1] if last else lines[0]
    col = len(text[n - 1]) - len(text[n - 1].lstrip()) + 1
    assert [(p.rule, p.file, p.line, p.col) for p in found] == [(rule, f"data/{file}", n, col)], [
        p.format() for p in found
    ]
    return found[0]


# Without its environment `vercel env rm` deletes the variable from every one, while the add (and the undo) put
# production back only (held-out set 15, M26): Re-enable AI's remove, and Disable AI's (the sibling).
@pytest.mark.parametrize("last", [True, False], ids=["re-enable", "disable"])
def test_dest011_remove_wider_than_its_add(data_copy, last):
    old = "vercel env rm {{ flag.name }} production --yes"
    text = (data_copy / AI).read_text(encoding="utf-8")
    k = text.rfind(old) if last else text.find(old)
    (data_copy / AI).write_text(text[:k] + "vercel env rm {{ flag.name }} --yes" + text[k + len(old) :], "utf-8")
    p = _found(data_copy, AI, "vercel env rm {{ flag.name }} --yes", "DEST011")
    assert "`production`" in p.message


def test_dest011_near_misses_pass(data_copy):
    """The scope written after the options, and a remove of a name no add of the runbook gives a scope."""
    edit(
        data_copy / AI,
        "vercel env rm {{ flag.name }} production --yes\n          printf 'true'",
        "vercel env rm --yes {{ flag.name }} production\n          vercel env rm OLD_FLAG --yes\n"
        "          printf 'true'",
    )
    assert check(load_catalog(data_copy), RULES) == []


# `stop` for `restart`: PostgreSQL stays down, while changes: says unreachable "until the service is back" (M34);
# the sibling, through `service`.
@pytest.mark.parametrize("new", ["sudo systemctl stop postgresql", "sudo service postgresql stop"])
def test_dest012_stop_that_stays(data_copy, new):
    edit(data_copy / DB, "sudo systemctl restart postgresql", new)
    p = _found(data_copy, DB, new, "DEST012")
    assert "postgresql stopped" in p.message


@pytest.mark.parametrize(
    ("new", "changes"),
    [
        ("sudo systemctl stop postgresql\n          sudo systemctl start postgresql.service", None),
        (
            "sudo systemctl stop postgresql",
            "PostgreSQL is stopped, and stays stopped until the database team starts it.",
        ),
    ],
    ids=["started-again", "said-in-changes"],
)
def test_dest012_near_misses_pass(data_copy, new, changes):
    edit(data_copy / DB, "sudo systemctl restart postgresql", new)
    if changes:
        edit(data_copy / DB, "Every open connection to PostgreSQL is dropped", changes + " Every open connection")
    assert check(load_catalog(data_copy), RULES) == []


LOOP = 'for f in "$DB_PATH" "$DB_PATH-wal" "$DB_PATH-shm" "$DB_PATH-journal"; do'


# The keeping loop drops the -wal (and -shm) file that part 4 then deletes (M36); the sibling drops -journal.
@pytest.mark.parametrize(
    ("new", "lost"),
    [
        ('for f in "$DB_PATH" "$DB_PATH-journal"; do', "$DB_PATH-wal, $DB_PATH-shm are"),
        ('for f in "$DB_PATH" "$DB_PATH-wal" "${DB_PATH}-shm"; do', "$DB_PATH-journal is"),
    ],
    ids=["wal-dropped", "journal-dropped"],
)
def test_dest013_destroyed_not_kept(data_copy, new, lost):
    edit(data_copy / ROLLBACK, LOOP, new)
    p = _found(data_copy, ROLLBACK, new, "DEST013")
    assert p.message.startswith(lost + " not kept") and "`rm`" in p.message


def test_dest013_near_misses_pass(data_copy):
    """Kept by a glob, and a side file no longer deleted is no longer kept either."""
    edit(data_copy / ROLLBACK, LOOP, 'for f in "$DB_PATH"*; do')
    assert check(load_catalog(data_copy), RULES) == []
    edit(data_copy / ROLLBACK, 'for f in "$DB_PATH"*; do', 'for f in "$DB_PATH" "$DB_PATH-shm" "$DB_PATH-journal"; do')
    edit(data_copy / ROLLBACK, 'rm -f -- "$DB_PATH-wal" "$DB_PATH-shm"', 'rm -f -- "$DB_PATH-shm"')
    assert check(load_catalog(data_copy), RULES) == []
