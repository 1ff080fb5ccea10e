"""Walk a generated runbook step by step: show, ask, run, stop at the first failure, keep a transcript."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from playbook.data.model import Placeholder

MASK = "••••"


@dataclass
class Transcript:
    """The incident-timeline record of one walk through a runbook, in Markdown."""

    runbook: str
    page: str
    dry_run: bool
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    lines: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        self.lines.append(text)

    def markdown(self) -> str:
        mode = "dry run (nothing was run)" if self.dry_run else "run"
        head = [
            f"# Runbook `{self.runbook}`: {self.started:%Y-%m-%d %H:%M:%S} UTC",
            "",
            f"Source page: `{self.page}` · mode: {mode}",
            "",
        ]
        return "\n".join(head + self.lines) + "\n"


def load_manifest(runbooks: Path) -> dict:
    return json.loads((runbooks / "manifest.json").read_text(encoding="utf-8"))


def find_runbook(manifest: dict, name: str) -> tuple[str, dict] | None:
    """A runbook with steps by id (`scenarios/database-down`) or by its last part (`database-down`)."""
    hits = [(rid, rb) for rid, rb in manifest.items() if rb.get("steps") and name in (rid, rid.rsplit("/", 1)[-1])]
    return hits[0] if len(hits) == 1 else None


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


def walk(
    rid: str,
    runbook: dict,
    placeholders: dict[str, Placeholder],
    env: Mapping[str, str],
    ask: Callable[[str], str],
    say: Callable[[str], None],
    dry_run: bool = False,
    cwd: Path | None = None,
) -> tuple[int, Transcript]:
    """Go through the steps; returns (exit code, transcript). 0: done or quit, 1: a step failed, 2: input missing."""
    log = Transcript(rid, runbook["page"], dry_run)
    steps = runbook["steps"]
    for step in steps:
        head = f"Step {step['number']}/{len(steps)}: {step['title']}"
        flags = [f for f in ("destructive", "manual") if step[f]]
        where = f"{step['page']}:{step['line']}" + (f" · {', '.join(flags).upper()}" if flags else "")
        shown = fill(step["code"], env, placeholders)
        now = datetime.now(UTC).strftime("%H:%M:%SZ")
        say(f"\n== {head}  ({where})\n{shown}")
        log.add(f"## {now} {head}\n\nFrom `{where}`\n\n```bash\n{shown}\n```\n")
        missing = [n for n in step["inputs"] if not env.get(n)]
        if dry_run:
            if missing:
                say("   (unset: " + ", ".join(missing) + ")")
            log.add("Not run (dry run).\n")
            continue
        if missing:
            for n in missing:
                say(f"set {n}: {placeholders[n].meaning}")
            log.add(f"Stopped: {', '.join(missing)} not set.\n")
            return 2, log
        warn = " This step is " + " and ".join(flags).upper() + "." if flags else ""
        answer = ask(f"Run step {step['number']}?{warn} [y/N/q] ").strip().lower()
        if answer == "q":
            log.add("Quit here by the operator.\n")
            say("Quit.")
            return 0, log
        if answer not in ("y", "yes"):
            log.add("Skipped by the operator.\n")
            continue
        proc = subprocess.run(
            ["bash", "-c", "set -euo pipefail\n" + step["code"]],
            env=dict(env),
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
        )
        output = mask(proc.stdout + proc.stderr, env, placeholders).rstrip()
        if output:
            say(output)
        done = datetime.now(UTC).strftime("%H:%M:%SZ")
        log.add(f"Ran at {done}, exit {proc.returncode}.\n" + (f"\n```text\n{output}\n```\n" if output else ""))
        if proc.returncode != 0:
            say(f"Step {step['number']} failed (exit {proc.returncode}): stopping here.")
            log.add(f"**Failed: stopped at step {step['number']}.**\n")
            return 1, log
    log.add("Reached the end of the runbook.\n")
    return 0, log
