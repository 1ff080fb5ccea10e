"""Checker rule on a step's `who:` against the teams its own failure hints and verify hand the work over to."""

from __future__ import annotations

from playbook.checks.declared import _find
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data.spelling import words
from playbook.data.stems import stem
from playbook.data.walk import runbooks, step_blocks


def _teams(cat) -> dict[tuple[str, ...], str]:
    """The stemmed words that name a team (its name, its id: "database team", database-team) and its id."""
    return {tuple(stem(w) for w in words(text)): t.id for t in cat.teams.values() for text in (t.name, t.id)}


def _handed(step) -> list[tuple[tuple, str]]:
    """(path inside the step, text) of what the step itself says about where the work goes next: its blocks'
    failure hints (`on_failure.means`) and its `verify`."""
    out = [(("verify",), step.verify)] if step.verify else []
    out += [((*where, "on_failure", "means"), b.on_failure.means) for where, b in step_blocks(step) if b.on_failure]
    return out


@rule(
    "OWN004",
    "error",
    "the teams a step's `who:` names agree with the teams its own failure hints and verify hand the work over to",
    "`who:` is who is called in for the step; its failure hints say whom to escalate to when it goes wrong. A `who:` "
    "naming a team none of them names (the backend team beside hints that escalate to the database team) calls in "
    "the wrong team, and the team the hints send the responder to was never brought in.",
    "name in `who:` the team the step's failure hints and verify hand over to (or make the hints name the step's team)",
)
def who_agrees_with_handovers(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    teams = _teams(cat)
    for file, rb in runbooks(cat):
        for i, step in enumerate(rb.steps):
            mine = [p for p in step.who if p in cat.teams]
            if not mine:
                continue  # a step that calls in no team: nothing to disagree with
            named = [(where, text, {t for _, t in _find(tuple(stem(w) for w in words(text)), teams)})
                     for where, text in _handed(step)]  # fmt: skip
            told = set().union(*(n for _, _, n in named)) if named else set()
            if not told - set(mine):
                continue
            if not told & set(mine):  # no text names any team of `who:`: `who:` is what changed
                said = ", ".join(sorted(told))
                message = f"step {i + 1} ({step.title}) names {', '.join(mine)} in who:, but its failure hints and "
                message += f"verify hand the work over to {said}"
                yield report(file, ("steps", i, "who"), message, f"name {said} in who: (or make the hints agree)")
                continue
            for where, _, n in named:  # who: agrees with the others: the text naming another team is the odd one
                for other in sorted(n - set(mine)):
                    what = "the verify" if where == ("verify",) else "a failure hint"
                    message = f"{what} of step {i + 1} ({step.title}) hands over to {other}, "
                    message += f"a team its who: ({', '.join(step.who)}) does not name"
                    yield report(file, ("steps", i, *where), message, f"name {other} in who:, or the step's own team")
