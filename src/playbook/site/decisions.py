"""Render the decisions page: each seed contradiction, what was decided, and the rule that keeps it."""

from __future__ import annotations

from playbook.data.catalog import Catalog
from playbook.markdown import esc


def render_decisions(cat: Catalog) -> str:
    out = []
    for d in cat.decisions.decisions:
        rule = f" Guarded by rule `{d.rule}`." if d.rule else ""
        out.append(
            f"### {esc(d.topic)} {{ #{d.id.lower()} }}\n\n`{d.id}`\n\n**The seed:** {esc(d.seed)}\n\n"
            f"**Decision:** {esc(d.decision)}{rule}\n"
        )
    return "\n".join(out)
