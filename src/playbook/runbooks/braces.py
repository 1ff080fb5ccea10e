"""The words of a shell `for` loop that hold braces bash leaves as typed: `{1...10}` (no range), `x{a}` (one item)."""

from __future__ import annotations

import re
import shutil
import subprocess

from playbook.runbooks.blockcheck import ToolMissing
from playbook.runbooks.shellparse import _parser, _text, _walk

# Parts of a word that are no brace expression (quoted, expanded): in a word bash expands, each stands for one letter,
# so bash itself is asked only about the word's literal braces, and runs nothing of the block.
_OPAQUE = ("string", "raw_string", "ansi_c_string", "simple_expansion", "expansion", "command_substitution")
_LITERAL = re.compile(r"[\w{}.,/:@%+=-]+")  # what bash may expand in place, with brace expansion alone: no globs


def _skeleton(node) -> str:
    if node.type in _OPAQUE:
        return "Q"
    if node.type == "concatenation":
        return "".join(_skeleton(c) for c in node.children)
    return _text(node)


def loop_words(code: str) -> list[tuple[int, int, str, str]]:
    """(line, column, word as typed, its literal skeleton) of each `for` loop word of a block with `{` and `}`
    outside quotes and expansions."""
    out = []
    for n in _walk(_parser().parse(code.encode()).root_node):
        if n.type != "for_statement":
            continue
        for w in n.children:
            if w.type in ("word", "concatenation", "brace_expression"):
                skeleton = _skeleton(w)
                if "{" in skeleton and "}" in skeleton and _LITERAL.fullmatch(skeleton):
                    out.append((w.start_point[0] + 1, w.start_point[1] + 1, _text(w), skeleton))
    return out


def unexpanded(skeletons: list[str]) -> set[str]:
    """The skeletons bash's brace expansion leaves as they are (one word, unchanged): one bash for all of them."""
    bash = shutil.which("bash")
    if not bash:
        raise ToolMissing("bash", "apt-get install bash")
    if not skeletons:
        return set()
    script = "set -f\n" + "".join(f"__pb=({s}); printf '%s\\0' \"${{#__pb[@]}}:${{__pb[0]}}\"\n" for s in skeletons)
    proc = subprocess.run([bash, "--norc", "--noprofile"], input=script, capture_output=True, text=True, timeout=20)
    got = proc.stdout.split("\0")[: len(skeletons)]
    return {s for s, g in zip(skeletons, got, strict=False) if g == f"1:{s}"}
