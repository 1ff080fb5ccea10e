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


def units_of(runbook: dict) -> list[dict]:
    """The page's steps in page order (the manifest's `walk`; one per runnable block for an older manifest)."""
    if "walk" in runbook:
        return runbook["walk"]
    return [
        {"title": s["title"], "line": s["line"], "text": [], "blocks": [{**s, "step": s["number"], "label": None}]}
        for s in runbook["steps"]
    ]


def _ask(ask: Callable[[str], str], log: Transcript, say: Callable[[str], None], prompt: str) -> str:
    """'y', 'n' or 'q' from the operator (default no); a quit is logged and said here."""
    answer = ask(prompt).strip().lower()
    if answer == "q":
        log.add("Quit here by the operator.\n")
        say("Quit.")
        return "q"
    return "y" if answer in ("y", "yes") else "n"


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
    """Go through the page's steps; returns (exit code, transcript). 0: done or quit, 1: a step failed, 2: no input.

    Shell and jq blocks run once confirmed; chat commands, other blocks and text-only steps are for a person:
    shown, never run, and in a live run confirmed as done before the walk goes on."""
    log = Transcript(rid, runbook["page"], dry_run)
    steps = {s["number"]: s for s in runbook["steps"]}
    units = units_of(runbook)
    for n, unit in enumerate(units, 1):
        head = f"Step {n}/{len(units)}: {unit['title']}"
        runs = [b for b in unit["blocks"] if b.get("step")]
        person = "" if runs else "  · FOR A PERSON (the runner runs nothing here)"
        now = datetime.now(UTC).strftime("%H:%M:%SZ")
        say(f"\n== {head}  ({runbook['page']}:{unit['line']}){person}")
        log.add(f"## {now} {head}\n\nFrom `{runbook['page']}:{unit['line']}`\n")
        for text in unit["text"]:
            say(text)
            log.add(text + "\n")
        for b in unit["blocks"]:
            _show(b, steps, env, placeholders, say, log)
            if not b.get("step"):
                continue
            step = steps[b["step"]]
            missing = [p for p in step["inputs"] if not env.get(p)]
            if dry_run:
                if missing:
                    say("   (unset: " + ", ".join(missing) + ")")
                log.add("Not run (dry run).\n")
                continue
            if missing:
                for p in missing:
                    say(f"set {p}: {placeholders[p].meaning}")
                log.add(f"Stopped: {', '.join(missing)} not set.\n")
                return 2, log
            flags = [f for f in ("destructive", "manual") if step[f]]
            warn = " This step is " + " and ".join(flags).upper() + "." if flags else ""
            answer = _ask(ask, log, say, f"Run step {n}{_part(b, runs)}?{warn} [y/N/q] ")
            if answer == "q":
                return 0, log
            if answer == "n":
                log.add("Skipped by the operator.\n")
                continue
            rc = _run(step, env, placeholders, cwd, say, log)
            if rc:
                say(f"Step {n} failed (exit {rc}): stopping here.")
                log.add(f"**Failed: stopped at step {n}.**\n")
                return 1, log
        if not runs:
            if dry_run:
                log.add("For a person (dry run).\n")
                continue
            answer = _ask(ask, log, say, f"Step {n} is done by a person: done? [y/N/q] ")
            if answer == "q":
                return 0, log
            log.add("Done, says the operator.\n" if answer == "y" else "Not done: skipped by the operator.\n")
    say("\nReached the end of the runbook.")
    log.add("Reached the end of the runbook.\n")
    return 0, log


def _part(block: dict, runs: list[dict]) -> str:
    return f" (part {runs.index(block) + 1} of {len(runs)})" if len(runs) > 1 else ""


def _show(b: dict, steps: dict, env, placeholders, say, log) -> None:
    """Print and log one block as the page shows it (placeholders filled, secrets masked)."""
    step = steps.get(b.get("step"))
    flags = [f for f in ("destructive", "manual") if step and step[f]]
    what = "run by the runner" if step else ("post it in the chat" if b["kind"] == "chat" else f"{b['kind']}, shown")
    label = f"{b['label']} · " if b.get("label") else ""
    shown = fill(b["code"], env, placeholders)
    say(f"-- {label}{what}" + (f" · {', '.join(flags).upper()}" if flags else "") + f"  (line {b['line']})")
    for note in step["notes"] if step else []:
        say(f"   {note}")
    say(shown)
    fence = "bash" if step else "text"
    log.add(f"{label}{what}" + (f" ({', '.join(flags)})" if flags else "") + f"\n\n```{fence}\n{shown}\n```\n")


def _run(step: dict, env, placeholders, cwd, say, log) -> int:
    """Run the step's code as written (the environment holds the placeholders' values); returns its exit code."""
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
    return proc.returncode
