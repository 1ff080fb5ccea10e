"""Render the decisions page: each seed contradiction, what was decided, and the rule that keeps it."""

from __future__ import annotations

from playbook.data.catalog import Catalog
from playbook.markdown import Md, code, line


def render_decisions(cat: Catalog) -> Md:
    out = []
    for d in cat.decisions.decisions:
        rule = Md(" Guarded by rule {}.").format(code(d.rule)) if d.rule else Md("")
        out.append(
            Md("### {} {{ #{} }}\n\n{}\n\n**The seed:** {}\n\n**Decision:** {}{}\n").format(
                line(d.topic), d.id.lower(), code(d.id), d.seed, d.decision, rule
            )
        )
    return Md("\n").join(out)
