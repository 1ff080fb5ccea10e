"""Render the Checker Rules page: one section per rule, from the rule definitions themselves."""

from __future__ import annotations

from playbook.checks.engine import load_rules
from playbook.markdown import Md


def render_rules() -> Md:
    """One section per checker rule, from the rule definitions themselves."""
    out = []
    for r in sorted(load_rules().values(), key=lambda r: r.id):
        out.append(
            Md("### {} {{ #{} }}\n\n**{}** ({})\n\n*Why:* {}  \n*Fix:* {}\n").format(
                r.id, r.id.lower(), r.summary, r.level, r.why, r.fix
            )
        )
    return Md("\n").join(out)
