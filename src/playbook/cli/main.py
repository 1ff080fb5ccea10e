"""The `playbook` command: one console script; each command group registers its subcommands."""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import TYPE_CHECKING

from playbook.cli.arguments import EXAMPLES, Parser
from playbook.cli.session import Session
from playbook.errors import DataError
from playbook.project import ProjectError

if TYPE_CHECKING:
    from playbook.data.catalog import Catalog

# Each module has `register(subparsers, session)`, adding its subcommands with set_defaults(func=...).
COMMAND_MODULES = [
    "playbook.cli.site",
    "playbook.cli.who",
    "playbook.cli.check",
    "playbook.cli.drill",
    "playbook.cli.generate",
    "playbook.cli.extract",
    "playbook.cli.run",
    "playbook.cli.alerts",
    "playbook.cli.exporter",
    "playbook.cli.incident",
    "playbook.cli.new",
    "playbook.cli.revisit",
]


def _data_option() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument(
        "--project",
        metavar="DIR",
        help="the playbook's folder, holding mkdocs.yml (default: $PLAYBOOK_PROJECT, else the current folder "
        "or the first one above it that holds mkdocs.yml)",
    )
    p.add_argument("--data", metavar="DIR", help="data folder (default: $PLAYBOOK_DATA, else the project's data/)")
    return p


class _Version(argparse.Action):
    """`--version`: the installed package, and the git version of the project found from here (if any)."""

    def __call__(self, parser, namespace, values, option_string=None):
        from importlib.metadata import PackageNotFoundError, version

        from playbook.version import playbook_version

        try:
            package = version("clinical-os-playbook")
        except PackageNotFoundError:
            package = "unknown (not installed)"
        try:
            p = Session(namespace.project, namespace.data).project()
            stamp = playbook_version(p.root)
            here = f"playbook {stamp['version']} ({stamp['date']}) at {p.root}"
        except ProjectError as e:
            here = f"no project here ({e})"
        print(f"playbook command {package}; {here}")
        parser.exit(0)


def parser(session: Session | None = None) -> argparse.ArgumentParser:
    """The `playbook` parser; its commands and the choices its helps list read the data of `session`."""
    session = session or Session()
    p = Parser(
        prog="playbook",
        description="The Clinical OS operational playbook, as code.",
        parents=[_data_option()],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action=_Version, nargs=0, help="show the package and project versions, then exit")
    p.set_defaults(session=session)
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub, session)
    p.command_names = tuple(sub.choices)
    # The first example of every command, so `playbook --help` shows how each one is called.
    firsts = [c.epilog.split("\n")[1] for c in sub.choices.values() if c.epilog]
    p.epilog = "\n".join(
        [EXAMPLES, *firsts, "", "playbook COMMAND --help shows a command's options and more examples."]
    )
    return p


def main(argv: list[str] | None = None, loaded: Catalog | None = None) -> int:
    """Run `playbook argv`; `loaded` is data already loaded by the caller (the site's worked examples)."""
    argv = sys.argv[1:] if argv is None else argv
    known, _ = _data_option().parse_known_args(argv)
    session = Session(known.project, known.data, loaded)
    p = parser(session)
    # the command's real name, for the messages below, even when parsing itself fails (it reads the data)
    command = next((a for a in argv if a in p.command_names), "")
    prefix = f"playbook {command}" if command else "playbook"
    try:
        args = p.parse_args(argv)
        return args.func(args)
    except DataError as e:
        print(e, file=sys.stderr)
        print(
            f"{prefix}: the data is invalid ({len(e.problems)} problem(s)); fix the lines above.",
            file=sys.stderr,
        )
        return 2
    except ProjectError as e:
        print(f"{prefix}: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
