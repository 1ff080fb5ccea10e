"""Command-line building blocks: one-line errors, runnable examples in help, choices read lazily from the data."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence

from playbook.data.suggest import closest
from playbook.incident import usage

EXAMPLES = "examples:"


class Parser(argparse.ArgumentParser):
    """An argparse parser whose errors are one line, and whose data-dependent parts are filled in only
    when this parser is used (its command runs or its help is shown), not whenever `playbook` starts."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._on_help: list[Callable[[Parser], None]] = []
        self._on_use: list[Callable[[Parser], None]] = []

    def later(self, fill: Callable[[Parser], None], *, also_to_parse: bool = False) -> None:
        """Call `fill(self)` once, before the help is formatted (and before parsing, if `also_to_parse`)."""
        (self._on_use if also_to_parse else self._on_help).append(fill)

    def _run(self, pending: list) -> None:
        while pending:
            pending.pop(0)(self)

    def parse_known_args(self, args=None, namespace=None):
        self._run(self._on_use)
        return super().parse_known_args(_negatives_attached(args), namespace)

    def format_help(self) -> str:
        self._run(self._on_use)
        self._run(self._on_help)
        return super().format_help()

    def error(self, message: str):
        """One line: what is wrong and where the help is (argparse's default prints the usage first)."""
        self.exit(2, f"{self.prog}: error: {message} (see: {self.prog} --help)\n")


_NEGATIVE = re.compile(r"-\d")


def _negatives_attached(args):
    """`--after -5m` as `--after=-5m`: argparse takes a value that starts with `-` and a digit (but is not a
    plain number) for an option and answers "expected one argument"; attached, the value reaches the option's
    own check, which says what is wrong with it."""
    if args is None:
        args = sys.argv[1:]
    out: list[str] = []
    for a in args:
        if out and out[-1].startswith("--") and "=" not in out[-1] and _NEGATIVE.match(a):
            out[-1] = f"{out[-1]}={a}"
        else:
            out.append(a)
    return out


def command(sub, name: str, summary: str, examples: Sequence[str], **kwargs) -> Parser:
    """A subcommand of `sub` whose help opens with `summary` (one line) and ends with `examples`.

    Each example is `playbook …` (a real invocation on the real data), optionally followed by
    `  # what it shows`; tests/cli/test_cli_help.py runs every one of them.
    """
    return sub.add_parser(
        name,
        help=summary,
        description=summary[0].upper() + summary[1:] + ".",
        epilog=EXAMPLES + "\n" + "\n".join(f"  {e}" for e in examples),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        **kwargs,
    )


class Fail(Exception):
    """What the person typed cannot be done: one line, then exit 2 (see `reported`)."""


def reported(name: str, fn: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """`fn` as a command whose Fail is one line, `playbook NAME: why`, and exit 2 (never a traceback)."""

    def wrapped(args: argparse.Namespace) -> int:
        try:
            return fn(args)
        except Fail as e:
            print(f"playbook {name}: {e}", file=sys.stderr)
            return 2

    return wrapped


def from_definition(sub, spec: usage.Command, from_data: Callable[[Parser, usage.Arg], None]) -> Parser:
    """The subcommand `spec` (a definition the site renders too) as an argparse parser; `from_data(parser, arg)`
    adds each argument whose choices come from the data."""
    p = command(sub, spec.word, spec.summary, spec.examples)
    for arg in spec.args:
        if arg.data:
            from_data(p, arg)
            continue
        kwargs: dict = {"help": argparse.SUPPRESS if arg.hidden else arg.help}
        if arg.switch:
            kwargs["action"] = "store_true"
        if arg.metavar:
            kwargs["metavar"] = arg.metavar
        if arg.default is not None:
            kwargs["default"] = arg.default
        if arg.choices:
            kwargs["choices"] = list(arg.choices)
        if arg.optional:
            kwargs["nargs"] = "?"
        if arg.required and not arg.positional:
            kwargs["required"] = True
        p.add_argument(*arg.names, **kwargs)
    return p


def ids_option(
    parser: Parser,
    *flags: str,
    ids: Callable[[], list[str]],
    what: str,
    normalize: Callable[[str], str] = str,
    shown: Callable[[list[str]], str] = ", ".join,
    source: str,
    guess: bool = False,
    **kwargs,
) -> argparse.Action:
    """An argument whose value must be one of `ids()` (read only when a value is checked or the help shown).

    A wrong value is one line that names the valid choices (exit 2). `normalize` maps what the user types
    (`1`) to an id (`SEV-1`); `source` names where the ids come from, shown when they cannot be read.
    """

    def check(text: str) -> str:
        valid = ids()
        try:
            value = normalize(text)
        except ValueError:
            value = None
        if value not in valid:
            meant = closest(text, valid) if guess else None  # opt-in: a near id is not always the one meant
            meant = f" (did you mean {meant}?)" if meant else ""
            raise argparse.ArgumentTypeError(f"{text!r} is not {what}{meant}; choose from {shown(valid)}")
        return value

    check.__name__ = what  # argparse names the type in some messages
    action = parser.add_argument(*flags, type=check, **kwargs)
    stem = action.help or what

    def fill(_parser: Parser) -> None:
        try:
            action.help = f"{stem}: {shown(ids())}".replace("%", "%%")
        except Exception:  # noqa: BLE001 - unusable data is reported by the command that loads it
            action.help = f"{stem} (from {source})"

    action.help = f"{stem} (from {source})"
    parser.later(fill)
    return action
