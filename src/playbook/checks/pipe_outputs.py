"""Checker rules on commands that run and print the wrong thing, from the parse: uniq on unsorted input (TOOL019), a
command substitution whose output goes elsewhere (TOOL020), colour forced into a pipe or a file (TOOL024)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tree_sitter import Node

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.runbooks.destructive import _past_wrappers, runs
from playbook.runbooks.shellparse import _argv, _parser, _text, _value, _walk

# Commands whose output is in sorted order: uniq after them in a pipeline sees equal lines side by side (sort's
# manual; ls sorts its names unless told not to: -U, -f, --sort=none, -t, -S, -v, -X change the order)
_SORTED = {"sort"}
_LS_UNSORTED = ("-U", "-f", "-t", "-S", "-v", "-X", "--sort")


def _program(node: Node) -> tuple[str, list[str]]:
    """A command node's program (past its wrappers, without a path) and its arguments; ("", []) when none."""
    argv = [_value(w) for w in _argv(node)]
    i = _past_wrappers(argv)
    if i is None or i >= len(argv):
        return "", []
    return argv[i].rsplit("/", 1)[-1], argv[i + 1 :]


def _sorts(node: Node) -> bool:
    """Whether a command of a pipeline writes its lines in sorted order (sort; ls by name; jq sorting its output)."""
    program, args = _program(node)
    if program in _SORTED:
        return True
    if program == "ls":
        return not any(a.startswith(_LS_UNSORTED) or (a[:1] == "-" and set(a[1:]) & set("UftSvX")) for a in args)
    return program == "jq" and any(f in a for a in args for f in ("sort", "group_by", "unique"))


def _stage(node: Node) -> Node:
    """The command a pipeline stage runs (a redirected command's own command)."""
    if node.type == "redirected_statement" and node.named_children:
        return node.named_children[0]
    return node


def _operands(args: list[str]) -> list[str]:
    """uniq's operands (the files it reads and writes), past its options and their values (-f N, -s N, -w N)."""
    out, k = [], 0
    while k < len(args):
        a = args[k]
        if a == "-" or not a.startswith("-"):
            out.append(a)
        k += 1 + (a in ("-f", "-s", "-w", "--skip-fields", "--skip-chars", "--check-chars"))
    return out


def unsorted_uniqs(code: str) -> Iterator[Node]:
    """Each uniq (its command node) that reads a pipe no command before it in the same pipeline sorts."""
    for node in _walk(_parser().parse(code.encode()).root_node):
        if node.type != "pipeline":
            continue
        stages = [_stage(c) for c in node.named_children]
        for k, stage in enumerate(stages):
            if k == 0 or stage.type != "command":
                continue
            program, args = _program(stage)
            if program != "uniq" or _operands(args)[:1] not in ([], ["-"]):
                continue  # not uniq, or uniq reading a file it names (its first operand; the second is its output)
            if not any(s.type == "command" and _sorts(s) for s in stages[:k]):
                yield stage


@rule(
    "TOOL019",
    "error",
    "uniq in a pipeline reads lines that a sort before it in the same pipeline ordered",
    "uniq (and uniq -c) folds only ADJACENT equal lines: on log records, where one IP's or user's lines interleave "
    "with others', `… | uniq -c | sort -rn` prints many small counts per value instead of one total, and the top of "
    "the list is no longer the value that occurs most.",
    "sort the lines first: `… | sort | uniq -c | sort -rn` (or `sort -u` for distinct lines)",
    tools=True,
)
def uniq_sorted(ctx: CheckContext, report: Reporter):
    for s in spots(ctx.catalog):
        if s.kind != "shell" or "uniq" not in s.code:
            continue
        for node in unsorted_uniqs(s.code):
            line, col = node.start_point[0] + 1, node.start_point[1] + 1
            message = "uniq reads lines no sort ordered: it counts runs of adjacent equal lines, not each value once"
            yield at(report, s, line, col, message)


def _redirects(node: Node) -> list[Node]:
    """The redirections of a statement that apply to its last command's output, in the order written."""
    out = [c for c in node.children if c.type == "file_redirect"]
    if node.type == "redirected_statement" and node.named_children:
        out += _redirects(_last(node.named_children[0]))
    return sorted(out, key=lambda n: n.start_byte)


def _last(node: Node) -> Node:
    """The command whose output ends a statement: a pipeline's last stage, a list's last part."""
    while node.type in ("pipeline", "list") and node.named_children:
        node = node.named_children[-1]
    return node


