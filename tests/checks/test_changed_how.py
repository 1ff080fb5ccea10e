"""DEST030: a destructive command's long options that change what it does are named in changes:; DEST031: the undo
is not the block's own command run again. Each finding is at the line to change."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.changed_how import reruns, unsaid_options
from playbook.data.load import load_catalog
from playbook.site.checking import check

S, C = "scenarios/", "procedures/"

# (rule, file, old, new, marker: the text of the line the finding must be on)
FAULTS = [
    # set 19 M26's kind: an option that changes what reaches production, here the deploy left off the domain
    ("DEST030", C + "disable-ai.yaml", "              vercel deploy --prod\n",
     "              vercel deploy --prod --skip-domain\n", "--skip-domain"),
    # a service restarted without waiting for it, a queued job changes: does not speak of
    ("DEST030", S + "database-down.yaml", "sudo systemctl restart postgresql",
     "sudo systemctl restart --no-block postgresql", "--no-block"),
    # a removal made recursive in the restore
    ("DEST030", C + "rollback.yaml", 'rm -f -- "$DB_PATH-wal"', 'rm --recursive -f -- "$DB_PATH-wal"', "--recursive"),
    # set 19 M32's kind: the rollback's undo reruns the rollback (without its --yes: the same command)
    ("DEST031", S + "write-operations-failing.yaml",
     'undo: "Promote the newer deployment again: `vercel promote` with its URL (listed by `vercel ls`), or redeploy '
     'its commit."', 'undo: "Run `vercel rollback` once more to return to the newer deployment."', "once more"),
    # a restart whose undo is the restart
    ("DEST031", S + "database-down.yaml", 'undo: "None: a restart cannot be undone.',
     'undo: "Run `sudo systemctl restart postgresql` again.', "restart postgresql` again"),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "file", "old", "new", "marker"), FAULTS, ids=[f[4] for f in FAULTS])
def test_fault_is_an_error_at_its_line(data_copy, rule, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = [p for p in check(load_catalog(data_copy), [rule]) if p.level == "error"]
    assert {(p.file, p.line) for p in found} == {(f"data/{file}", line_of(data_copy / file, marker))}, [
        p.format() for p in found
    ]


def test_real_data_passes(catalog):
    assert check(catalog, ["DEST030", "DEST031"]) == []


@pytest.mark.parametrize(
    ("command", "changes"),
    [
        ("vercel deploy --prod --prebuilt", "Production gets the prebuilt output of this machine."),
        ("vercel deploy --prod --prebuilt", "Production gets the pre-built output of this machine."),
        ("vercel rollback --yes", "Production serves the previous deployment."),
        ("vercel deploy --prod --force", "Production is redeployed."),
        ("rm -rf -- $DB_PATH-wal", "Deletes the -wal side file."),  # short options are left alone
        ("systemctl restart --no-block postgresql", "Returns at once, without blocking until it is up."),
    ],
)
def test_dest030_said_or_how_options_pass(command, changes):
    assert unsaid_options(command, changes) == []


def test_dest030_unsaid_option_is_named():
    assert unsaid_options("vercel deploy --prod --prebuilt", "Production is redeployed.") == ["--prebuilt"]


@pytest.mark.parametrize(
    ("undo", "code"),
    [
        ("Promote the newer deployment: `vercel promote` with its URL (`vercel ls`).", "vercel rollback --yes"),
        ("Set it back: `printf 'true' | vercel env add FLAG production`.", "printf 'false' | vercel env add FLAG prod"),
        ("`systemctl start postgresql`", "systemctl stop postgresql"),
        ("Restart it: `systemctl restart postgresql`", "systemctl stop postgresql"),
    ],
)
def test_dest031_reversing_commands_pass(undo, code):
    assert reruns(undo, code) == []


def test_dest031_rerun_found():
    assert reruns("Run `vercel rollback --yes` again.", "# back\nvercel rollback --yes") == ["vercel rollback --yes"]
