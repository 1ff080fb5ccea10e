"""Checker rule RUN016: a runbook does not say both that users carry on and that they are blocked."""

from __future__ import annotations

import re
from collections.abc import Iterator

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data.walk import runbooks, step_blocks, texts

# Who or what does the users' work: a blocking phrase about anything else ("block the IP", "cannot be undone") is
# no claim about the users
_USERS = r"(?:users?|workflows?|clinicians?|doctors?|nurses?|staff|everyone|everybody|nobody|no\s+one|people)"
# ...and who carries on: a status message speaks to the users ("you can continue"); a responder's "if you cannot
# reach it" is an instruction, not a claim that the users stop
_WHO = rf"(?:{_USERS}|you|work)"
# A claim that the users' work goes on: "User workflows continue", "you can continue using the system normally",
# "(AI is optional)"; "not affected" only of the users ("users are not affected", not "the database is not affected")
_GO_ON = re.compile(
    rf"""(?ix)
    \b{_WHO}\s+(?:can\s+|may\s+|will\s+|still\s+|can\s+still\s+)?
      (?:continue|continues|carry\s+on|carries\s+on|keep\s+working|keeps\s+working|proceed|proceeds|work\s+normally)\b
    | \bcontinue\s+(?:using|working|to\s+work|normally|as\s+usual)\b
    | \b(?:is|are)\s+optional\b
    | \b(?:use|using|work|working)\b[^.;:]{{0,30}}\b(?:normally|as\s+usual)\b
    """
)
_SPARED = re.compile(
    rf"(?i)\b{_USERS}\b[^.;:]{{0,30}}\b(?:(?:not|never)\s+(?:affected|blocked|impacted|interrupted)|unaffected)\b"
)
# A claim that the users' work stops: "User workflows blocked until AI recovers", "clinicians cannot finish notes",
# "notes require AI"; read only in a text that names the users (_USERS)
_STOPS = re.compile(
    r"""(?ix)
    \b(?:blocked|blocking|halted|stalled|stuck|stopped|frozen)\b
    | \b(?:cannot|can't|can\s+not|can\s+no\s+longer|unable\s+to|no\s+longer\s+able\s+to|prevented\s+from)\s+(?!be\b)\w+
    | \b(?:is|are)\s+(?:required|mandatory|essential)\b | \b(?:require|requires|depend\s+on|depends\s+on)\b
    """
)

_NOT = re.compile(r"(?i)\b(?:not|never|n't|no\s+longer)\s+$")


def _said(cat) -> Iterator[tuple[str, tuple, str, str]]:
    """(file, path, text, needle) of every prose text of a runbook, and every line of an illustration block (a
    status page's words) and chat block (a message to post): the needle is the line the text is reported at."""
    for file, path, text in texts(cat):
        yield file, path, text, ""
    for file, rb in runbooks(cat):
        for i, step in enumerate(rb.steps):
            for where, b in step_blocks(step):
                if b.kind in ("illustration", "chat") and b.code:
                    for line in b.code.splitlines():
                        if line.strip() and not line.lstrip().startswith("#"):
                            yield file, ("steps", i, *where, "code"), line, line.strip()


def claim(text: str) -> str | None:
    """'stops' when `text` says the users' work stops, 'goes on' when it says it goes on, else None; a text saying
    both ("users cannot continue") stops; a negated stop ("users are not blocked") is none."""
    stops = [m for m in _STOPS.finditer(text) if not _NOT.search(text[max(0, m.start() - 12) : m.start()])]
    if stops and re.search(rf"(?i)\b{_USERS}\b", text):
        return "stops"
    if _GO_ON.search(text) or _SPARED.search(text):
        return "goes on"
    return None


@rule(
    "RUN016",
    "error",
    "a runbook that says the users carry on (AI is optional, workflows continue) never says they are blocked",
    "A runbook's symptoms, decision rule and user message describe one outage: the wait-or-act rule waits because "
    "the users carry on, and the status page tells them so. A text saying the users are blocked contradicts them: "
    "the responder waits on an outage, or tells users to carry on through one, and the severity is the wrong one.",
    "say what the users can still do, as the runbook's other texts do (or change them all, and the severity)",
)
def users_carry_on(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    said: dict[str, dict[str, list]] = {}
    for file, path, text, needle in _said(cat):
        if kind := claim(text):
            said.setdefault(file, {"stops": [], "goes on": []})[kind].append((path, text, needle))
    for file, kinds in said.items():
        stops, goes = kinds["stops"], kinds["goes on"]
        if not stops or not goes:
            continue
        # which side moved: the fewer texts (the others agree); on a tie either may have, and both are reported
        sides = [(stops, goes)] if len(stops) < len(goes) else [(goes, stops)] if len(goes) < len(stops) else []
        for odd, other in sides or [(stops, goes), (goes, stops)]:
            for path, text, needle in odd:
                message = (
                    f"{text.strip()!r} says the users' work {'stops' if odd is stops else 'goes on'}, yet this "
                    f"runbook says it {'goes on' if odd is stops else 'stops'}: {other[0][1].strip()!r}"
                )
                yield report(file, path, message, needle=needle or None)
