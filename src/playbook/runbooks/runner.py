"""Walk a generated runbook step by step: show, ask, run, read a failure as information, keep a transcript."""

from __future__ import annotations

import json
import re
import shlex
import sqlite3
import subprocess
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path

from playbook.data.model import Placeholder
from playbook.data.model_runbook import OnFailure
from playbook.markdown import FAILS
from playbook.runbooks.origins import Origin, Origins

MASK = "••••"
RUNNABLE = ("shell", "jq")

KEYS = """How to answer (Enter takes the capital letter; q quits at any question):
  [y/N/q]    y runs the block shown; N or Enter skips it.
  a failure  the output and what it means are shown: Enter continues (the failure is information),
             r retries, s skips the rest of the step.
  a stop     a safety check failed on purpose: r retries it once you have fixed the cause; Enter stops here.
  DESTRUCTIVE blocks show what they change and how to undo it, and run only when you type the word shown:
             y alone never runs them.
  MANUAL     blocks need production access: the runner never runs them; do them yourself, then y (done) or n."""


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


@contextmanager
def danger_judge(placeholders: set[str], schema: Path | None) -> Iterator[Callable[[str], list[str]]]:
    """`judge(code)`: why a shell block changes something (empty when it is proven read-only), from the same
    parse `playbook check` uses; a block the parser cannot read is judged destructive too."""
    from playbook.runbooks import blockcheck as bc
    from playbook.runbooks.destructive import dangers, parse_errors, sql_writes_with

    con = bc.sql_database(schema) if schema and schema.is_file() else sqlite3.connect(":memory:")
    writes = sql_writes_with(con, bc.sql_explain)

    def judge(code: str) -> list[str]:
        if parse_errors(code):
            return ["the runner cannot parse this shell, so it cannot prove it read-only"]
        return [f"{d.command}: {d.reason}" for d in dangers(code, placeholders, writes)]

    try:
        yield judge
    finally:
        con.close()


class Flow(Enum):
    NEXT = "next"  # go on
    SKIP = "skip-block"  # leave this block (a value it needs was left empty)
    SKIP_REST = "skip-rest"  # leave the rest of this step's blocks
    QUIT = "quit"  # the operator quit
    STOP = "stop"  # a stop block failed: the walk ends here
    NO_INPUT = "no-input"  # a value was needed and none came (end of input)


ENDS = (Flow.QUIT, Flow.STOP, Flow.NO_INPUT)
CODES = {Flow.QUIT: 0, Flow.STOP: 1, Flow.NO_INPUT: 2}


def _now() -> str:
    return datetime.now(UTC).strftime("%H:%M:%SZ")


def confirm_word(title: str | None, step_title: str) -> str:
    """What a person types to run a destructive block: its title, else its step's, lower case, number and
    brackets left off (`4. Restore` -> `restore`)."""
    text = re.sub(r"^\d+\.\s+", "", title or step_title)
    text = re.sub(r"\s*\([^)]*\)", "", text)
    return re.sub(r"[^a-z0-9 -]+", "", text.lower()).strip() or "run"


