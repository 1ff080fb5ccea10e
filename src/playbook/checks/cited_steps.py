"""Checker rule on a runbook's text that cites "step N" of its own runbook: what it says is what step N is about."""

from __future__ import annotations

import re
from collections import Counter

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data.spelling import words
from playbook.data.stems import stem
from playbook.data.walk import runbooks, step_blocks, texts

_CITE = re.compile(r"\bsteps?\s+(\d+)\b", re.I)
# A clause: what one citation is said of. A clause with a link (`](`) may cite another runbook's steps: skipped.
# A citation in brackets ("restore from the backup (step 5)") belongs to the clause around it: no split there.
_CLAUSE = re.compile(r"[;:!?]|,\s|\.(?:\s|$)")


def _stems(text: str) -> set[str]:
    return {stem(w) for w in words(text) if not w.isdigit()}


def _owned(titles: list[set[str]]) -> dict[str, int]:
    """Each stem that one step's title alone holds in its runbook, and that step's number (1-based): the words that
    tell the steps apart ("restore", "backup"; not "check" or "database", which several titles share)."""
    seen = Counter(s for t in titles for s in t)
    return {s: n for n, t in enumerate(titles, 1) for s in t if seen[s] == 1}


def _texts(cat, file: str, rb):
    """(path, text) of a runbook's prose (walk.texts) and of its blocks' failure hints."""
    yield from ((path, text) for f, path, text in texts(cat) if f == file)
    for i, step in enumerate(rb.steps):
        for where, b in step_blocks(step):
            if b.on_failure:
                yield ("steps", i, *where, "on_failure", "means"), b.on_failure.means


def miscited(titles: list[set[str]], text: str) -> list[tuple[int, list[int]]]:
    """(cited step, the steps the clause's words name instead) of each clause of `text` that cites one step of the
    runbook and says words only other steps' titles hold, none its own: "restored from the backup in step 4"
    where the restore is step 5."""
    owned, out = _owned(titles), []
    for clause in _CLAUSE.split(text):
        cited = {int(n) for n in _CITE.findall(clause)}
        if len(cited) != 1 or "](" in clause or _CITE.search(clause).group(0).lower().startswith("steps"):
            continue
        (n,) = cited
        if not 0 < n <= len(titles):
            continue  # a step the runbook does not have: not this rule's
        said = Counter(owned[s] for s in _stems(_CITE.sub(" ", clause)) if s in owned)
        most = max(said.values(), default=0)
        # the cited step's words are absent, or outnumbered by two or more: "a corrupt file is restored from the
        # backup in step 3" says step 5's corrupt, restore and backup, and only "file" of step 3's file permissions
        if said and (n not in said or said[n] + 2 <= most):
            out.append((n, sorted(m for m, k in said.items() if k == most)))
    return out


@rule(
    "RUN010",
    "error",
    'a text that cites "step N" of its own runbook says what step N does: its words are of that step\'s title',
    'A failure hint that sends the responder to the wrong step ("restored from the backup in step 4" where step 4 '
    "restarts the database and step 5 restores it) has them run a step meant for another state, during an incident.",
    "cite the step whose title says what the text says (or reword the text)",
)
def cited_step_matches(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for file, rb in runbooks(cat):
        titles = [_stems(s.title) for s in rb.steps]
        for path, text in _texts(cat, file, rb):
            for n, said in miscited(titles, text):
                names = ", ".join(f"step {m} ({rb.steps[m - 1].title})" for m in said)
                message = f"the text cites step {n} ({rb.steps[n - 1].title}), but what it says is {names}"
                hint = f"cite step {said[0]}" if len(said) == 1 else ""
                yield report(file, path, message, hint, needle=f"step {n}")
