"""DEST027: every command of a destructive block that is not proven read-only is named in its changes: (by its
program, what it acts on, or the words its kind of change is told in), at the command's line; DEST036: a deletion
changes: tells is run by a command of the block, else an error at changes:."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.said_commands import said, says_deletes
from playbook.data.load import load_catalog
from playbook.runbooks.destructive import Danger
from playbook.site.checking import check

S, C = "scenarios/", "procedures/"

# (file, old, new, marker: the text of the line the finding must be on)
FAULTS = [
    # set 18 M31's kind: a host-wide command chained to the one changes: describes (here a halt, not a reboot)
    (S + "database-down.yaml", "sudo systemctl restart postgresql", "sudo systemctl restart postgresql || sudo halt",
     "|| sudo halt"),
    # another service restarted beside PostgreSQL: changes: names PostgreSQL only
    (S + "database-down.yaml", "          sudo systemctl restart postgresql\n",
     "          sudo systemctl restart postgresql\n          sudo systemctl restart nginx\n", "restart nginx"),
    # a second variable deleted where changes: names FEATURE_AI_ENABLED alone (production is said, the key is not)
    (C + "disable-ai.yaml", "\n          # Redeploy\n",
     "\n          vercel env rm OPENAI_API_KEY production --yes\n          # Redeploy\n", "OPENAI_API_KEY"),
    # a removal of a file that changes: does not name
    (C + "rollback.yaml", '          mv -f -- "$restoring" "$DB_PATH"\n',
     '          mv -f -- "$restoring" "$DB_PATH"\n          rm -f -- /var/log/app.log\n', "rm -f -- /var/log/app.log"),
    # set 19 M35's kind: a file removed inside the folder of the service changes: names (the lock of the data
    # directory, not PostgreSQL): the path's last part is what the command acts on
    (S + "database-down.yaml", "          sudo systemctl restart postgresql\n",
     "          sudo rm -f /var/run/postgresql/.s.PGSQL.5432.lock\n          sudo systemctl restart postgresql\n",
     "PGSQL.5432.lock"),
    # set 19 M27's kind: a fallback program run on the service's data directory when the restart fails
    (S + "database-down.yaml", "sudo systemctl restart postgresql",
     "sudo systemctl restart postgresql || sudo -u postgres /usr/lib/postgresql/15/bin/pg_ctl promote -D "
     "/var/lib/postgresql/15/main", "pg_ctl promote"),
    # set 19 M25's kind: a deployment pinned by its URL where changes: speaks of production's previous deployment:
    # the command moved, not the text
    (C + "rollback.yaml", "          vercel rollback --yes\n",
     "          vercel rollback clinical-os-9ab3kd02x-dramal.vercel.app --yes\n", "clinical-os-9ab3kd02x"),
    # a changes: rewritten to name none of the block's commands: the text is reported, not every command
    (C + "rollback.yaml", 'changes: "Production serves the previous deployment: every change deployed since then is '
     'withdrawn (the data written meanwhile stays)."', 'changes: "Nothing is touched until the team agrees."',
     "Nothing is touched until"),
]  # fmt: skip


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS, ids=[f[3] for f in FAULTS])
def test_dest027_an_unsaid_command_is_an_error_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = [p for p in check(load_catalog(data_copy), ["DEST027"]) if p.level == "error"]
    assert {(p.file, p.line) for p in found} == {(f"data/{file}", line_of(data_copy / file, marker))}, [
        p.format() for p in found
    ]


def test_dest027_real_data_passes(catalog):
    assert check(catalog, ["DEST027"]) == []


def _d(command: str) -> Danger:
    return Danger(1, 1, command, "not read-only")


# (command, changes): commands their changes: name, by program, operand (a part of a placeholder's name, a stem) or
# the words of their kind of change
NEAR_MISSES = [
    ("systemctl restart postgresql", "Every connection to PostgreSQL is dropped."),
    ("reboot", "The database host reboots: every service on it stops."),
    ("shutdown -r now", "The machine restarts."),
    ("vercel rollback --yes", "Production serves the previous deployment."),
    ("vercel deploy --prod", "Production is redeployed."),
    ("rm -f -- $DB_PATH-wal", "Deletes the -wal side file."),
    ("sqlite3 $restoring .restore $DB_BACKUP", "Writes the checked backup into the restored copy."),
    ("docker compose down", "Docker stops the stack."),
]


@pytest.mark.parametrize(("command", "changes"), NEAR_MISSES)
def test_dest027_named_commands_pass(command, changes):
    assert said(_d(command), changes)


@pytest.mark.parametrize(
    ("command", "changes"),
    [
        ("reboot", "Every connection to PostgreSQL is dropped."),
        ("systemctl restart nginx", "Every connection to PostgreSQL is dropped; restart it later."),
        ("vercel env rm OPENAI_API_KEY production --yes", "Production is redeployed."),
    ],
)
def test_dest027_unnamed_commands_are_not_said(command, changes):
    assert not said(_d(command), changes)


# DEST036: a deletion changes: tells that no command of the block runs, at the changes: line
SIDE_FILES = '          rm -f -- "$DB_PATH-wal" "$DB_PATH-shm" "$DB_PATH-journal"\n'
ENV_RM = "              vercel env rm {{ flag.name }} production --yes\n"
DELETIONS = [
    # spent set 21 M30's kind: the rm dropped from the restore, whose changes: still deletes the side files
    (C + "rollback.yaml", SIDE_FILES, "", "deletes its -wal, -shm"),
    # the variable's removal dropped, changes: still says its previous value is deleted
    (C + "disable-ai.yaml", ENV_RM, "", "previous value is deleted"),
]


@pytest.mark.parametrize(("file", "old", "new", "marker"), DELETIONS, ids=[d[3] for d in DELETIONS])
def test_dest036_a_deletion_no_command_runs_is_an_error_at_changes(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = [p for p in check(load_catalog(data_copy), ["DEST036"]) if p.level == "error"]
    assert [(p.file, p.line) for p in found] == [(f"data/{file}", line_of(data_copy / file, marker))]


@pytest.mark.parametrize(
    "new",
    [
        # the deletion done another way: unlink, or find's -delete
        '          unlink -- "$DB_PATH-wal"\n',
        '          find "$(dirname "$DB_PATH")" -name "*-shm" -delete\n',
    ],
)
def test_dest036_a_deletion_run_by_another_remover_passes(data_copy, new):
    edit(data_copy / (C + "rollback.yaml"), SIDE_FILES, new)
    assert check(load_catalog(data_copy), ["DEST036"]) == []


@pytest.mark.parametrize(
    ("changes", "verb"),
    [
        ("deletes its -wal side file", "deletes"),
        ("the previous value is deleted", "deleted"),
        ("Nothing is deleted: the file is copied", None),
        ("does not remove the lock", None),
        ("it deletes nothing", None),
    ],
)
def test_says_deletes_reads_denials(changes, verb):
    assert says_deletes(changes) == verb


def test_dest036_real_data_passes(catalog):
    assert check(catalog, ["DEST036"]) == []
