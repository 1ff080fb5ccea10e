"""Checker rule on a step's "Use when <it> is <state>" against the conditions of the steps that send readers to it."""

from __future__ import annotations

import posixpath
import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data.spelling import words
from playbook.data.stems import stem
from playbook.data.walk import runbooks
from playbook.markdown import slug

# "Use when the database is down or corrupted", "Use only when the disk is full": the states it is for
_USE_WHEN = re.compile(r"\bUse (?:it )?(?:only )?(?:when|if) (?P<subject>[^.;:]+?) (?:is|are) (?P<states>[^.;:]+)")
_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
_GLUE = {"the", "a", "an", "or", "and", "not", "no", "only", "either", "both"}


def _page(file: str, rb) -> str:
    """The site page a runbook is shown on: a procedure at the top (rollback.md), a scenario under scenarios/."""
    return f"scenarios/{rb.id}.md" if file.split("/")[-2:-1] == ["scenarios"] else f"{rb.id}.md"


def _texts(step) -> list[str]:
    return [step.title, *(t for t in (step.text, step.verify) if t), *step.items]


def _senders(cat) -> dict[tuple[str, str], list[tuple[str, int, str, set[str]]]]:
    """(page, anchor) -> (runbook id, step number, step title, stems of the step's title and of the text holding
    the link) of each step that links to that anchor."""
    out: dict[tuple[str, str], list] = {}
    for file, rb in runbooks(cat):
        here = posixpath.dirname(_page(file, rb))
        for i, step in enumerate(rb.steps):
            for text in _texts(step):
                for target in _LINK.findall(text):
                    page, _, anchor = target.partition("#")
                    if page and anchor and "://" not in page:
                        said = {stem(w) for t in (step.title, text) for w in words(t)}
                        key = (posixpath.normpath(posixpath.join(here, page)), anchor)
                        out.setdefault(key, []).append((rb.id, i + 1, step.title, said))
    return out


@rule(
    "RUN013",
    "error",
    "the states a step says it is used in ('Use when the database is corrupted') are the ones the steps that send "
    "the reader to it name",
    "A step that says when to use it is the last word before a destructive action: a state named there that no "
    "runbook sends the reader in ('down' beside 'corrupted', where the outage runbook restarts a database that is "
    "down and restores only a corrupt one) sends the responder to drop every write since the backup for an outage a "
    "restart fixes.",
    "name only the states the linking steps send the reader in (their 'If …' titles), or change those steps too",
)
def used_when_sent(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    senders = _senders(cat)
    for file, rb in runbooks(cat):
        page = _page(file, rb)
        for i, step in enumerate(rb.steps):
            sent = senders.get((page, slug(step.title)), [])
            m = _USE_WHEN.search(step.text or "")
            if not sent or not m:
                continue
            named = set().union(*(said for *_, said in sent))
            for state in re.split(r",\s*|\s+or\s+", m.group("states")):
                stems = [stem(w) for w in words(state) if w.lower() not in _GLUE]
                if stems and not any(s in named for s in stems):
                    by = "; ".join(f"{rid} step {n} ({title})" for rid, n, title, _ in sent)
                    message = f"step {i + 1} ({step.title}) is for when {m.group('subject')} is {state.strip()}, "
                    message += f"a state no step sending the reader here names: {by}"
                    yield report(file, ("steps", i, "text"), message, needle=state.strip())
