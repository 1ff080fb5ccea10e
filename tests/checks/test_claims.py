"""DEST005, DEST006: prose that calls a block that writes read-only, harmless or lossless is an error at its line, and
so is a check before a destructive part whose failure lets the walk go on; a claim about a part, a negated one, or a
claim about a step that only reads passes."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.checks.claims import claims
from playbook.data.load import load_catalog
from playbook.site.checking import check

RB, DB, WO = "procedures/rollback.yaml", "scenarios/database-down.yaml", "scenarios/write-operations-failing.yaml"
UNDO = 'undo: "None: a restart cannot be undone. Committed data is kept;'
INTRO = "Three ways back to a known-good state. Each one changes production: follow the verification step every time."
KEEP = "Copies into a new timestamped folder (mkdir refuses one that exists): no existing file is changed."
DRAFT = "One AI draft request for test session 123: the draft is returned, never saved as a note;"
CHANGES = (
    'changes: "Every open connection to PostgreSQL is dropped and its transactions not yet committed are rolled back; '
    'the database is unreachable until the service is back."'
)
STOP = 'Copying or restoring under a writer gives a broken copy."\n          next: stop'
FAULTS = [
    # the undo of a restart claims nothing is lost (set 11 M29)
    (
        "DEST005",
        DB,
        UNDO,
        'undo: "None needed: a restart loses nothing; open transactions are kept and finish after it;',
        "None needed",
    ),
    # the intro of a runbook that restores a database claims no loss and no approval (M33), or harmlessness
    ("DEST005", RB, INTRO, INTRO.replace("Each one changes production", "None of them loses data"), "None of them"),
    ("DEST005", RB, INTRO, "Three ways back to a known-good state, all of them harmless.", "all of them harmless"),
    (
        "DEST005",
        RB,
        INTRO,
        INTRO.replace("follow", "there is no need to ask for approval; follow"),
        "no need to ask for approval",
    ),
    # a shared safe: reason (M35) and a block's own reason call a write read-only or changing nothing
    ("DEST005", "catalog.yaml", DRAFT, "Read-only: one AI draft request changes nothing;", "Read-only:"),
    ("DEST005", RB, KEEP, "Harmless: copies into a new timestamped folder; nothing is changed.", "Harmless: copies"),
    # a destructive block that says it changes nothing
    ("DEST005", DB, CHANGES, 'changes: "None."', 'changes: "None."'),
    # a text that tells the reader to take an irreversible action, outside any block, and calls it harmless (set 12's
    # M31 called a forced password reset harmless): the claim is found in the text that gives the action
    (
        "DEST005",
        "scenarios/auth-failure-spike.yaml",
        "A forced reset signs those users out and voids their passwords; it cannot be undone, so record",
        "It has no side effects: users pick a new password at their next sign-in, so record",
        "It has no side effects",
    ),
    (
        "DEST005",
        WO,
        "      - Database errors → Check database health",
        "      - Database errors → Run a full rebuild of the indexes, risk-free",
        "risk-free",
    ),
    # one item of a step gives the action, another calls the step harmless
    (
        "DEST005",
        WO,
        "      - Authorization errors → Check role-based access\n      - Database errors → Check database health",
        "      - Authorization errors → Check role-based access, a no-op for users\n"
        "      - Database errors → Purge the stuck sessions",
        "a no-op for users",
    ),
    # the text of a step whose block writes under a safe: reason calls it read-only and repeatable (set 13's M28)
    (
        "DEST005",
        "scenarios/auth-failure-spike.yaml",
        'text: "This sends {{ limits.AUTH.requests * 2 }} failed sign-ins',
        'text: "It only reads: run it as often as you like. {{ limits.AUTH.requests * 2 }} failed sign-ins',
        "It only reads",
    ),
    # a text about the destructive steps as a whole, while a destructive block's undo says it cannot be undone (M35),
    # and a text that opens a database read-write and calls it harmless (M34): the data is the witness
    (
        "DEST005",
        "oncall.yaml",
        "- text: Execute runbooks for known issues",
        '- text: "Execute runbooks for known issues; their destructive steps can all be undone"',
        "can all be undone",
    ),
    (
        "DEST005",
        "incident.yaml",
        '      - "Follow the runbook if there is one',
        '      - "Destructive parts too, without waiting for approval. Follow the runbook if there is one',
        "without waiting",
    ),
    (
        "DEST005",
        "decisions.yaml",
        "decision: 'Step 1 opens the file read-only and also runs",
        "decision: 'Step 1 opens the file read-write, which is risk-free, and also runs",
        "risk-free",
    ),
    # beyond the step's prose (set 25): a comment inside a block that writes (M30, M31), the help of an endpoint a
    # request counts against a rate limit (M35), the meaning of a placeholder that writing blocks use (M25), a
    # restart's changes said to keep connections (M34), a safe: reason that calls a copy safe under a writer (M29)
    (
        "DEST005",
        "procedures/disable-ai.yaml",
        "(replaces any existing value)",
        "(adds it beside any existing value; nothing is removed)",
        "nothing is removed",
    ),
    (
        "DEST005",
        "scenarios/ai-service-down.yaml",
        '# Call the AI endpoint and print "refused"',
        "# Read-only check: asks whether AI is refused (nothing is sent to the provider)",
        "Read-only check",
    ),
    (
        "DEST005",
        "catalog.yaml",
        "help: Email and password sign-in}",
        'help: "Sign-in (a failed one changes nothing)"}',
        "Sign-in (",
    ),
    (
        "DEST005",
        "meta.yaml",
        "meaning: Base URL of the Clinical OS app (no trailing slash).",
        "meaning: Base URL of the Clinical OS app; it is staging, so the commands are safe to try.",
        "safe to try",
    ),
    ("DEST005", DB, CHANGES, 'changes: "PostgreSQL reloads; open connections and transactions carry on."', "carry on"),
    ("DEST005", RB, KEEP, "Copies into a new timestamped folder: safe to run while the app is writing.", "safe to run"),
    # set 27's M30: an option's title (its label) says the option that redeploys production needs no redeploy
    (
        "DEST005",
        "procedures/disable-ai.yaml",
        'title: "Option 1: Environment variable (recommended)"',
        'title: "Option 1: Environment variable (recommended, no redeploy needed)"',
        "no redeploy needed",
    ),
    # the guard of the restore lets the walk go on (M30), or says so explicitly
    ("DEST006", RB, STOP, STOP.removesuffix("\n          next: stop"), "Copying or restoring under a writer"),
    ("DEST006", RB, STOP, STOP.replace("next: stop", "next: continue"), "next: continue"),
]


@pytest.mark.parametrize(("rule", "file", "old", "new", "marker"), FAULTS, ids=[f[4][:20] for f in FAULTS])
def test_a_false_safety_claim_is_found_at_its_line(data_copy, catalog, rule, file, old, new, marker):
    assert check(catalog, [rule]) == []  # the real data passes
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), [rule])
    text = (data_copy / file).read_text(encoding="utf-8").splitlines()
    lines = {n for n, line in enumerate(text, 1) if marker in line}
    assert lines and {p.file for p in found} == {f"data/{file}"}, [p.format() for p in found]
    assert lines & {p.line for p in found}, ([p.format() for p in found], sorted(lines))


def test_a_claim_about_a_step_that_only_reads_passes(data_copy):
    edit(data_copy / DB, "text: Should be readable/writable.", "text: Should be readable/writable (a read-only check).")
    assert check(load_catalog(data_copy), ["DEST005"]) == []


@pytest.mark.parametrize(
    "text",
    [
        "no existing file is changed",  # a claim about a part names what it keeps
        "the databases are only read",
        "Committed data is kept; clients reconnect.",
        "each one stops when it is not safe to go on",  # negated
        "This step is not read-only.",
        "Opens it with sqlite3 -readonly first, so nothing is created.",
        "Check it is safe before you start.",  # safe, unrelated
        "it counts one request against the AI rate limit",
        "If the data is unchanged after a minute, escalate.",  # an observation, not a claim
        "the draft is returned, never saved as a note",
        "a restart cannot be undone",
        "Step 1 opens the file read-only and also runs a check",  # how a file is opened is a mode
        "Read the kept copy (read-only) into a separate file",
        "the redeploy is part of the target",  # a redeploy named, not said to be unneeded
        "nothing is overwritten before the backup has been kept",  # a claim with its condition
        "Users go on working while the app goes on serving reads.",
        "Users carry on working in the other tab.",
    ],
)
def test_a_near_miss_is_no_claim(text):
    assert claims(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "It has no side effects.",
        "Rolling back is always safe.",
        "No data is lost.",
        "This writes nothing.",
        "Nothing to undo.",
        "A restart is a no-op for committed work.",
        "Safe to run again at any time.",
        "It won't lose any data.",
        "Does not write to the database.",
        "Leaves production untouched.",
        "Risk-free, no downtime.",
        "No approval needed.",
        "It only reads.",
        "Run it as often as needed.",
        "Every one of them can be undone.",
        "Do it without waiting for approval.",
        "No confirmation needed.",
        "Safe: repeat it at will.",
        "They are all reversible.",
        "It needs no approval.",
        "No redeploy is needed.",
        "Takes effect without a redeploy.",
    ],
)
def test_a_whole_claim_is_found(text):
    assert claims(text)