def lost_output(sub: Node) -> Node | None:
    """The redirection that sends a command substitution's last command's output (and its errors) elsewhere than the
    substitution, so it always captures nothing; None when something reaches it. The redirections are followed in
    order, as bash applies them: `2>&1 >/dev/null` captures the errors, `>/dev/null 2>&1` nothing."""
    body = [c for c in sub.named_children if c.type not in ("comment",)]
    if not body:
        return None
    last = _last(body[-1])
    fds = {"1": "captured", "2": "errors"}
    culprit = None
    for r in _redirects(last):
        parts = [c for c in r.children]
        fd = next((_text(c) for c in parts if c.type == "file_descriptor"), None)
        op = next((_text(c) for c in parts if not c.is_named), "")
        target = _text(parts[-1]) if parts else ""
        if op in ("&>", "&>>"):
            fds["1"] = fds["2"] = f"file {target}"
        elif op in (">", ">>", ">|", ">&") and (fd or "1") in fds:
            dest = fds.get(target, f"fd {target}") if op == ">&" and target.isdigit() else f"file {target}"
            if op == ">&" and target == "-":
                dest = "closed"
            fds[fd or "1"] = dest
        else:
            continue
        if "captured" not in fds.values() and culprit is None:
            culprit = r
        elif "captured" in fds.values():
            culprit = None
    return culprit if "captured" not in fds.values() else None


def lost_substitutions(code: str) -> Iterator[Node]:
    """The redirection of each command substitution of a block that captures nothing."""
    for node in _walk(_parser().parse(code.encode()).root_node):
        if node.type == "command_substitution" and (r := lost_output(node)) is not None:
            yield r


@rule(
    "TOOL020",
    "error",
    "a command substitution `$(…)` captures its command's output: the last command's stdout is not redirected away",
    "Inside `$(…)` only what the last command writes to stdout is captured: `check=$(sqlite3 … 1>&2)` (typed for "
    "`2>&1`), `>/dev/null` or `> file` sends it elsewhere, so the variable is empty every time, for a healthy "
    "database too, and the test after it always takes the failure branch.",
    "keep the output in the substitution: `2>&1` to capture the errors too, and no `>&2`, `>/dev/null` or `> file` "
    "on its last command",
    tools=True,
)
def substitution_captures(ctx: CheckContext, report: Reporter):
    for s in spots(ctx.catalog):
        if s.kind != "shell" or ("$(" not in s.code and "`" not in s.code):
            continue
        for r in lost_substitutions(s.code):
            line, col = r.start_point[0] + 1, r.start_point[1] + 1
            message = f"`{_text(r)}` sends the output of the command substitution elsewhere: it always captures nothing"
            yield at(report, s, line, col, message)


# The flags by which each program forces terminal colour (escape codes) whatever its output is (each one's manual):
# (short letters that force it in a cluster of short flags, long flags that force it, long flags whose bare form
# with no `=WHEN` means always)
_COLOUR = {
    "jq": ("C", ("--color-output",), ()),
    "yq": ("C", ("--colors",), ()),
    "tree": ("C", (), ()),
    "ls": ("", (), ("--color", "--colour")),
    "git": ("", (), ("--color",)),
    **{g: ("", (), ()) for g in ("grep", "egrep", "fgrep", "zgrep", "diff", "rg", "bat", "delta")},
}
_ALWAYS = re.compile(r"^--colou?r=(?:always|yes|force)$")


def forced_colour(program: str, args: list[str]) -> int | None:
    """The index in `args` of the first flag that forces colour for `program`; None when none does."""
    if program not in _COLOUR:
        return None
    letters, longs, bare = _COLOUR[program]
    for k, a in enumerate(args):
        if a == "--":
            break
        if _ALWAYS.match(a) or a in longs or a in bare:
            return k
        if a in ("--color", "--colour") and k + 1 < len(args) and args[k + 1] in ("always", "yes", "force"):
            return k
        if letters and re.fullmatch(r"-[A-Za-z]+", a) and set(letters) & set(a[1:]):
            return k
    return None


@rule(
    "TOOL024",
    "error",
    "a runnable command never forces terminal colour (jq -C, grep --color=always, ls --color)",
    "`playbook run` captures each block's output through a pipe into the incident transcript, and responders pipe "
    "or paste it on: a flag that forces colour writes ANSI escape codes there, and `jq -C` typed for `-c` also "
    "drops the one-line-per-record output, so the record list pastes into the timeline as garbage.",
    "drop the flag (each tool colours a terminal on its own): `jq -c` for one compact line per record, "
    "`--color=auto` at most",
    tools=True,
)
def no_forced_colour(ctx: CheckContext, report: Reporter):
    for s in spots(ctx.catalog):
        if s.kind not in ("shell", "jq") or not ("C" in s.code or "colo" in s.code):
            continue
        for _node, words, argv in runs(s.code):
            k = forced_colour(argv[0], argv[1:])
            if k is not None:
                word = words[k + 1]
                line, col = word.start_point[0] + 1, word.start_point[1] + 1
                message = f"`{argv[0]} {argv[k + 1]}` forces colour: escape codes in the captured or piped output"
                yield at(report, s, line, col, message)
