"""Checker rule on a path of the data (a database, a backup, a dump) under a folder the web app serves (SEC026)."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at_node, spots
from playbook.data import files as F
from playbook.runbooks.destructive import runs

# The folders a web app's server gives out as they are, at the site's root: Next.js' and Vite's `public/` (the app is
# deployed to Vercel with its checkout), `static/` (Hugo, SvelteKit, Django's collected files), the `www/`, `htdocs/`
# and `wwwroot/` of a web server. A path is under one when its first folder is one (after `./`): a file written there
# is published with the next deploy to whoever asks for its name.
_SERVED = re.compile(r"^(?:\./)?(public|static|www|wwwroot|htdocs)/\S*$")


def served(path: str) -> str:
    """The served folder `path` (relative, as the data writes it) stands in ('' when none)."""
    m = _SERVED.match(path.strip())
    return m.group(1) if m else ""


@rule(
    "SEC026",
    "error",
    "no path of the data (a placeholder's default, a command's file) lies under a folder the web app serves "
    "(public/, static/)",
    "Files under the app's public/ (or static/, www/) are given out at the site's root with the next deploy: a "
    "database, its backup, a dump or a log export written there (public/backups/dev.db.backup) is downloadable by "
    "anyone at https://<the app>/backups/dev.db.backup, the whole clinical record in one file, and `vercel deploy` "
    "from the checkout publishes it. The data's files belong beside the database (prisma/), outside any served folder.",
    "keep the file outside the served folders, beside the database (prisma/dev.db.backup)",
)
def paths_outside_served_folders(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for i, p in enumerate(cat.meta.placeholders):
        if isinstance(p.default, str) and (folder := served(p.default)):
            message = f"{p.name}'s default {p.default} lies under {folder}/, which the app serves to anyone"
            yield report(F.META, ("placeholders", i, "default"), message)
    for s in spots(cat):
        if s.kind != "shell":
            continue
        for _node, words, argv in cat.memoized(("served paths", "runs", s.code), lambda s=s: list(runs(s.code))):
            for i, a in enumerate(argv[1:], 1):
                if folder := served(a):
                    message = f"{argv[0]} writes or reads {a}, under {folder}/, which the app serves to anyone"
                    yield at_node(report, s, words[i], message)
