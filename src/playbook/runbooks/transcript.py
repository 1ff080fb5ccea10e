"""What a walk shows and records: placeholders filled in, secrets masked, values given, the Markdown transcript."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from playbook.data.model import Placeholder

MASK = "••••"


@dataclass
class Transcript:
    """The incident-timeline record of one walk through a runbook, in Markdown."""

    runbook: str
    page: str
    dry_run: bool
    source: str | None = None  # the YAML file the runbook is written in
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    lines: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        self.lines.append(text)

    def markdown(self) -> str:
        mode = "dry run (nothing was run)" if self.dry_run else "run"
        where = f"Source: `{self.source}` (page `{self.page}`)" if self.source else f"Source page: `{self.page}`"
        head = [f"# Runbook `{self.runbook}`: {self.started:%Y-%m-%d %H:%M:%S} UTC", "", f"{where} · mode: {mode}", ""]
        return "\n".join(head + self.lines) + "\n"


def fill(code: str, env: Mapping[str, str], placeholders: dict[str, Placeholder]) -> str:
    """The command as it will run: placeholders replaced by their values, secrets masked, unset ones left."""

    def sub(m: re.Match) -> str:
        name = m.group(1) or m.group(2)
        p = placeholders.get(name)
        if p is None or name not in env:
            return m.group(0)
        return MASK if p.secret else env[name]

    return re.sub(r"\$\{([A-Z][A-Z0-9_]*)\}|\$([A-Z][A-Z0-9_]*)\b", sub, code)


def mask(text: str, env: Mapping[str, str], placeholders: dict[str, Placeholder]) -> str:
    """Hide the values of secret placeholders in a command's output."""
    for p in placeholders.values():
        value = env.get(p.name)
        if p.secret and value:
            text = text.replace(value, MASK)
    return text


def parse_sets(pairs: list[str], placeholders: dict[str, Placeholder]) -> tuple[dict[str, str], str | None]:
    """`--set NAME=VALUE` pairs as {NAME: VALUE}, or a message naming the first one that is not a placeholder."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, eq, value = pair.partition("=")
        if not eq or not name:
            return {}, f"--set {pair!r}: write NAME=VALUE (e.g. --set DB_PATH=prisma/dev.db)"
        if name not in placeholders:
            return {}, f"--set {name}: not a placeholder of data/meta.yaml (placeholders: {', '.join(placeholders)})"
        out[name] = value
    return out, None
