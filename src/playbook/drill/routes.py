"""The drill target's routes: what each endpoint of data/catalog.yaml answers, and what it counts and logs."""

from __future__ import annotations

import time

from playbook.drill import db as drill_db

DRILL_ACCOUNT = ("drill@example.test", "drill-password")  # the one account whose sign-in succeeds


# --- routes: (target, body, log context) -> (status, body, level, message, error) --------------
def liveness(t, body, ctx):
    return 200, {"status": "ok"}, "info", "Liveness probe", None


def readiness(t, body, ctx):
    reason = t.db(drill_db.ready, t.db_path)
    if reason is None:
        return 200, {"status": "ready"}, "info", "Readiness probe", None
    t.count("db.error")
    return (
        503,
        {"status": "unavailable", "error": reason},
        "error",
        "Database unavailable",
        drill_db.DatabaseError(reason),
    )


def metrics(t, body, ctx):
    t.gauges()
    return 200, {"metrics": t.metrics.as_json()}, "info", "Metrics read", None


def signin(t, body, ctx):
    if (body.get("email"), body.get("password")) == DRILL_ACCOUNT:
        t.count("auth.signin.success")
        ctx["userId"] = "user_drill"
        with t.lock:
            t.signed_in[ctx["ip"]] = time.monotonic()
        return 200, {"ok": True}, "info", "Auth succeeded", None
    t.count("auth.signin.failure")
    return 401, {"error": "Invalid email or password"}, "warn", "Auth failed", None


class AIProviderError(Exception):
    """The simulated AI provider did not answer."""


def generate_note(t, body, ctx):
    if not t.ai_enabled():
        return 200, dict(t.flag.refused_response), "info", "AI disabled by flag", None
    t.count("ai.generate_note.invocation")
    if not t.provider_up:
        t.count("ai.generate_note.error")
        err = AIProviderError("AI provider unavailable (simulated by the drill)")
        return 200, dict(t.flag.refused_response), "error", "AI generation failed", err
    suggestion = f"Draft note for session {body.get('sessionId', '?')} (drill target)"
    t.metrics.observe("ai.generate_note.confidence", 2)  # medium: low, medium, high count as 1, 2, 3
    return (
        200,
        {"suggestion": suggestion, "confidence": "medium", "refused": False, "reasoning": "drill"},
        "info",
        "AI note generated",
        None,
    )


def _write(kind: str):
    noun = "note" if kind == "notes" else "prescription"

    def route(t, body, ctx):
        ctx["userId"] = "user_456"
        try:
            rid, what = t.db(drill_db.write, t.db_path, kind, body.get("id"), body.get("status", "draft"), body)
        except drill_db.StateTransitionError as e:
            t.count(f"write.{noun}.error")
            return 409, {"error": str(e)}, "error", f"Invalid {noun} state transition", e
        except drill_db.DatabaseError as e:
            t.count(f"write.{noun}.error")
            t.count("db.error")
            return 500, {"error": "Database query failed"}, "error", "Database query failed", e
        name = f"write.{noun}.{what}"
        if name in t.metrics.values:
            t.count(name)
        return 200, {"id": rid, "status": body.get("status", "draft")}, "info", f"{noun.capitalize()} saved", None

    return route


ROUTES = {
    "liveness": liveness,
    "readiness": readiness,
    "metrics": metrics,
    "signin": signin,
    "generate-note": generate_note,
    "notes": _write("notes"),
    "prescriptions": _write("prescriptions"),
}


def not_implemented(t, body, ctx):
    return 501, {"error": "Not implemented by the drill target"}, "error", "Not implemented", None
