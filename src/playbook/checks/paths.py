"""Checker rules on the file paths the data names: each read where it is meant to be (FILE018, FILE019, FILE020)."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F

# An absolute path of one machine: POSIX (`/Users/…`, `/home/…`), a home folder (`~/…`, `$HOME/…`), a drive (`C:\…`).
_ABSOLUTE = re.compile(r"^(?:/|~[\w.-]*(?:/|$)|\$\{?HOME\b|[A-Za-z]:[\\/])")
# A separator beside a glob's wildcard (`search_dev_*.yaml`): the series' first file often has neither.
_SEPARATED = re.compile(r"[_-](?=\*)|(?<=\*)[_-]")


@rule(
    "FILE018",
    "error",
    "a placeholder's default path is relative (to the app checkout), never an absolute path of one machine",
    "A placeholder's default is what every responder's shell gets: `prisma/dev.db.backup` names the backup in any "
    "checkout, on the server and on each laptop, while `/Users/jdoe/src/clinical-os/prisma/dev.db.backup` names it "
    "on the editor's laptop alone. The command then fails everywhere else (`unable to open`), and the Placeholders "
    "page publishes the editor's own folder and login name.",
    "write the path relative to the app checkout, as the other placeholders' defaults are",
)
def placeholder_paths(ctx: CheckContext, report: Reporter):
    for i, p in enumerate(ctx.catalog.meta.placeholders):
        if p.default is not None and _ABSOLUTE.match(str(p.default)) and "://" not in str(p.default):
            message = f"{p.name}'s default {p.default} is an absolute path: it names a file on one machine only"
            yield report(F.META, ("placeholders", i, "default"), message)


def _file_keys(value, path: tuple = ()):
    """(path, value) of every `*_file` key under a model dumped to plain data."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key.endswith("_file") and isinstance(item, str):
                yield (*path, key), item
            else:
                yield from _file_keys(item, (*path, key))


@rule(
    "FILE019",
    "error",
    "a file the Alertmanager reads (each router `*_file`) is an absolute path on its host",
    "Alertmanager reads a relative `*_file` from the folder of its configuration file (the generated "
    "alerts/alertmanager.yml) or its working directory, not from its secrets folder: the Slack webhook or the mail "
    "password is then not found on the host and no one is notified, and the tests want the secret inside this "
    "repository, one `git add .` from being committed.",
    "write the absolute path of the file on the Alertmanager host (/etc/alertmanager/secrets/…), as the others are",
)
def alertmanager_files(ctx: CheckContext, report: Reporter):
    router = ctx.catalog.alerts.router.model_dump()
    for path, value in _file_keys(router, ("router",)):
        if not value.startswith("/") and not value.upper().startswith("TBD"):
            message = f"{path[-1]} {value} is a relative path: Alertmanager reads it from its own working folder"
            yield report(F.ALERTS, path, message)


def loosened(pattern: str) -> list[str]:
    """The globs `pattern` would be without a separator beside one of its wildcards: `search_dev_*.yaml` gives
    `search_dev*.yaml` which also name the first file of a series, `search_dev.yaml`."""
    return [pattern[: m.start()] + pattern[m.end() :] for m in _SEPARATED.finditer(pattern)]


@rule(
    "FILE020",
    "error",
    "each glob of search.yaml `tuned_to` names files, and every file of the series it names",
    "`tuned_to` names the query sets whose queries no runbook keyword may copy (SRCH006). A glob that names no file, "
    "or one tidied to `search_dev_*.yaml` that no longer names the series' first file `search_dev.yaml`, drops "
    "those queries from the comparison without a word: a keyword that copies one then passes.",
    "write the glob so that it names every file of the set (`search_dev*.yaml`), from the project root",
)
def tuned_globs(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    project = cat.project
    named: set = set()
    found: dict[int, list] = {}
    for i, pattern in enumerate(cat.search.tuned_to):
        if pattern.startswith("/") or ".." in pattern.split("/"):  # read from the project root, and inside it only
            yield report(F.SEARCH, ("tuned_to", i), f"tuned_to {pattern!r} reaches outside the project root")
            continue
        folder = pattern.split("*")[0].rsplit("/", 1)[0] if "/" in pattern.split("*")[0] else "."
        if not (project.root / folder).is_dir():
            continue  # the data checked outside its checkout (a copy of the site's sources): no set to name
        try:
            found[i] = project.files(pattern)
        except ValueError:
            continue  # a glob Python cannot read: SRCH006 says so
        named |= set(found[i])
    for i, files in found.items():
        pattern = cat.search.tuned_to[i]
        if not files:
            yield report(F.SEARCH, ("tuned_to", i), f"tuned_to {pattern!r} names no file")
            continue
        for wider in loosened(pattern):
            try:
                missed = [p for p in project.files(wider) if p not in named]
            except ValueError:
                continue
            if missed:
                message = (
                    f"tuned_to {pattern!r} misses {project.rel(missed[0])} of its series "
                    f"({wider!r} names it): its queries are compared with no keyword"
                )
                yield report(F.SEARCH, ("tuned_to", i), message, f"write {wider!r}", needle=pattern)
                break
