"""The `playbook` command: one console script whose subcommands live in the `cmd_*` modules."""

from __future__ import annotations

import argparse
import importlib
import sys

from playbook.errors import DataError

# Each module has `register(subparsers)`, adding its subcommands with set_defaults(func=...).
COMMAND_MODULES = [
    "playbook.cmd_site",
    "playbook.cmd_who",
    "playbook.cmd_check",
    "playbook.cmd_drill",
    "playbook.cmd_extract",
    "playbook.cmd_run",
    "playbook.cmd_alerts",
    "playbook.cmd_lifecycle",
]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="playbook", description="The Clinical OS operational playbook, as code.")
    p.add_argument("--data", help="data folder (default: $PLAYBOOK_DATA, else the repository's data/)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except DataError as e:
        print(e, file=sys.stderr)
        print(
            f"playbook {args.command}: the data is invalid ({len(e.problems)} problem(s)); fix the lines above.",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
