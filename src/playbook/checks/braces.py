"""Checker rule on shell loops: a `for` word's braces are a brace expansion bash performs (TOOL014)."""

from __future__ import annotations

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import SHELL_KINDS, at, broken_shell, results, spots
from playbook.runbooks import blockcheck as bc
from playbook.runbooks.braces import loop_words, unexpanded


@rule(
    "TOOL014",
    "error",
    "a `for` loop's words hold braces only as a brace expansion bash performs ({1..10}, {a,b}), as rendered",
    "`for i in {1...10}` (three dots) is no range: bash leaves the word as typed, so the loop runs once with i set to "
    'the text "{1...10}" and the test it drives (ten sign-ins to reach a rate limit) sends one. Each loop word with '
    "braces outside quotes is expanded by bash itself (its quoted parts and expansions set aside): one that comes "
    "back unchanged, a single word, is a brace bash does not read.",
    "write a range with two dots ({1..10}) or a list with commas ({a,b}); quote the word if the braces are meant",
    external=True,
)
def loop_braces(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    bad = broken_shell(ctx)  # TOOL001 reports a block bash cannot parse
    shell = results(ctx).shell
    found = []
    for s in spots(cat):
        if s.kind in SHELL_KINDS and shell.index(s.code) not in bad:
            found += [(s, w) for w in cat.memoized(("braces", s.code), lambda s=s: loop_words(s.code))]
    try:
        literal = unexpanded(list(dict.fromkeys(w[3] for _, w in found)))
    except bc.ToolMissing:
        return  # TOOL001 says bash is missing
    for s, (line, col, word, skeleton) in found:
        if skeleton in literal:
            yield at(report, s, line, col, f"bash does not expand the braces of the loop word {word}: it runs once")
