"""Checker rules on a drill's states: its expectations against the state it set, the flag against the step's command,
what a stopped runbook must leave as the fault left it."""

from __future__ import annotations

import json

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data.walk import step_blocks
from playbook.runbooks.shellparse import _argv, _parser, _value, _walk
from playbook.runbooks.sqlite_input import _stdin


def _refused(expect, refused: dict) -> bool | None:
    """Whether a step expects the refused response (True), an answer that is not it (False), or says nothing of
    it (None): its JSON, or the keys it checks that the refused response has."""
    if expect.stdout_json:
        try:
            return json.loads(expect.stdout_json) == refused
        except ValueError:
            return None  # not JSON: the drill itself fails on it
    shared = {k: v for k, v in expect.stdout_json_has.items() if k in refused}
    if not shared:
        return None
    return all(refused[k] == v for k, v in shared.items())


@rule(
    "DRILL007",
    "error",
    "a drill step expects the answer the feature flag and the provider its earlier steps set give",
    "The drill stands in for the manual steps (the flag set in production, the provider back up): with the flag on "
    "and the provider up the app answers, so a step that expects the refused response there passes only while AI "
    "is still off, the opposite of what it verifies; with the flag off, every answer is the refused response.",
    "expect what that state gives (the refused response only with the flag off), or set the state the step needs",
)
def expectation_matches_state(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for flag in cat.data.feature_flags[:1]:  # the flag the drill's `before: {flag: …}` sets
        for sid, sc in cat.scenarios.items():
            if sc.drill is None:
                continue
            state: dict[str, str] = {}  # only what the drill set itself: the fault may have changed the rest
            for i, step in enumerate(sc.drill.steps):
                if step.before is not None:
                    state.update({k: v for k, v in step.before.model_dump().items() if k in ("flag", "provider") and v})
                expects = _refused(step.expect, flag.refused_response)
                if expects is None:
                    continue
                at = ("drill", "steps", i, "expect", "stdout_json" if step.expect.stdout_json else "stdout_json_has")
                if expects and state.get("flag") == "true" and state.get("provider") == "up":
                    said = f"{flag.name} set to true and the provider up"
                    yield report(cat.source[sid], at, f"step {step.step} expects the refused response with {said}")
                elif not expects and state.get("flag") == "false":
                    said = f"{flag.name} set to false, every answer is the refused response"
                    yield report(cat.source[sid], at, f"step {step.step} expects another answer, but with {said}")


def _flag_set(cat, runbook_id: str, step: int, flag: str) -> set[str]:
    """The values the shell blocks of a runbook's step (its options' too) give the feature flag: what each
    `vercel env add FLAG …` reads on its standard input (`printf 'false' | vercel env add …`)."""
    rb = cat.scenarios.get(runbook_id) or cat.procedures.get(runbook_id)
    if rb is None or not 0 < step <= len(rb.steps):
        return set()
    out = set()
    for _, block in step_blocks(rb.steps[step - 1]):
        if block.kind != "shell":
            continue
        for node in _walk(_parser().parse(block.code.encode()).root_node):
            if node.type == "command" and [_value(w) for w in _argv(node)][:4] == ["vercel", "env", "add", flag]:
                value, _ = _stdin(node)
                if value.strip():
                    out.add(value.strip().lower())
    return out


@rule(
    "DRILL009",
    "error",
    "a drill's `before: {flag: …}` at a step is the value that step's own commands give the feature flag",
    "The drill sets the flag in place of the step's manual command (the production env change): a value other than "
    "the one the command sets drills another state than the runbook's, and the expectations after it judge that one.",
    "set `before: {flag: …}` to the value the step's command gives the flag (or drill the step that sets it)",
)
def before_flag_is_the_steps(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for flag in cat.data.feature_flags[:1]:
        for sid, sc in cat.scenarios.items():
            if sc.drill is None:
                continue
            lists = [(("drill", "steps"), sc.drill.steps)]
            lists += [(("drill", "variants", k, "steps"), v.steps) for k, v in enumerate(sc.drill.variants)]
            for at, steps in lists:
                for i, step in enumerate(steps):
                    if step.before is None or step.before.flag is None:
                        continue
                    runbook = step.runbook or sid
                    sets = _flag_set(cat, runbook, step.step, flag.name)
                    if sets and step.before.flag not in sets:
                        said = " or ".join(sorted(sets))
                        message = f"the drill sets {flag.name} to {step.before.flag} before {runbook} step "
                        message += f"{step.step}, whose command sets it to {said}"
                        yield report(cat.source[sid], (*at, i, "before", "flag"), message, f'set flag: "{said}"')


@rule(
    "DRILL010",
    "error",
    "a drill variant whose runbook stops at a check lists in `unchanged:` every file its fault damaged",
    "A runbook that stops at a failed check (the backup is corrupt too) says in its on_failure that nothing was "
    "changed, and the responder escalates with the damaged files as the evidence: the drill proves it by comparing "
    "them byte for byte with what the fault left. A file the fault damaged and `unchanged:` leaves out (the backup "
    "of a backup_corrupt fault) may be written by the runbook before it stops (a REINDEX, a .restore the wrong way "
    "round) and the drill still passes. Each file the fault damages (the database, its backup with backup_corrupt, "
    "the -wal with side_files) is in `unchanged:` of a variant with a `stop: true` step.",
    "add the missing file to the variant's unchanged: list",
)
def stopped_leaves_the_fault(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for sid, sc in cat.scenarios.items():
        for k, v in enumerate(sc.drill.variants if sc.drill else []):
            stop = next((i for i, s in enumerate(v.steps) if s.stop), None)
            missing = [f for f in v.fault.damaged if f not in v.unchanged]
            if stop is None or not missing:
                continue
            at = (
                ("drill", "variants", k, "unchanged")
                if v.unchanged
                else ("drill", "variants", k, "steps", stop, "stop")
            )
            said = ", ".join(missing)
            it = "it" if len(missing) == 1 else "them"
            message = f"the runbook stops at a check, but unchanged: leaves out {said}, which the fault damaged: a "
            message += f"runbook that writes {it} before it stops still passes the drill"
            yield report(cat.source[sid], at, message, f"add {said} to unchanged:")
