"""Checker rule on a comparison operator a decision's text names against the one the runbooks' code compares with."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F
from playbook.data.walk import blocks

# A comparison operator typed alone (not part of =>, >>, <<, <=> or an arrow), in prose or in code
_OP = r"(?<![<>=!\-])(>=|<=|==|!=|>|<)(?![<>=])"
_SAID = re.compile(_OP)
# A comparison in code: an operand, the operator between spaces, an operand (a redirection has no left operand
# with the clause's number in it, so it never matches what a decision says)
_COMPARED = re.compile(r"(\S+)\s+" + _OP + r"\s+(\S+)")
_NUMBER = re.compile(r"(?<![\w.])\d+(?![\w.])")
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


def _clause(text: str, at: int) -> str:
    """The clause of `text` around offset `at`: between the commas or semicolons outside brackets that bound it."""
    depth, start = 0, 0
    for k, ch in enumerate(text[:at]):
        depth += 1 if ch in "([" else -1 if ch in ")]" else 0
        if ch in ",;." and depth <= 0 and (k + 1 == len(text) or text[k + 1] == " "):
            start = k + 1
    return text[start:at]


def _outside_brackets(text: str) -> str:
    out, depth = [], 0
    for ch in text:
        depth += 1 if ch in "([" else -1 if ch in ")]" else 0
        out.append(ch if depth <= 0 and ch not in ")]" else " ")
    return "".join(out)


def code_comparisons(cat) -> dict[str, set[str]]:
    """number -> the operators the runbooks' code compares an operand holding that number with (`.t[:19] >= …`)."""

    def find() -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for _, _, b in blocks(cat):
            for m in _COMPARED.finditer(b.code):
                for n in set(_NUMBER.findall(m.group(1) + " " + m.group(3))):
                    out.setdefault(n, set()).add(m.group(2))
        return out

    return cat.memoized("code comparisons", find)


@rule(
    "DEC006",
    "error",
    "a comparison operator a decision's text names is the one the runbooks' code makes that comparison with",
    "A decision that settles an edge case by its operator (compare with >=, so a record at exactly the start time "
    "counts) is read as the reason the code is as it is; a text naming another operator than the code's "
    "misdescribes the query and licenses the very bug it settled.",
    "write the operator the code compares with (the comparison on the same number), or revisit the decision",
)
def decision_names_the_code_operator(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    file = cat.file(F.DECISIONS)
    lines = report.lines(file)
    compared = code_comparisons(cat)
    for i in range(len(cat.decisions.decisions)):
        line, _ = cat.where(file, ("decisions", i, "decision"))
        if not 0 < line <= len(lines):
            continue
        text = lines[line - 1]
        plain = _TEMPLATE.sub(lambda m: " " * len(m.group(0)), text)
        for m in _SAID.finditer(plain):
            numbers = set(_NUMBER.findall(_outside_brackets(_clause(plain, m.start()))))
            ops = set().union(*(compared.get(n, set()) for n in numbers)) if numbers else set()
            if ops and m.group(1) not in ops:
                said = ", ".join(sorted(numbers))
                message = f"the decision says the comparison on {said} is made with {m.group(1)}, but the code "
                message += f"compares with {' or '.join(sorted(ops))}"
                yield report.at(file, line, m.start() + 1, message, f"write {' or '.join(sorted(ops))}")
