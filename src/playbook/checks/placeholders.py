"""Checker rules on meta.yaml's placeholders: each is read by a command (REF010), a file never as a folder (REF029)."""

from __future__ import annotations

import re

from playbook.checks.bare_names import bare_uses
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.markup import _finding_at
from playbook.data import files as F
from playbook.data.markup import free_strings
from playbook.data.suggest import closest

_READ = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)")  # $NAME or ${NAME…}: a shell variable read


@rule(
    "REF010",
    "error",
    f"every placeholder declared in {F.META.name} is read by a command of the data",
    "The placeholders are what a reader sets once in the shell before the commands run. One that no command reads "
    "is a name renamed on one side only: the commands still read the old name, now undeclared and empty, and the "
    "reader is told to set a variable nothing uses.",
    "give the placeholder the name the commands read (or drop it, if no command needs it any more)",
)
def placeholders_used(ctx: CheckContext, report: Reporter):
    # Reported at the declaration: the commands' uses of the old name are REF009's, at each use; this is the one
    # line that explains them all when the declaration is what was renamed.
    cat = ctx.catalog
    files = [cat.file(s) for s in F.SINGLE if s is not F.META] + [rel for rel, _ in cat.runbook_files()]
    read: dict[str, int] = {}
    for rel in files:
        for line in report.lines(rel):
            if "$" in line:
                for name in _READ.findall(line):
                    read[name] = read.get(name, 0) + 1
    declared = {p.name for p in cat.meta.placeholders}
    named = bare_uses(cat)  # a command given the bare name where it meant $NAME: REF024's, at that command
    for i, p in enumerate(cat.meta.placeholders):
        if p.name in read or p.name in named:
            continue
        meant = closest(p.name, [n for n in read if n not in declared])
        hint = f"did you mean {meant}, which the commands read {read[meant]} time(s)? " if meant else ""
        message = f"placeholder {p.name} is declared, but no command of the data reads ${p.name}"
        yield report(F.META, ("placeholders", i, "name"), message, hint + report.rule.fix)


# A file's last path part: a name with an extension ("dev.db", "logs.json", "dev.db.backup")
_FILE_NAME = re.compile(r"[^/]*[^/.]\.[A-Za-z0-9]+$")


def file_placeholders(cat) -> set[str]:
    """The placeholders whose default names a file: a path (no address: `https://app.dramal.com` is a host) whose last
    part has an extension, with no trailing slash."""
    return {
        p.name
        for p in cat.meta.placeholders
        if p.default and "://" not in str(p.default) and _FILE_NAME.search(str(p.default))
    }


@rule(
    "REF029",
    "error",
    "a placeholder whose default names a file is never used as a folder (`$DB_PATH/`)",
    'A slash after a file\'s placeholder makes the path a folder: `ls -la "$DB_PATH/"` fails with "Not a directory" '
    "on the database file, and the step's failure hint then sends the responder looking for a file that is there; "
    "`$LOG_FILE/x` names nothing. The placeholder's default (meta.yaml) says what it is: a name with an extension is "
    "a file.",
    'drop the slash: a file beside it is `$NAME-wal` or `$NAME.copy`, its folder `$(dirname "$NAME")`',
)
def files_are_not_folders(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    names = file_placeholders(cat)
    if not names:
        return
    used_as_folder = re.compile(r"\$\{?(" + "|".join(sorted(names)) + r")\}?\"?/")
    for file, path, text in free_strings(cat):
        if "$" in text and (m := used_as_folder.search(text)):
            message = f"${m.group(1)} is a file (its default names one), used here as a folder: {m.group(0)!r}"
            yield _finding_at(cat, report, file, path, text, m.start(), message, column=True)
