"""Render the Checker Rules page: one section per rule, from the rule definitions themselves."""

from __future__ import annotations

from playbook.checks.engine import load_rules
from playbook.markdown import esc


def render_rules() -> str:
    """One section per checker rule, from the rule definitions themselves."""
    out = []
    for r in sorted(load_rules().values(), key=lambda r: r.id):
        out.append(
            f"### {r.id} {{ #{r.id.lower()} }}\n\n**{esc(r.summary)}** ({r.level})\n\n"
            f"*Why:* {esc(r.why)}  \n*Fix:* {esc(r.fix)}\n"
        )
    return "\n".join(out)
