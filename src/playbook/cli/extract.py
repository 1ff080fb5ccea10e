"""`playbook extract`: the runbooks/ part of `playbook generate` (checks the data, then writes runbooks/)."""

from __future__ import annotations

from pathlib import Path

from playbook.cli.arguments import command
from playbook.cli.session import Session


def cmd_extract(args) -> int:
    from playbook.cli.generate import run

    return run(args, ["runbooks"], "playbook extract", out=Path(args.out).resolve() if args.out else None)


def register(sub, session: Session) -> None:
    p = command(
        sub,
        "extract",
        "check the data, then regenerate runbooks/ from the code blocks of the rendered pages "
        "(deprecated: part of playbook generate)",
        ["playbook extract", "playbook extract --out runbooks-preview   # write them elsewhere, e.g. to compare"],
    )
    p.add_argument("--out", help="folder to write (default: the project's runbooks/)")
    p.set_defaults(func=cmd_extract)
