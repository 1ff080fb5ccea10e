"""Checker rules on where a runbook keeps copies of its data: never in a temporary folder (DEST019), never in a folder
a cloud service syncs (SEC021)."""

from __future__ import annotations

import re

from playbook.checks.destroyed import operand, operands
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.kept import _WORDS, COPYING, _loop
from playbook.checks.tools import at, spots
from playbook.runbooks.destructive import runs
from playbook.runbooks.shellparse import _parser, _text, _value, _walk

# The folders the system itself empties or shares with every user of the host (hier(7), systemd-tmpfiles: /tmp and
# /dev/shm are cleared at boot, /var/tmp aged out; $TMPDIR and mktemp name one of them): a place, not a bad input.
_TEMPORARY = re.compile(r"^(?:/tmp|/var/tmp|/dev/shm|/run/user/[^/]+)(?:/|$)|^\$\{?TMPDIR\b|\$\(\s*mktemp\b")
_NAME = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?")


def _assignments(code: str) -> dict[str, tuple[int, int, str]]:
    """Each variable the block assigns: (line, column, value as bash reads it) of its last assignment."""
    out = {}
    for node in _walk(_parser().parse(code.encode()).root_node):
        if node.type == "variable_assignment":
            name = node.child_by_field_name("name")
            value = node.child_by_field_name("value")
            if name is not None and value is not None:
                out[_text(name)] = (node.start_point[0] + 1, node.start_point[1] + 1, _value(value))
    return out


def _sources(node, word) -> list:
    """The words a copied operand stands for: a `for` loop's words when it is the loop's variable."""
    loop = _loop(node, _text(word).strip('"'))
    return [c for c in loop.children if c.type in _WORDS] if loop else [word]


def temporary_keeps(
    code: str, defaults: dict[str, str | None], places: re.Pattern = _TEMPORARY
) -> list[tuple[int, int, str, str]]:
    """(line, column, source, place) of each copy of a placeholder file a shell block places in one of `places` (a
    temporary folder): at the assignment that puts its destination there when a variable names it, else at the
    copying command."""
    names = _assignments(code)
    out = []
    for node, words, argv in runs(code):
        if argv[0] not in COPYING:
            continue
        ops = operands(words[1:])
        sources = [v for w in ops[:-1] for v in _sources(node, w) if operand(v, defaults)]
        if len(ops) < 2 or not sources:
            continue
        place, where = _value(ops[-1]), (node.start_point[0] + 1, node.start_point[1] + 1)
        for _ in range(3):  # `keep="$base/x"; cp … "$keep/"`: follow the variable the place starts with
            m = _NAME.match(place)
            if places.search(place) or not m or m.group(1) not in names:
                break
            line, col, value = names[m.group(1)]
            place, where = value + place[m.end() :], (line, col)
        if places.search(place):
            out.append((*where, _value(sources[0]), place))
    return out


@rule(
    "DEST019",
    "error",
    "a runbook keeps its copies of the data (cp of a placeholder file) outside the temporary folders",
    "A copy kept before a destructive part (the corrupt database, kept so the salvage and the post-mortem can read "
    "what was written since the backup) is often the only copy left of those writes. In /tmp (or /var/tmp, /dev/shm, "
    "$TMPDIR, a mktemp folder) the system deletes it at reboot or after some days, every user of the host can read "
    "it, and the later parts and the undo that look for it beside the data find nothing. Each cp/rsync of a "
    "placeholder file copies into a place that is not one of those, followed through the block's variables.",
    'keep the copy beside the data it copies (as "$DB_PATH.corrupt-…"), where the runbook\'s later parts look for it',
)
def kept_outside_temporary(ctx: CheckContext, report: Reporter):
    for s, line, col, source, place in _kept_in(ctx.catalog, "temporary", _TEMPORARY):
        message = f"the copy of {source} is kept in {place}, a temporary folder the system empties and every "
        yield at(report, s, line, col, message + "user of the host shares")


def _kept_in(cat, name: str, places: re.Pattern):
    """(spot, line, column, source, place) of each copy of a placeholder file a shell block keeps in `places`."""
    defaults = {p.name: p.default for p in cat.meta.placeholders}
    for s in spots(cat):
        if s.kind != "shell" or not any(p in s.code for p in COPYING):
            continue
        found = cat.memoized(("kept", name, s.code), lambda s=s: temporary_keeps(s.code, defaults, places))
        for line, col, source, place in found:
            yield s, line, col, source, place


# The folders a desktop client uploads to its cloud and syncs to every device of the account (Dropbox, Google Drive,
# OneDrive, iCloud Drive, Box, pCloud, Nextcloud, ownCloud; macOS's File Provider folders under ~/Library/CloudStorage).
_SYNCED = re.compile(
    r"(?:^|/)(?:Dropbox(?: \([^/)]*\))?|Google ?Drive|My Drive|OneDrive(?: - [^/]*)?|iCloud ?Drive|Mobile Documents|"
    r"CloudStorage|Box(?: Sync)?|pCloud ?Drive|Nextcloud|ownCloud)(?:/|$)",
    re.I,
)


@rule(
    "SEC021",
    "error",
    "a runbook keeps its copies of the data (cp of a placeholder file) out of folders a cloud service syncs",
    "The kept copy of the database holds every clinical note and prescription. In a Dropbox, Google Drive, OneDrive, "
    "iCloud or Box folder the desktop client uploads it to that company's cloud, syncs it to every device of the "
    "account and keeps it in the version history: patient data outside the clinic's control, a reportable "
    "disclosure. The later parts and the undo that look for the copy beside the data find nothing either.",
    'keep the copy beside the data it copies (as "$DB_PATH.corrupt-…"), on the host that holds the data',
)
def kept_out_of_synced_folders(ctx: CheckContext, report: Reporter):
    for s, line, col, source, place in _kept_in(ctx.catalog, "synced", _SYNCED):
        message = f"the copy of {source} is kept in {place}, a folder a cloud service uploads and syncs"
        yield at(report, s, line, col, message)
