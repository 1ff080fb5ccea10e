"""Checker rule on the values SQL compares with the app's columns: spelled as the data names them (REF021)."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.data.markup import data_strings
from playbook.data.suggest import one_edit
from playbook.runbooks.blockcheck import sql_statements

# A column compared with a quoted word: `status = 'finalized'`, `"status" != 'draft'`, `status IN ('a', 'b')`.
_COMPARED = re.compile(r"""(?i)"?([A-Za-z_]\w*)"?\s*(?:==?|!=|<>|\bIN\s*\()""")
_LITERAL = re.compile(r"'([^'\n]*)'")
WORD_MIN = 5  # a shorter word (sent, new) is one edit from too many words to tell which was meant


def compared_words(sql: str, columns: set[str]) -> list[tuple[int, str]]:
    """(offset, word) of each one-word string literal `sql` compares with one of `columns` (the app's, lower case)."""
    out = []
    for m in _COMPARED.finditer(sql):
        if m.group(1).lower() not in columns:
            continue
        if m.group(0).endswith("("):  # an IN list: each literal up to the closing parenthesis
            end = sql.find(")", m.end())
            found = list(_LITERAL.finditer(sql, m.end(), end if end >= 0 else len(sql)))
        else:
            found = [_LITERAL.match(sql, m.end() + len(sql[m.end() :]) - len(sql[m.end() :].lstrip()))]
        out += [(lit.start(1), lit.group(1)) for lit in found if lit and re.fullmatch(r"[a-z_]+", lit.group(1))]
    return out


def misspelt(word: str, vocabulary: set[str]) -> str | None:
    """The one word of `vocabulary` that `word` misspells (one letter changed, or two neighbours swapped: a value
    one letter longer or shorter is often another word, `pending` and `ending`), when `word` is none of it."""
    if word in vocabulary or len(word) < WORD_MIN:
        return None
    near = [v for v in vocabulary if len(v) == len(word) and one_edit(v, word)]
    return near[0] if len(near) == 1 else None


def _columns(cat) -> set[str]:
    """The app schema's quoted names (tables and columns, as Prisma writes them), lower case."""
    try:
        return {n.lower() for n in re.findall(r'"(\w+)"', cat.project.app_schema.read_text(encoding="utf-8"))}
    except OSError:
        return set()


@rule(
    "REF021",
    "error",
    "a word SQL compares with a column of the app is spelled as the data names that value (finalized, not finalised)",
    "`WHERE status = 'finalised'` runs and matches no row: the app stores `finalized`, as the metric "
    "write.note.finalized and the runbook's text spell it, so the state check lists nothing and the responder "
    "concludes nothing is stuck. A word compared with a column of the app schema that the data's text never uses, "
    "one letter changed or two swapped from one word it does use, is that word misspelt.",
    "write the value as the data spells it (or, if the app stores this spelling, name it in the step's text)",
)
def sql_values(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    columns = cat.memoized(("sql values", "columns"), lambda: _columns(cat))
    vocabulary = cat.memoized(
        ("sql values", "words"), lambda: {w for _, _, t in data_strings(cat) for w in re.findall(r"[a-z]+", t.lower())}
    )
    for s in spots(cat):
        if s.kind not in ("shell", "sql"):
            continue
        for sql, _line, _col in sql_statements(s.code, s.kind):
            start = s.code.find(sql)
            for offset, word in compared_words(sql, columns):
                meant = misspelt(word, vocabulary)
                if meant and start >= 0:
                    k = start + offset
                    line, col = s.code.count("\n", 0, k) + 1, k - (s.code.rfind("\n", 0, k) + 1) + 1
                    message = f"'{word}' is no value the data names; did you mean '{meant}' (as the data spells it)?"
                    yield at(report, s, line, col, message)
