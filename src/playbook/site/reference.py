"""Render the reference pages: placeholders, the log format, the dashboard and the API reference."""

from __future__ import annotations

import json

from playbook.data import durations
from playbook.data.catalog import Catalog
from playbook.markdown import esc, fence, table


def render_placeholders(cat: Catalog) -> str:
    rows = []
    for p in cat.meta.placeholders:
        default = (
            "*secret: set it in your shell, never in a document*"
            if p.secret
            else (f"`{p.default}`" if p.default else "—")
        )
        rows.append([f"`${p.name}`", esc(p.meaning), default])
    exports = "\n".join(f'export {p.name}="{p.default}"' for p in cat.meta.placeholders if p.default and not p.secret)
    return (
        table(["Placeholder", "Meaning", "Default"], rows)
        + "\nSet the defaults in one go, then change what differs:\n\n"
        + f'``` {{ .bash data-kind="shell" }}\n{exports}\n```\n'
    )


def render_log_format(cat: Catalog) -> str:
    lf = cat.data.log_format
    rows = [[f"`{f.path}`", f.type, "yes" if f.required else "", esc(f.help)] for f in lf.fields]
    return (
        f"**Location:** {esc(lf.location)}  \n**Encoding:** {esc(lf.encoding)}\n\n"
        "All logs are structured JSON. One record, pretty-printed:\n\n"
        + fence(json.dumps(lf.example, indent=2), "json")
        + "\n"
        + table(["Field", "Type", "Required", "Meaning"], rows)
    )


def render_dashboard(cat: Catalog) -> str:
    out = [f"**{esc(cat.dashboard.title)}:**\n"]
    for n, panel in enumerate(cat.dashboard.panels, 1):
        out.append(f"### {n}. {esc(panel.title)}\n")
        out += [f"- {esc(i.text)} — " + ", ".join(f"`{m}`" for m in i.metrics) for i in panel.items]
        out.append("")
    tools = cat.dashboard.tools
    out.append(f"### Dashboard Tools ({esc(tools.status.capitalize())})\n")
    out += [f"- **{esc(t.name)}:** {esc(t.role)}" for t in tools.list]
    return "\n".join(out) + "\n"


def render_reference(cat: Catalog) -> str:
    d = cat.data
    metrics = [[f"`{m.name}`", m.type, esc(m.unit), esc(m.help), "seed" if m.seed else "named here"] for m in d.metrics]
    eps = [[f"`{e.path}`", e.method, e.rate_limit or "", esc(e.help)] for e in d.endpoints]
    lims = [[x.id, esc(str(x.requests)), durations.words(x.window)] for x in d.rate_limits]
    flags = [[f"`{f.name}`", f"`{f.default}`", esc(f.help)] for f in d.feature_flags]
    chats = [[f"`{c.usage}`", f"`{c.example}`"] for c in d.chat_commands]
    return "\n".join(
        [
            "## Metrics\n",
            table(["Name", "Type", "Unit", "Meaning", "Source"], metrics),
            "## Endpoints\n",
            table(["Path", "Method", "Rate limit", "Meaning"], eps),
            "## Rate limits\n",
            table(["Class", "Requests", "Window"], lims),
            "## Feature flags\n",
            table(["Flag", "Default", "Effect"], flags),
            "## Chat commands\n",
            table(["Usage", "Example"], chats),
        ]
    )