@dataclass
class Walk:
    """One walk through a runbook (and the steps of other runbooks it follows), talking through `ask` and `say`."""

    manifest: dict
    placeholders: dict[str, Placeholder]
    env: dict[str, str]
    ask: Callable[[str], str | None]  # one line from the operator; None at the end of input
    say: Callable[[str], None]
    log: Transcript
    dry_run: bool = False
    cwd: Path | None = None
    ask_secret: Callable[[str], str | None] | None = None  # a line typed without echo (secret placeholders)
    origins: Callable[[dict], Origins] = field(default=lambda rb: Origins())
    judge: Callable[[str], list[str]] = field(default=lambda code: [])
    _seen: dict[int, Origins] = field(default_factory=dict)

    # --- talking -------------------------------------------------------------------------------------------
    def _choice(self, prompt: str) -> str | None:
        """The operator's answer, stripped and lower case; None at the end of input."""
        answer = self.ask(prompt)
        return None if answer is None else answer.strip().lower()

    def _yes_no(self, prompt: str) -> str:
        """'y', 'n' or 'q' (default no; the end of input quits)."""
        answer = self._choice(prompt)
        if answer is None or answer == "q":
            return "q"
        return "y" if answer in ("y", "yes") else "n"

    def _quit(self, why: str = "Quit here by the operator.") -> Flow:
        self.log.add(why + "\n")
        self.say("Quit.")
        return Flow.QUIT

    def _origins(self, rb: dict) -> Origins:
        key = id(rb)
        if key not in self._seen:
            self._seen[key] = self.origins(rb)
        return self._seen[key]

    # --- the walk --------------------------------------------------------------------------------------------
    def run(self, rid: str) -> int:
        rb = self.manifest[rid]
        units = units_of(rb)
        org = self._origins(rb)
        self.log.source = org.file
        self.say(f"Runbook {rid}: {len(units)} steps, from {org.file or rb['page']}")
        if org.unmatched:
            self.say(
                f"Note: {len(org.unmatched)} block(s) of runbooks/ are not in the data as it is now "
                "(cited by the page's line instead): run `playbook generate`."
            )
        self.say("Dry run: every step is shown, nothing is run or asked." if self.dry_run else KEYS)
        for n, unit in enumerate(units, 1):
            flow = self.unit(rb, unit, f"Step {n}/{len(units)}", str(n), {rid})
            if flow in ENDS:
                return CODES[flow]
        self.say("\nReached the end of the runbook.")
        self.log.add("Reached the end of the runbook.\n")
        return 0

    def unit(self, rb: dict, unit: dict, head: str, number: str, inside: set[str]) -> Flow:
        """Show one step of a page and do its blocks; then walk the steps of other runbooks it links to."""
        org = self._origins(rb)
        steps = {s["number"]: s for s in rb["steps"]}
        where = org.units[unit["line"]].where if unit["line"] in org.units else f"{rb['page']}:{unit['line']}"
        runs = [b for b in unit["blocks"] if b.get("step") and not steps[b["step"]]["manual"]]
        person = [b for b in unit["blocks"] if not b.get("step") or steps[b["step"]]["manual"]]
        follow = [f for f in unit.get("follow", []) if f["step"] and f["runbook"] not in inside]
        tag = "" if runs else "  · FOR A PERSON (the runner runs nothing here)"
        if follow and not runs:
            tag = "  · continues in runbook " + ", ".join(f["runbook"] for f in follow)
        self.say(f"\n== {head}: {unit['title']}  ({where}){tag}")
        self.log.add(f"## {_now()} {head}: {unit['title']}\n\nFrom `{where}`\n")
        for text in unit["text"]:
            self.say(text)
            self.log.add(text + "\n")
        for k, b in enumerate(unit["blocks"], 1):
            part = f" part {k}" if len(unit["blocks"]) > 1 else ""
            origin = org.blocks.get(b["line"])
            at = origin.where if origin else f"{rb['page']}:{b['line']}"
            step = steps.get(b["step"]) if b.get("step") else None
            flow = self.block(b, step, origin, at, f"Step {number}{part}", unit["title"])
            if flow in ENDS:
                return flow
            if flow is Flow.SKIP_REST:
                self.log.add(f"Rest of step {number} skipped by the operator.\n")
                break
        walked = False
        for f in follow:
            other, k = self.manifest[f["runbook"]], f["step"]
            their = units_of(other)
            self.say(f"\nStep {number} continues in runbook {f['runbook']}, step {k}/{len(their)}: {f['title']}.")
            if not self.dry_run:
                answer = self._yes_no("Walk it here? [y/N/q] ")
                if answer == "q":
                    return self._quit()
                if answer == "n":
                    self.log.add(f"Not walked here: {f['runbook']} step {k} ({f['title']}).\n")
                    continue
            head = f"Step {number} → {f['runbook']} step {k}"
            flow = self.unit(other, their[k - 1], head, f"{number} → {f['runbook']} {k}", inside | {f["runbook"]})
            walked = True
            if flow in ENDS:
                return flow
        for f in unit.get("follow", []):
            if not f["step"]:
                self.say(f"(See also the runbook {f['runbook']}: playbook run {f['runbook'].rsplit('/', 1)[-1]})")
        manual = [b for b in person if b.get("step")]  # each was confirmed as done by itself
        if self.dry_run:
            if not runs:
                self.log.add("For a person (dry run).\n")
            return Flow.NEXT
        if runs or walked or manual:
            return Flow.NEXT
        answer = self._yes_no(f"Step {number} is done by a person: done? [y/N/q] ")
        if answer == "q":
            return self._quit()
        self.log.add("Done, says the operator.\n" if answer == "y" else "Not done: skipped by the operator.\n")
        return Flow.NEXT

    def block(self, b: dict, step: dict | None, origin: Origin | None, at: str, label: str, title: str) -> Flow:
        """Show one block; run it, have it confirmed, or leave it to a person; read its failure."""
        model = origin.block if origin else None
        # the page's marks, the data's and the runner's own reading of the code: any one is enough
        manual = bool(step and (step["manual"] or (model and model.manual)))
        judged = self.judge(b["code"]) if step and not manual else []
        destructive = bool(step and (step["destructive"] or (model and model.destructive) or judged))
        runs = step is not None and not manual
        flags = ["DESTRUCTIVE"] * destructive + ["MANUAL"] * manual
        if runs:
            what = "run by the runner once you type the word asked" if destructive else "run by the runner"
        elif manual:
            what = "for a person with production access: the runner never runs it"
        else:
            what = "post it in the chat" if b["kind"] == "chat" else f"{b['kind']}, shown"
        name = f"{b['label']} · " if b.get("label") else ""
        self.say(f"-- {name}{' · '.join(flags + [what])}  ({at})")
        for note in step["notes"] if step else []:  # Changes: … and Undo: …, with this walk's values
            self.say(f"   {fill(note, self.env, self.placeholders)}")
        if runs and judged and not step["destructive"] and not (model and model.destructive):
            self.say("   The runner treats it as destructive: " + "; ".join(judged))
        if runs and not self.dry_run:
            flow = self._inputs(step)
            if flow is not Flow.NEXT:
                return Flow.NEXT if flow is Flow.SKIP else flow
        shown = fill(b["code"], self.env, self.placeholders)
        self.say(shown)
        fence = "bash" if b["kind"] in RUNNABLE else "text"
        self.log.add(f"{name}{' · '.join(flags + [what])} (`{at}`)\n\n```{fence}\n{shown}\n```\n")
        if step is None:
            return Flow.NEXT
        missing = [p for p in step["inputs"] if not self.env.get(p)]
        if self.dry_run:
            if model and model.on_failure:
                self.say(f"   {FAILS[model.on_failure.next]}: {model.on_failure.means}")
            if missing:
                self.say("   (unset: " + ", ".join(missing) + "; a live run asks for them, or give --set NAME=VALUE)")
            self.log.add("Not run (dry run).\n")
            return Flow.NEXT
        if manual:
            answer = self._yes_no(f"{label} is for a person: the runner never runs it. Done by hand? [y/N/q] ")
            if answer == "q":
                return self._quit()
            self.log.add("Done by hand, says the operator.\n" if answer == "y" else "Not done, says the operator.\n")
            return Flow.NEXT
        if destructive:
            word = (model.confirm if model and model.confirm else None) or confirm_word(b.get("label"), title)
            answer = self._choice(f'{label} is DESTRUCTIVE. Type "{word}" to run it (anything else skips it): ')
            if answer is None or answer == "q":
                return self._quit()
            if answer != word:
                self.say("Not confirmed: not run.")
                self.log.add(f"Not confirmed (typed {answer!r}, not {word!r}): not run.\n")
                return Flow.NEXT
            self.log.add(f"Confirmed by typing {word!r}.\n")
        else:
            answer = self._yes_no(f"Run {label.lower()}? [y/N/q] ")
            if answer == "q":
                return self._quit()
            if answer == "n":
                self.log.add("Skipped by the operator.\n")
                return Flow.NEXT
        while True:
            rc = self._run(step)
            if rc == 0:
                return Flow.NEXT
            flow = self._failed(rc, model.on_failure if model else None, label)
            if flow is not None:
                return flow

    def _failed(self, rc: int, on: OnFailure | None, label: str) -> Flow | None:
        """The decision after a failure: a Flow, or None to run the block again."""
        self.say(f"{label} failed (exit {rc}).")
        if on:
            self.say(f"What it means: {on.means}")
            self.log.add(f"What it means: {on.means}\n")
        if on and on.next == "stop":
            self.say("This block is a safety check: the runbook stops here.")
            answer = self._choice("r retries it once the cause is fixed; Enter stops here: [r/S] ")
            if answer == "r":
                self.log.add("Decision: retry.\n")
                return None
            self.say(f"Stopped at {label}.")
            self.log.add(f"**Stopped at {label}: a safety check failed.**\n")
            return Flow.STOP
        while True:
            answer = self._choice("Enter continues, r retries, s skips the rest of this step, q quits: [C/r/s/q] ")
            if answer is None or answer == "q":
                return self._quit()
            if answer in ("", "c", "continue", "y", "yes"):
                self.log.add("Decision: continue (the failure is information).\n")
                return Flow.NEXT
            if answer == "r":
                self.log.add("Decision: retry.\n")
                return None
            if answer == "s":
                return Flow.SKIP_REST
            self.say("Answer Enter (continue), r, s or q.")

    def _inputs(self, step: dict) -> Flow:
        """Ask for each placeholder the block uses that has no value, with its meaning and example."""
        for name in [p for p in step["inputs"] if not self.env.get(p)]:
            p = self.placeholders[name]
            example = f" (e.g. {p.default})" if p.default else ""
            self.say(f"{name} is not set: {p.meaning}{example}")
            secret = p.secret and self.ask_secret is not None
            value = (self.ask_secret if secret else self.ask)(f"{name} = ")  # type: ignore[misc]
            if value is None:
                self.say(f"Stopped: {name} is not set (give it with --set {name}=VALUE, or export it).")
                self.log.add(f"Stopped: {name} not set.\n")
                return Flow.NO_INPUT
            value = value.strip()
            if value.lower() == "q":
                return self._quit()
            if not value:
                self.say(f"{name} left unset: this block is skipped.")
                self.log.add(f"Skipped: {name} left unset.\n")
                return Flow.SKIP
            self.env[name] = value
            if p.secret:
                self.say(f"To reuse it in your shell (typed, never shown): read -rs {name} && export {name}")
                self.log.add(f"{name} set by the operator (a secret: not recorded).\n")
            else:
                self.say(f"To reuse it in your shell: export {name}={shlex.quote(value)}")
                self.log.add(f"{name} set by the operator: `export {name}={shlex.quote(value)}`\n")
        return Flow.NEXT

    def _run(self, step: dict) -> int:
        """Run the step's code as written (the environment holds the placeholders' values); returns its exit code."""
        proc = subprocess.run(
            ["bash", "-c", "set -euo pipefail\n" + step["code"]],
            env=dict(self.env),
            cwd=self.cwd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
        )
        output = mask(proc.stdout + proc.stderr, self.env, self.placeholders).rstrip()
        if output:
            self.say(output)
        self.log.add(f"Ran at {_now()}, exit {proc.returncode}.\n" + (f"\n```text\n{output}\n```\n" if output else ""))
        return proc.returncode


def walk(
    rid: str,
    runbook: dict,
    placeholders: dict[str, Placeholder],
    env: Mapping[str, str],
    ask: Callable[[str], str | None],
    say: Callable[[str], None],
    dry_run: bool = False,
    cwd: Path | None = None,
    manifest: dict | None = None,
    **options,
) -> tuple[int, Transcript]:
    """Go through the page's steps; returns (exit code, transcript). 0: the end reached, or quit; 1: a safety
    check stopped the walk; 2: a value was needed and the input ended.

    Shell and jq blocks run once confirmed (a destructive one by a typed word); a failure shows what it means
    and the walk goes on unless the data marks the block as a stop. Manual and chat blocks and text-only steps
    are for a person: shown, never run, and in a live run confirmed as done."""
    log = Transcript(rid, runbook["page"], dry_run)
    w = Walk(manifest or {rid: runbook}, placeholders, dict(env), ask, say, log, dry_run, cwd, **options)
    return w.run(rid), log
