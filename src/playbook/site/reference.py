"""Render the reference pages: placeholders, the log format, the dashboard and the API reference."""

from __future__ import annotations

import json
import re

from playbook.data import durations
from playbook.data.catalog import Catalog
from playbook.markdown import Md, code, fence, line, table


def render_placeholders(cat: Catalog) -> Md:
    rows = []
    for p in cat.meta.placeholders:
        default = (
            Md("*secret: set it in your shell, never in a document*")
            if p.secret
            else (code(p.default) if p.default else Md("—"))
        )
        rows.append([code(f"${p.name}"), p.meaning, default])
    exports = "\n".join(
        f"export {p.name}={_shell_word(p.default)}" for p in cat.meta.placeholders if p.default and not p.secret
    )
    return (
        table(["Placeholder", "Meaning", "Default"], rows)
        + Md("\nSet the defaults in one go, then change what differs:\n\n")
        + fence(exports, "shell")
    )


def _shell_word(value: str) -> str:
    """A default as one shell word that expands nothing: in double quotes when it holds no character the
    shell reads there, else in single quotes (the block becomes runbooks/placeholders.sh)."""
    if re.fullmatch(r"[\w./:@%+,=~ -]*", value):
        return f'"{value}"'
    return "'" + value.replace("'", "'\\''") + "'"


def render_log_format(cat: Catalog) -> Md:
    lf = cat.data.log_format
    rows = [[code(f.path), f.type, "yes" if f.required else "", f.help] for f in lf.fields]
    return (
        Md("**Location:** {}  \n**Encoding:** {}\n\n").format(lf.location, lf.encoding)
        + Md("All logs are structured JSON. One record, pretty-printed:\n\n")
        + fence(json.dumps(lf.example, indent=2), "json")
        + Md("\n")
        + table(["Field", "Type", "Required", "Meaning"], rows)
    )


def render_dashboard(cat: Catalog) -> Md:
    out = [Md("**{}:**\n").format(line(cat.dashboard.title))]
    for n, panel in enumerate(cat.dashboard.panels, 1):
        out.append(Md("### {}\n").format(panel_heading(n, panel.title)))
        out += [Md("- {} — ").format(i.text) + Md(", ").join(code(m) for m in i.metrics) for i in panel.items]
        out.append(Md(""))
    tools = cat.dashboard.tools
    out.append(Md("### Dashboard Tools ({})\n").format(line(tools.status.capitalize())))
    out += [Md("- **{}:** {}").format(t.name, t.role) for t in tools.list]
    return Md("\n").join(out) + Md("\n")


def panel_heading(n: int, title: str) -> Md:
    """A dashboard panel's heading as the page writes it (the search's rows find it by its slug)."""
    return Md("{}. {}").format(n, line(title))


def _help(metric) -> str:
    """A metric's help, with its trailing window in words when it has one (written once, in `window:`)."""
    return f"{metric.help} (the last {durations.words(metric.window)})" if metric.window else metric.help


def render_reference(cat: Catalog) -> Md:
    d = cat.data
    metrics = [[code(m.name), m.type, m.unit, _help(m), "seed" if m.seed else "named here"] for m in d.metrics]
    eps = [[code(e.path), e.method, e.rate_limit or "", e.help] for e in d.endpoints]
    lims = [[x.id, str(x.requests), durations.words(x.window)] for x in d.rate_limits]
    flags = [[code(f.name), code(f.default), f.help] for f in d.feature_flags]
    chats = [[code(c.usage), code(c.example)] for c in d.chat_commands]
    return Md("\n").join(
        [
            Md("## Metrics\n"),
            table(["Name", "Type", "Unit", "Meaning", "Source"], metrics),
            Md("## Endpoints\n"),
            table(["Path", "Method", "Rate limit", "Meaning"], eps),
            Md("## Rate limits\n"),
            table(["Class", "Requests", "Window"], lims),
            Md("## Feature flags\n"),
            table(["Flag", "Default", "Effect"], flags),
            Md("## Chat commands\n"),
            table(["Usage", "Example"], chats),
        ]
    )
