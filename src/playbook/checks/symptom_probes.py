"""Checker rule on a symptom tied to an endpoint: it says what the drill's fault probe of it gets (HTTP002)."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.witnesses import stated_codes
from playbook.data.spelling import words

# How a symptom says an endpoint answers without a number: the outcome words of a health check. Kept by hand:
# no library names the words of a passing or failing check; a word outside both says nothing and is not judged.
_ANSWERS = {
    "passing": True, "passes": True, "healthy": True, "ok": True, "green": True, "up": True, "fine": True,
    "succeeds": True, "succeeding": True,
    "failing": False, "fails": False, "failed": False, "unhealthy": False, "red": False, "down": False,
    "erroring": False, "errors": False, "broken": False, "unreachable": False, "unavailable": False,
}  # fmt: skip
_NEGATION = re.compile(r"\b(?:not|no|never|isn't|aren't|doesn't|don't|won't)\b|n't\b", re.I)


@rule(
    "HTTP002",
    "error",
    "a scenario's symptom tied to an endpoint says the answer its drill's fault probe of that endpoint gets",
    "A symptom with `endpoint:` is what the responder sees first and what tells two runbooks apart: Write "
    "Operations Failing has a passing health check (its drill probes readiness for 200), Database is Down a "
    "failing one. A symptom saying 'failing' where the drill gets 200 sends the reader to the wrong runbook.",
    "say what the drill's fault probe gets (a passing check for 2xx, a failing one for an error status), or change "
    "the probe under drill.fault.symptoms first",
)
def symptom_answers(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for sid, sc in cat.scenarios.items():
        fault = getattr(getattr(sc, "drill", None), "fault", None)
        probes: dict[str, set[int]] = {}
        for p in getattr(fault, "symptoms", None) or []:
            probes.setdefault(p.endpoint, set()).add(p.status)
        for i, s in enumerate(sc.symptoms):
            got = probes.get(s.endpoint or "")
            if not got or _NEGATION.search(s.text):
                continue
            codes = {code for code, _ in stated_codes(s.text)}
            said = {_ANSWERS[w] for w in words(s.text) if w in _ANSWERS}
            ok = {200 <= code < 300 for code in got}
            where = ("symptoms", i, "text")
            gets = ", ".join(map(str, sorted(got)))
            if codes and not codes & got:
                yield report(
                    cat.source[sid],
                    where,
                    f"the symptom says {s.endpoint} answers {min(codes)}; the drill's fault probe gets {gets}",
                )
            elif not codes and len(said) == 1 and said != ok:
                state = "passing" if said == {True} else "failing"
                yield report(
                    cat.source[sid],
                    where,
                    f"the symptom says {s.endpoint} is {state}; the drill's fault probe gets {gets}",
                )
