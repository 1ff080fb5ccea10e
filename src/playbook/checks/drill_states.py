"""Checker rule on a drill's expectations against the state its own steps set (the feature flag, the provider)."""

from __future__ import annotations

import json

from playbook.checks.engine import CheckContext, Reporter, rule


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
