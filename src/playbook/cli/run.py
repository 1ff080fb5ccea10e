"""`playbook run <runbook>`: walk a generated runbook step by step, asking before each step."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from playbook.cli.arguments import command
from playbook.cli.session import Session


def _ask(prompt: str) -> str | None:
    """A line from the operator; None at the end of input."""
    try:
        return input(prompt)
    except EOFError:
        print(flush=True)
        return None


def _ask_secret(prompt: str) -> str | None:
    """A line typed without echo on a terminal (a secret placeholder); a plain line from a pipe."""
    if not sys.stdin.isatty():
        return _ask(prompt)
    import termios

    fd = sys.stdin.fileno()
    before = termios.tcgetattr(fd)
    quiet = before[:3] + [before[3] & ~termios.ECHO] + before[4:]
    try:
        termios.tcsetattr(fd, termios.TCSADRAIN, quiet)
        return _ask(prompt)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, before)
        print(flush=True)


def cmd_run(args) -> int:
    from playbook.runbooks.guard import judge
    from playbook.runbooks.manifest import find_runbook, load_manifest
    from playbook.runbooks.origins import origins
    from playbook.runbooks.runner import walk
    from playbook.runbooks.transcript import parse_sets

    cat = args.session.catalog()
    folder = Path(args.runbooks) if args.runbooks else cat.project.runbooks
    if not (folder / "manifest.json").is_file():
        print(f"playbook run: {folder}/manifest.json not found; run `playbook generate` first", file=sys.stderr)
        return 2
    manifest = load_manifest(folder)
    found = find_runbook(manifest, args.runbook)
    if not found:
        ids = ", ".join(rid for rid, rb in manifest.items() if rb.get("steps"))
        print(f"playbook run: no runbook {args.runbook!r}; runbooks with steps: {ids}", file=sys.stderr)
        return 2
    rid, runbook = found
    sets, problem = parse_sets(args.set or [], cat.placeholders)
    if problem:
        print(f"playbook run: {problem}", file=sys.stderr)
        return 2

    def say(text: str) -> None:
        print(text, flush=True)

    env = {**os.environ, **sets}
    code, log = walk(
        rid,
        runbook,
        cat.placeholders,
        env,
        _ask,
        say,
        dry_run=args.dry_run,
        manifest=manifest,
        ask_secret=_ask_secret,
        origins=lambda rb: origins(cat, rb),
        judge=judge,
    )
    if args.transcript is not None:  # written only when asked for: a dry run leaves no file behind
        stamp = log.started.strftime("%Y%m%dT%H%M%SZ")
        path = Path(args.transcript or f"transcript-{rid.replace('/', '-')}-{stamp}.md")
        path.write_text(log.markdown(), encoding="utf-8")
        print(f"\nTranscript: {path}", flush=True)
    return code


def _runbook_ids(session: Session) -> list[str]:
    """The runbooks with steps in the project's runbooks/manifest.json (none listed when it is missing)."""
    from playbook.runbooks.manifest import load_manifest

    try:
        manifest = load_manifest(session.project().runbooks)
    except (OSError, ValueError, RuntimeError):
        return ["(none yet: run playbook generate)"]
    return [rid for rid, rb in manifest.items() if rb.get("steps")]


def register(sub, session: Session) -> None:
    p = command(
        sub,
        "run",
        "walk a runbook step by step, asking before each step (--transcript keeps a record for the timeline)",
        [
            "playbook run database-down --dry-run   # print every step, run nothing",
            "playbook run database-down --set DB_PATH=prisma/dev.db --transcript",
        ],
    )
    runbook = p.add_argument("runbook", help="runbook id (or its last part)")
    p.later(lambda _: setattr(runbook, "help", f"{runbook.help}: {', '.join(_runbook_ids(session))}"))
    p.add_argument("--dry-run", action="store_true", help="print every step, run nothing (secrets masked)")
    p.add_argument(
        "--transcript",
        nargs="?",
        const="",
        metavar="FILE",
        help="write a Markdown transcript for the incident timeline (FILE, or ./transcript-<id>-<time>.md)",
    )
    p.add_argument(
        "--set",
        action="append",
        metavar="NAME=VALUE",
        help="give a placeholder of data/meta.yaml its value up front (repeatable); an unset one is asked for",
    )
    p.add_argument("--runbooks", help="runbooks folder (default: the project's runbooks/)")
    p.set_defaults(func=cmd_run)
