"""DEST007: prose never tells the reader to destroy data outside a step whose block is destructive; the instruction is
an error at its line, wherever the text is (a step's text, a failure hint, a symptom, an intro, a shared safe reason),
whatever the verb (delete, remove, rm, drop, truncate, wipe, overwrite, reset, revoke …) and whichever data it names
(a placeholder, its default path, a table of data/app, a data noun), said as an order or in the passive."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.checks.instructions import destroy_commands, destroy_instructions, resources
from playbook.data.load import load_catalog
from playbook.site.checking import check

DB, WO, AI = "scenarios/database-down.yaml", "scenarios/write-operations-failing.yaml", "scenarios/ai-service-down.yaml"
LOGS = "procedures/log-access.yaml"
# (file, old, new, the text of the line the finding must be on): each in another field of the data
FAULTS = [
    # a failure hint (set 12's M29 said "delete $DB_PATH-wal"): another verb, another side file
    (
        DB,
        "Go on: step 2 checks the disk, step 3 the file's permissions, and a corrupt file is restored from the backup "
        'in step 5."',
        'If SQLite says the database is locked, remove the stale -journal file and retry."',
        "remove the stale -journal file",
    ),
    # a step's text (set 12's M35 said "delete $DB_BACKUP"): the log export, by its placeholder
    (
        DB,
        "    text: If disk is full → Free up space.",
        '    text: "Free up space: truncate $LOG_FILE first."',
        "truncate",
    ),
    # the database by its default path, with rm
    (
        DB,
        "    text: Should be readable/writable.",
        '    text: "Should be readable/writable; if it is not, rm prisma/dev.db and restore the backup."',
        "rm prisma/dev.db",
    ),
    # a table of data/app, by its name, in an item
    (
        WO,
        "      - Validation errors → Fix validation logic",
        "      - Validation errors → Drop the ClinicalNote rows that fail validation",
        "Drop the ClinicalNote rows",
    ),
    # a data noun, in a procedure's step
    (
        LOGS,
        "text: Until a log service exists, search an export of the logs with grep.",
        "text: Until a log service exists, search an export of the logs with grep, then wipe the log export.",
        "wipe the log export",
    ),
    # a key, in a symptom
    (
        AI,
        "  - {text: User workflows continue (AI is optional)}",
        "  - {text: User workflows continue; revoke $OPENAI_API_KEY at once}",
        "revoke $OPENAI_API_KEY",
    ),
    # a command in a code span, judged as a command: SQL, a sqlite3 call, a production tool
    (
        WO,
        "      - State transition errors → Check state machine logic",
        "      - State transition errors → `UPDATE ClinicalNote SET status = 'draft' WHERE status = 'finalized'`",
        "UPDATE ClinicalNote SET status",
    ),
    (
        AI,
        "      - Check billing status",
        "      - Check billing status; if the app is stuck, `vercel redeploy --prod`",
        "vercel redeploy --prod",
    ),
    (
        DB,
        "restore from the backup (step 5) only if it is gone.",
        "restore from the backup (step 5) only if it is gone; if it is there, run `sqlite3 prisma/dev.db REINDEX`.",
        "sqlite3 prisma/dev.db REINDEX",
    ),
    # any command line bash runs, judged by the blocks' parse (no list of programs): a link, a forced rotation, and a
    # text outside the runbooks (the on-call duties)
    (
        WO,
        "  - {text: Users unable to create notes/prescriptions}",
        '  - {text: "Users unable to create notes: `ln -sf \\"$DB_BACKUP\\" \\"$DB_PATH\\"` at once"}',
        "ln -sf",
    ),
    (
        LOGS,
        'click the "Logs" tab, and filter by time range.',
        'click the "Logs" tab, and filter by time range (run `sudo logrotate -f x` first).',
        "sudo logrotate -f x",
    ),
    (
        "oncall.yaml",
        "- text: Execute runbooks for known issues",
        "- text: Execute runbooks (`git push --force` if stuck)",
        "git push --force",
    ),  # fmt: skip
    # the passive: the runbook's intro
    (
        LOGS,
        'intro: "Production logs go to the server console (stdout/stderr) as structured JSON."',
        'intro: "Production logs go to the server console (stdout/stderr) as structured JSON. Old log files can '
        'safely be deleted."',
        "log files can safely be deleted",
    ),
    # a shared safe: reason
    (
        "catalog.yaml",
        'it counts one request against the AI rate limit."',
        'it counts one request against the AI rate limit; reset the AI counters after it."',
        "reset the AI counters",
    ),
]


def test_a_destroy_instruction_in_prose_is_an_error_at_its_line(data_copy, catalog):
    assert check(catalog, ["DEST007"]) == []  # the real data passes (a destructive block's undo says "delete $DB_PATH")
    for file, old, new, _ in FAULTS:
        edit(data_copy / file, old, new)
    # the step of a destructive block may say what it destroys (Disable AI's Option 1 deletes the flag's variable)
    edit(
        data_copy / "procedures/disable-ai.yaml",
        'text: "Changes: a code change and a deploy;',
        'text: "Or remove {{ flag.name }} in production by hand. Changes: a code change and a deploy;',
    )
    found = check(load_catalog(data_copy), ["DEST007"])
    expected = set()
    for file, _, _, marker in FAULTS:
        text = (data_copy / file).read_text(encoding="utf-8").splitlines()
        (n,) = [i for i, line in enumerate(text, 1) if marker in line]
        expected.add((f"data/{file}", n, text[n - 1].index(marker) + 1))
    assert {(p.file, p.line, p.col) for p in found} == expected, [p.format() for p in found]
    assert len(found) == len(FAULTS)
    assert all("outside a destructive block" in p.message for p in found)


@pytest.mark.parametrize(
    "text",
    [
        "Delete $DB_BACKUP, it is the largest file.",
        "If it says database is locked, delete $DB_PATH-wal and $DB_PATH-shm and retry.",
        "Then wipe the stale -wal file.",
        "$DB_PATH-wal can safely be deleted.",
        "The -journal file may be removed once the app is stopped.",
        "rotate the key in the OpenAI dashboard right away",
        "Overwrite the backup with the live file.",
        "Reset the database with the migration tool.",
        "Purge old sessions.",
        "Delete the rows of Prescription issued twice.",
        "Delete every clinical note in draft state.",  # a table of data/app in words
        "just rm -f logs.json and restart",  # a placeholder's default path
        "remove FEATURE_AI_ENABLED from production",  # a feature flag
        "empty .env.production",  # a data file
        "you can clear the metrics counters",
        "Delete the kept copy once the post-mortem is written.",
        "Revoke $TOKEN.",  # a secret placeholder
    ],
)
def test_a_destroy_instruction_is_found(catalog, text):
    assert destroy_instructions(text, resources(catalog))


@pytest.mark.parametrize(
    "text",
    [
        "Do not delete $DB_BACKUP: step 5 restores from it.",  # negated
        "Never remove the -wal file.",
        "It must not be deleted.",
        "The file is not there: it was moved or deleted, or DB_PATH points elsewhere.",  # what happened, not an order
        "Replaces the database file at $DB_PATH with the checked backup and deletes its -wal side file.",  # described
        "nothing is overwritten before the backup has passed its check",
        "Force a password reset for the affected accounts.",  # a noun, and no data the playbook declares
        "Remove the trailing slash from $BASE_URL.",  # an address is no data
        "Clear your browser cache and retry.",
        "Rotate the on-call schedule weekly.",
        "Watch for a drop in the write rate.",
        "Restore from the backup (step 5) only if it is gone.",
        "Replace $USER_ID with the id from the alert.",  # a value to type is no data
    ],
)
def test_a_near_miss_is_no_destroy_instruction(catalog, text):
    assert destroy_instructions(text, resources(catalog)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Do not run `vercel rollback --yes` before the team agrees.",  # negated
        "The list is in `vercel ls`; the log in `vercel logs`.",  # read-only forms
        "It answers `ok`, or `SELECT 1` prints 1; `PRAGMA integrity_check` reads.",  # words, and SQL that reads
        'Keep a copy first: `mkdir -p /tmp/keep && cp -p "$DB_PATH" /tmp/keep/`.',  # a write that only adds
        "The endpoint is `/api/metrics`; the field `context.userId`.",
    ],
)
def test_a_code_span_that_changes_nothing_is_no_destroy_command(catalog, text):
    assert destroy_commands(catalog, text) == []


def test_a_rerun_without_the_read_only_option_is_an_error_at_its_line(data_copy):
    """A step's text that asks for its block's command without the option the parse proves it read-only with."""
    edit(
        data_copy / WO,
        "  - title: If state transition errors\n    keywords:",
        '  - title: If state transition errors\n    text: "Locked? Retry dropping `-readonly`."\n    keywords:',
    )
    found = check(load_catalog(data_copy), ["DEST007"])
    text = (data_copy / WO).read_text(encoding="utf-8").splitlines()
    (n,) = [i for i, line in enumerate(text, 1) if "dropping `-readonly`" in line]
    assert [(p.file, p.line) for p in found] == [(f"data/{WO}", n)], [p.format() for p in found]
    assert "-readonly" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        "Do not run it again without -readonly.",  # negated
        "Retry without -bail to see every error.",  # the option keeps nothing read-only
        "Retry without --verbose.",  # no command of the step has it
    ],
)
def test_a_rerun_that_stays_read_only_passes(text):
    from playbook.checks.reruns import rerun_writes

    assert rerun_writes(text, ['sqlite3 -readonly -bail "$DB_PATH" "SELECT 1;"']) == []
