"""Checker rule on a probe gauge's help: the status it says the gauge is 1 (or 0) on is a success (or a failure)."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F

# "1 while the probe answers 200", "0 when it returns 503", "1 unless it answers 503": the gauge's value, the word that
# ties it to the probe, and the rest of the clause (to a comma, a semicolon or a full stop)
_CLAUSE = re.compile(
    r"(?<![\w.])(?P<value>[01])\s+(?P<tie>while|when|whenever|if|as long as|unless|until)\b(?P<rest>[^.;,]*)",
    re.IGNORECASE,
)
_STATUS = re.compile(r"(?<![\w.])[1-5]\d\d(?![\w.])")
_NEGATED = re.compile(r"\b(?:not|never|no longer|fails to)\b|n't\b", re.IGNORECASE)


def said_statuses(text: str) -> list[tuple[int, str, bool]]:
    """(gauge value, status as written, whether the text says the value goes with that status) of each status a
    probe gauge's help ties to a value: "1 while the probe answers 200" -> [(1, "200", True)]; "1 unless it answers
    503" -> [(1, "503", False)] (the value goes with every other answer)."""
    out = []
    for m in _CLAUSE.finditer(text or ""):
        negated = m["tie"].lower() in ("unless", "until")
        negated ^= bool(_NEGATED.search(m["rest"]))
        out.extend((int(m["value"]), s, not negated) for s in _STATUS.findall(m["rest"]))
    return out


@rule(
    "CAT014",
    "error",
    "a probe gauge's help ties 1 to the probe's success (a 2xx answer) and 0 to its failure, with a status its "
    "endpoint answers",
    "An up gauge is 1 while its probe succeeds: the alert on it fires when it is 0 and the dashboard shows it as the "
    "probe's status. A help that documents 1 on a 503 tells the responder the opposite of what the gauge means, and an "
    "exporter written from it makes the alert fire while the app is up and stay silent in the outage.",
    "tie 1 to the probe's 2xx answer (0 to the others), or name a status its endpoint answers",
)
def probe_help_states_success(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    endpoints = {e.id: e for e in cat.data.endpoints}
    for i, metric in enumerate(cat.data.metrics):
        if not metric.probe:
            continue
        ep = endpoints.get(metric.probe)
        answers = set(_STATUS.findall(ep.help)) if ep else set()
        for value, status, goes_with in said_statuses(metric.help):
            success = status.startswith("2")
            if (value == 1) == (goes_with == success):  # 1 with a success, or 0 with a failure, as said
                if answers and status not in answers:
                    said = ", ".join(sorted(answers))
                    message = f"{metric.name}'s help names {status}, which {ep.id} never answers (its help: {said})"
                    yield report(F.CATALOG, ("metrics", i, "help"), message, needle=status)
                continue
            kind = "a success" if success else "a failure"
            message = (
                f"{metric.name}'s help makes it {value} {'on' if goes_with else 'except on'} {status}, {kind} of the "
                f"{metric.probe} probe: an up gauge is 1 while its probe succeeds (2xx) and 0 when it fails"
            )
            yield report(F.CATALOG, ("metrics", i, "help"), message, needle=status)
