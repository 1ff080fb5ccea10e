"""Checker rules on placeholders' defaults: a backup's names its file's, a project's is its system's link's, none
asks the shell to expand it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.links import parsed_url
from playbook.data import files as F

# The words by which a placeholder's meaning says its file is a copy of another's ("the latest database backup
# file"): what a meaning says of a file is prose, and these are the few words English has for a kept copy.
_COPY_WORDS = {"backup", "backups", "copy", "copies", "snapshot"}


def _is_copy(meaning: str) -> bool:
    return bool(_COPY_WORDS & set(re.findall(r"[a-z]+", meaning.lower())))


def _copies(placeholders) -> Iterator[tuple[int, int]]:
    """(index of the copy, index of its file) of each placeholder whose meaning says it is a copy and whose name's
    stem (DB of DB_BACKUP) opens the name of exactly one other placeholder with a default that is no copy."""
    for i, b in enumerate(placeholders):
        if b.default is None or "_" not in b.name or not _is_copy(b.meaning):
            continue
        stem = b.name.rsplit("_", 1)[0] + "_"
        of = [k for k, a in enumerate(placeholders)
              if k != i and a.name.startswith(stem) and a.default is not None and not _is_copy(a.meaning)]  # fmt: skip
        if len(of) == 1:
            yield i, of[0]


@rule(
    "REF019",
    "error",
    "a placeholder whose meaning says it is a backup of another's file has a default that names that file "
    "(DB_BACKUP prisma/dev.db.backup, DB_PATH prisma/dev.db)",
    "The backup's default and the file's default are one fact written twice: the restore puts $DB_BACKUP in place "
    "of $DB_PATH. A file renamed on one side only (the database now clinical.db, the backup still dev.db's) makes "
    "the restore put another database's backup in place of this one; reported at both defaults, as either may be "
    "the one edited.",
    "make the backup's default the file's name with its backup suffix (or the file's the one the backup copies)",
)
def backup_default_names_file(ctx: CheckContext, report: Reporter):
    phs = ctx.catalog.meta.placeholders
    for i, k in _copies(phs):
        b, a = phs[i], phs[k]
        name = a.default.rstrip("/").rsplit("/", 1)[-1]
        if name and name in b.default:
            continue
        said = f"{b.name}'s default {b.default} is a backup of another file than {a.name}'s default {a.default}"
        yield report(F.META, ("placeholders", k, "default"), said)
        yield report(F.META, ("placeholders", i, "default"), said)


def _runs(part: list[str], whole: list[str]) -> bool:
    """Whether `part` is a run of consecutive items of `whole`."""
    n = len(part)
    return any(whole[j : j + n] == part for j in range(len(whole) - n + 1))


@rule(
    "REF020",
    "error",
    "a placeholder's default that names a path on a system (VERCEL_PROJECT dramal/clinical-os) is that path in the "
    "link to the same system (the Vercel Dashboard's URL)",
    "The placeholder and the link name one project twice: the commands read the placeholder, the reader opens the "
    "link. A default moved to another project (the staging one) while the link still opens production has the "
    "commands read another deployment than the one the reader looks at; reported at both, as either may be the one "
    "edited.",
    "give the default the path the system's link opens (or the link the default's path), the same project on both",
)
def default_matches_link(ctx: CheckContext, report: Reporter):
    meta = ctx.catalog.meta
    hosts = []
    for j, link in enumerate(meta.links):
        url = parsed_url(link.url)
        labels = (url.hostname or "").split(".")[:-1]  # the host's names but its top-level domain: vercel of vercel.com
        hosts.append((j, link, set(labels), [s for s in url.path.split("/") if s]))
    for i, p in enumerate(meta.placeholders):
        if p.default is None or "://" in p.default or "/" not in p.default:
            continue  # a URL is its own host's; a word with no path names no place on a system
        system = p.name.split("_", 1)[0].lower()
        part = [s for s in p.default.split("/") if s]
        for j, link, labels, path in hosts:
            if system in labels and not _runs(part, path):
                said = f"{p.name}'s default {p.default} is not the path {link.title} opens ({link.url})"
                yield report(F.META, ("placeholders", i, "default"), said)
                yield report(F.META, ("links", j, "url"), said)


# What a shell expands in a word it reads unquoted, and nowhere else a default goes: a leading tilde (or one after
# the `:` or `=` of an assignment), a parameter or command substitution, a backquote, a wildcard. A URL's own
# characters (`?`, `&`, `=`) are its query's, not the shell's.
_EXPANDED = [
    (re.compile(r"(?:^|[:=])(~[\w.-]*)"), "a tilde, the home folder"),
    (re.compile(r"\$(?:[A-Za-z_]\w*|\{[^}]*\}|\([^)]*\)?)"), "a shell variable or command"),
    (re.compile(r"`[^`]*`?"), "a backquoted command"),
    (re.compile(r"\*"), "a wildcard"),
]


def expanded(default: str) -> tuple[str, str] | None:
    """(the characters, what the shell would have made them) of the first part of a placeholder's default that only
    a shell reading it unquoted expands; None when the default is the same text to every reader."""
    for form, what in _EXPANDED[:3] if "://" in default else _EXPANDED:
        if m := form.search(default):
            return m.group(m.lastindex or 0), what
    return None


@rule(
    "REF023",
    "error",
    "a placeholder's default is the value itself: no `~`, `$HOME`, `$(…)` or wildcard that only an unquoted shell "
    "word expands",
    'The commands read a placeholder quoted ("$LOG_FILE") and the placeholders page sets each default quoted, so '
    "the shell expands nothing in it: a default of `~/logs.json` is a folder literally named ~, `$HOME/logs.json` a "
    "folder named $HOME, `logs/*.json` a file named with a star; every command then looks for a file that is not "
    "there. A default is written as the value every command receives.",
    "write the value itself: a path relative to where the commands run (as the other defaults are), or a full one",
)
def defaults_expand_nothing(ctx: CheckContext, report: Reporter):
    for i, p in enumerate(ctx.catalog.meta.placeholders):
        if p.default is None or (found := expanded(p.default)) is None:
            continue
        seen, what = found
        said = (
            f"{p.name}'s default {p.default} holds {seen} ({what}), which the shell expands only unquoted: the "
            f'commands read "${p.name}" quoted and get {seen} as written'
        )
        yield report(F.META, ("placeholders", i, "default"), said, needle=seen)
