"""DEST039: a block marked destructive runs a command the parse does not prove read-only; a mark on a block that
only reads is an error at its `destructive:` line, and every real destructive block passes."""

from __future__ import annotations

from conftest import edit
from playbook.data.load import load_catalog
from playbook.site.checking import check

RB = "procedures/rollback.yaml"
FLAGS = "        destructive: true\n        manual: true\n"
GIT_LOG = (
    "      - kind: shell\n        code: |-\n          # Check recent code changes\n          git log --oneline -10\n"
)


def test_the_real_destructive_blocks_all_write(catalog):
    assert check(catalog, ["DEST039"]) == []


def test_a_mark_moved_onto_a_block_that_only_reads_is_an_error_at_it(data_copy):
    """Set 24's M28: the flags moved up one block, onto `git log`; `vercel rollback --yes` left unmarked."""
    text = (data_copy / RB).read_text(encoding="utf-8")
    moved = GIT_LOG.replace("      - kind: shell\n", "      - kind: shell\n" + FLAGS) + "      - kind: shell\n"
    (data_copy / RB).write_text(text.replace(GIT_LOG + "      - kind: shell\n" + FLAGS, moved, 1), encoding="utf-8")
    assert (data_copy / RB).read_text(encoding="utf-8") != text
    found = check(load_catalog(data_copy), ["DEST039"])
    lines = (data_copy / RB).read_text(encoding="utf-8").splitlines()
    first = next(n for n, line in enumerate(lines, 1) if "destructive: true" in line)  # the moved mark comes first
    assert [(p.rule, p.file, p.line) for p in found] == [("DEST039", f"data/{RB}", first)], [p.format() for p in found]


def test_a_mark_on_a_block_that_writes_passes(data_copy):
    edit(data_copy / RB, "git log --oneline -10", "git log --oneline -10 > /tmp/changes.txt")
    text = (data_copy / RB).read_text(encoding="utf-8")
    marked = GIT_LOG.replace("git log --oneline -10", "git log --oneline -10 > /tmp/changes.txt")
    changes = '        changes: "Writes /tmp/changes.txt."\n        undo: "rm /tmp/changes.txt"\n'
    new = marked.replace("      - kind: shell\n", "      - kind: shell\n        destructive: true\n" + changes)
    (data_copy / RB).write_text(text.replace(marked, new, 1), encoding="utf-8")
    assert check(load_catalog(data_copy), ["DEST039"]) == []
