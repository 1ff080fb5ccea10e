"""Walk a generated runbook step by step: show, ask, run, read a failure as information, keep a transcript."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from playbook.data.model import Placeholder
from playbook.data.model_runbook import OnFailure
from playbook.runbooks.answers import CODES, ENDS, KEYS, Flow
from playbook.runbooks.guard import confirm_word
from playbook.runbooks.inputs import ask_inputs
from playbook.runbooks.manifest import units_of
from playbook.runbooks.origins import Origin, Origins
from playbook.runbooks.page_marks import FAILS
from playbook.runbooks.transcript import Transcript, fill, mask

RUNNABLE = ("shell", "jq")


def _now() -> str:
    return datetime.now(UTC).strftime("%H:%M:%SZ")


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

    def quit_walk(self, why: str = "Quit here by the operator.") -> Flow:
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
                    return self.quit_walk()
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
            return self.quit_walk()
        self.log.add("Done, says the operator.\n" if answer == "y" else "Not done: skipped by the operator.\n")
        return Flow.NEXT

    def block(self, b: dict, step: dict | None, origin: Origin | None, at: str, label: str, title: str) -> Flow:
        """Show one block; run it, have it confirmed, or leave it to a person; read its failure."""
        model = origin.block if origin else None
        # the page's marks, the data's and the runner's own reading of the code: any one is enough
        manual = bool(step and (step["manual"] or (model and model.manual)))
        judged = self.judge(b["code"]) if step and not manual else []
        marked = bool(step and (step["destructive"] or (model and model.destructive)))
        safe = bool(model and model.safe)  # not read-only, and the data says why it may run on a plain yes
        destructive = marked or bool(judged and not safe)
        runs = step is not None and not manual
        flags = (
            ["DESTRUCTIVE"] * destructive + ["NOT READ-ONLY"] * (bool(judged) and not destructive) + ["MANUAL"] * manual
        )
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
        if runs and judged and not marked:
            self.say(
                ("   Not proven read-only: " if safe else "   The runner treats it as destructive: ")
                + "; ".join(judged)
            )
        if runs and not self.dry_run:
            flow = ask_inputs(self, step)
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
                return self.quit_walk()
            self.log.add("Done by hand, says the operator.\n" if answer == "y" else "Not done, says the operator.\n")
            return Flow.NEXT
        if destructive:
            word = (model.confirm if model and model.confirm else None) or confirm_word(b.get("label"), title)
            answer = self._choice(f'{label} is DESTRUCTIVE. Type "{word}" to run it (anything else skips it): ')
            if answer is None or answer == "q":
                return self.quit_walk()
            if answer != word:
                self.say("Not confirmed: not run.")
                self.log.add(f"Not confirmed (typed {answer!r}, not {word!r}): not run.\n")
                return Flow.NEXT
            self.log.add(f"Confirmed by typing {word!r}.\n")
        else:
            answer = self._yes_no(f"Run {label.lower()}? [y/N/q] ")
            if answer == "q":
                return self.quit_walk()
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
                return self.quit_walk()
            if answer in ("", "c", "continue", "y", "yes"):
                self.log.add("Decision: continue (the failure is information).\n")
                return Flow.NEXT
            if answer == "r":
                self.log.add("Decision: retry.\n")
                return None
            if answer == "s":
                return Flow.SKIP_REST
            self.say("Answer Enter (continue), r, s or q.")

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
    """Go through the page's steps; returns (exit code, transcript). 0: the end reached, or quit (q, or the end
    of the input, also where a value was asked for); 1: a safety check stopped the walk.

    Shell and jq blocks run once confirmed (a destructive one by a typed word); a failure shows what it means
    and the walk goes on unless the data marks the block as a stop. Manual and chat blocks and text-only steps
    are for a person: shown, never run, and in a live run confirmed as done."""
    log = Transcript(rid, runbook["page"], dry_run)
    w = Walk(manifest or {rid: runbook}, placeholders, dict(env), ask, say, log, dry_run, cwd, **options)
    return w.run(rid), log
