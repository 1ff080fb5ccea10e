"""Run one scenario's drill: stand-in up, fault in, runbook shell steps run with bash, observations checked."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import string
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from playbook.data import files as F
from playbook.data.model_drill import DrillStep
from playbook.data.model_runbook import Block
from playbook.data.walk import step_blocks
from playbook.drill import db as drill_db
from playbook.drill import faults as drill_faults
from playbook.drill.check import check, check_fault
from playbook.drill.target import DRILL_TOKEN, DrillTarget
from playbook.errors import DataError, Problem

STEP_TIMEOUT = 30  # seconds for one block; a drill never waits on a command longer than this
DRILL_TIMEOUT = 180  # seconds for a whole drill: later blocks fail once it is spent
EXTERNAL = re.compile(r"\bhttps?://[^\s\"']+")
WATCH_SHIM = """#!/usr/bin/env bash
# Drill shim for watch(1): runs the watched command once (watch repeats forever and needs a terminal).
while [[ $# -gt 0 ]]; do case "$1" in -n|--interval) shift 2 ;; -*) shift ;; *) break ;; esac; done
exec bash -c "$*"
"""


def steps_of(cat, runbook_id: str) -> Iterator[tuple[int, str, Block]]:
    """(step number, step title, block) for every shell block of a scenario or procedure, in page order.

    The one place that says where commands come from: today the catalog's expanded blocks (the page
    renders this text verbatim in its fences), later the runbooks extracted from the rendered pages.
    """
    rb = cat.scenarios.get(runbook_id) or cat.procedures[runbook_id]
    for n, step in enumerate(rb.steps, 1):
        for _, block in step_blocks(step):
            if block.kind == "shell":
                yield n, step.title, block


def block_source(cat, runbook_id: str, step: int, block: Block) -> str:
    """`file:line` of `block` (of step number `step`) in the YAML it was loaded from, as an editor opens it."""
    rb = cat.scenarios.get(runbook_id) or cat.procedures[runbook_id]
    found = (("steps", step - 1, *where) for where, b in step_blocks(rb.steps[step - 1]) if b is block)
    path = next(found, ("steps", step - 1))
    file = cat.source[runbook_id]
    return f"{file}:{cat.where(file, (*path, 'code'))[0]}"


def chat_steps(cat, runbook_id: str) -> Iterator[tuple[int, str]]:
    rb = cat.scenarios.get(runbook_id) or cat.procedures[runbook_id]
    for n, step in enumerate(rb.steps, 1):
        if any(b.kind == "chat" for b in step.blocks):
            yield n, step.title


@dataclass
class StepOutcome:
    runbook: str
    step: int
    title: str
    outcome: str  # passed, failed, manual, external
    note: str = ""
    source: str = ""  # the block's YAML file:line

    @property
    def label(self) -> str:
        return f"{self.runbook} step {self.step} ({self.title})"


@dataclass
class DrillOutcome:
    scenario: str
    fault: str
    steps: list[StepOutcome] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # failures outside a step (fault, unknown steps)
    time_to_diagnosis: float | None = None  # seconds from the fault's injection to the diagnosis step's end
    diagnosed_at: str | None = None  # e.g. "database-down step 1"
    variant: str | None = None  # a variant of the scenario's drill (another fault), e.g. "backup-corrupt"

    @property
    def name(self) -> str:
        return self.scenario + (f" / {self.variant}" if self.variant else "")

    @property
    def passed(self) -> bool:
        return (
            not self.problems and all(s.outcome != "failed" for s in self.steps) and self.time_to_diagnosis is not None
        )

    def count(self, *outcomes: str) -> int:
        return sum(s.outcome in outcomes for s in self.steps)


def _app_checkout(tmp: Path) -> Path:
    """The drill's stand-in for the app checkout: a git repository (the rollback step reads its log)."""
    app = tmp / "app"
    app.mkdir()
    (app / "README.md").write_text("Drill stand-in for the Clinical OS checkout (created by playbook drill).\n")
    env = {**_base_env(tmp), "GIT_AUTHOR_NAME": "drill", "GIT_AUTHOR_EMAIL": "drill@example.test"}
    env |= {"GIT_COMMITTER_NAME": "drill", "GIT_COMMITTER_EMAIL": "drill@example.test"}
    for args in (["init", "-q"], ["add", "-A"], ["-c", "commit.gpgsign=false", "commit", "-qm", "Drill: app checkout"]):
        subprocess.run(["git", *args], cwd=app, env=env, check=True, timeout=STEP_TIMEOUT, capture_output=True)
    return app


def _base_env(tmp: Path) -> dict[str, str]:
    home = tmp / "home"
    home.mkdir(exist_ok=True)
    return {"PATH": f"{tmp / 'bin'}:{os.environ.get('PATH', '/usr/bin:/bin')}", "HOME": str(home), "LANG": "C.UTF-8"}


def step_env(cat, tmp: Path, base_url: str) -> dict[str, str]:
    """The placeholders of data/meta.yaml, pointed at the drill: its URL, dummy token, files in tmp."""
    env = {p.name: p.default for p in cat.meta.placeholders if p.default and not p.secret}
    env |= {"BASE_URL": base_url, "TOKEN": DRILL_TOKEN, "NO_PROXY": "127.0.0.1"}
    env["SINCE"] = (datetime.now(UTC) - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {**_base_env(tmp), **env}


def _inside(tmp: Path, cwd: Path, env: dict[str, str]) -> bool:
    paths = [cwd] + [cwd / env[k] for k in ("DB_PATH", "DB_BACKUP", "LOG_FILE")]
    return all(p.resolve().is_relative_to(tmp.resolve()) for p in paths)


def run_block(block: Block, cwd: Path, env: dict[str, str], tmp: Path, timeout: float = STEP_TIMEOUT):
    """Run a block with bash in its own process group (killed whole on timeout); guarded (destructive)
    blocks get 'yes' answers, and run only when every file placeholder points inside tmp."""
    if block.destructive and not _inside(tmp, cwd, env):
        raise RuntimeError("refused: a destructive step runs only on files inside the drill's directory")
    stdin = "yes\n" * 20 if block.destructive else ""
    cmd = ["bash", "--noprofile", "--norc", "-c", block.code]
    with subprocess.Popen(
        cmd, cwd=cwd, env=env, text=True, start_new_session=True,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    ) as proc:  # fmt: skip
        try:
            out, err = proc.communicate(stdin, timeout=max(timeout, 1))
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # bash and whatever it started (curl, jq, ...)
            out, err = proc.communicate()
            return subprocess.CompletedProcess(cmd, 124, out, err + f"\ntimed out after {timeout:.0f}s")
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def drill(cat, sid: str, variant: str | None = None, hooks=None) -> DrillOutcome:
    """Run the drill of scenario `sid` (or one of its variants) in a temporary directory removed afterwards.

    `hooks` (the alert drills, drill/alerting.py) shorten the stand-in's windows by `hooks.time_factor`, inject
    the fault with `hooks.inject(target, fault, backup, fields)` (traffic around it, the alert awaited) and
    are called `hooks.walked(target, fields)` once the runbook is walked, before the stand-in stops."""
    sc = cat.scenarios[sid]
    if sc.drill is None:
        return DrillOutcome(sid, "-", problems=[f"{cat.source[sid]}: no `drill:` section"])
    with tempfile.TemporaryDirectory(prefix=f"drill-{sid}-") as d:
        return _drill(cat, sid, Path(d), variant, hooks)


def variants(cat, sid: str) -> list[str | None]:
    """The drills of scenario `sid`: its own (None), then each variant's id."""
    sc = cat.scenarios[sid]
    return [None, *(v.id for v in (sc.drill.variants if sc.drill else []))]


@dataclass
class _Run:
    """What every block of one drill runs with."""

    target: DrillTarget
    cwd: Path
    env: dict[str, str]
    tmp: Path
    fields: dict[str, str]  # the fault's fields, for ${name} in expectations
    deadline: float


def _drill(cat, sid: str, tmp: Path, variant: str | None = None, hooks=None) -> DrillOutcome:
    spec = cat.scenarios[sid].drill
    var = next((v for v in spec.variants if v.id == variant), None)
    if variant and var is None:
        return DrillOutcome(sid, "-", variant=variant, problems=[f"{cat.source[sid]}: no drill variant {variant!r}"])
    fault = var.fault if var else spec.fault
    out = DrillOutcome(sid, fault.kind, variant=variant)
    follow = var.follow if var and var.follow is not None else spec.follow
    runbooks = [sid, *follow]  # known procedures: the loader's id lookup (LOAD005) saw to it
    (tmp / "bin").mkdir()
    (tmp / "bin" / "watch").write_text(WATCH_SHIM)
    (tmp / "bin" / "watch").chmod(0o755)
    app = _app_checkout(tmp)
    defaults = {p.name: p.default for p in cat.meta.placeholders}
    needed = ("DB_PATH", "DB_BACKUP", "LOG_FILE")
    if missing := [k for k in needed if not defaults.get(k)]:
        meta = cat.file(F.META)
        where = cat.where(meta, ("placeholders",))
        hint = "give it a default: a path relative to the app checkout"
        problem = Problem(meta, *where, "LOAD005", f"the drill needs placeholder {missing[0]}", hint)
        raise DataError([problem])
    db, backup, log = (app / defaults[k] for k in needed)
    drill_db.create(db, cat.project.app_schema)
    base = [d for d in spec.steps if (d.runbook or sid) in runbooks]  # a variant may follow fewer procedures
    expected = {(d.runbook or sid, d.step, d.block): d for d in [*base, *(var.steps if var else [])]}
    seen: set[tuple] = set()
    fields = {k: str(v) for k, v in fault.model_dump().items() if isinstance(v, str | int)}
    stopped = ""
    with DrillTarget(cat, db, log, time_factor=hooks.time_factor if hooks else 1) as target:
        run = _Run(target, app, step_env(cat, tmp, target.base_url), tmp, fields, time.monotonic() + DRILL_TIMEOUT)
        if hooks:
            hooks.inject(target, fault, backup, fields)
        else:
            drill_faults.inject(target, fault, backup)
        started = time.monotonic()
        out.problems += check_fault(target, fault, fields)
        if fault.side_files:  # after the symptom probes: the app's next open would consume a stale -wal
            drill_db.leave_side_files(db)
        kept = _snapshot(app, run.env, var.unchanged if var else [])
        for rid in runbooks:
            index: dict[int, int] = {}
            for n, title, block in steps_of(cat, rid):
                index[n] = index.get(n, 0) + 1
                key = (rid, n, index[n])
                seen.add(key)
                source = block_source(cat, rid, n, block)
                if stopped:
                    note = f"not run: the runbook stopped at {stopped}"
                    out.steps.append(StepOutcome(rid, n, title, "stopped", note, source))
                    continue
                st = _one(run, expected.get(key), block, StepOutcome(rid, n, title, "", source=source))
                out.steps.append(st)
                if st.outcome == "passed" and expected[key].stop:
                    stopped = f"{rid} step {n} block {index[n]}"
                diagnosis = st.outcome == "passed" and expected.get(key) and expected[key].diagnosis
                if diagnosis and out.time_to_diagnosis is None:
                    out.time_to_diagnosis, out.diagnosed_at = time.monotonic() - started, f"{rid} step {n}"
            out.steps += [StepOutcome(rid, n, t, "manual", "chat command") for n, t in chat_steps(cat, rid)]
        out.problems += [f"{name} was changed by the runbook" for name, h in kept.items() if _digest(app, h[0]) != h[1]]
        if hooks:
            hooks.walked(target, fields)
        out.problems += target.metrics.located(cat)
    out.steps.sort(key=lambda s: (runbooks.index(s.runbook), s.step))
    for key in sorted(expected.keys() - seen):
        where = f"{cat.source[sid]}: drill expects {key[0]} step {key[1]} block {key[2]}"
        out.problems.append(f"{where}: no such shell block" + ("" if key[0] in runbooks else " (add it to follow)"))
    if out.time_to_diagnosis is None and not any(d.diagnosis for d in spec.steps):
        out.problems.append(f"{cat.source[sid]}: no drill step is marked `diagnosis: true`")
    return out


def _digest(cwd: Path, path: Path) -> str | None:
    f = cwd / path
    return hashlib.sha256(f.read_bytes()).hexdigest() if f.is_file() else None


def _snapshot(cwd: Path, env: dict[str, str], names: list[str]) -> dict[str, tuple[Path, str | None]]:
    """{name as written: (path, sha256 or None when absent)} of files such as `$DB_PATH-wal`."""
    out = {}
    for name in names:
        path = Path(string.Template(name).safe_substitute(env))
        out[name] = (path, _digest(cwd, path))  # absent (None) is a state to keep too
    return out


def _one(run: _Run, exp: DrillStep | None, block: Block, st: StepOutcome) -> StepOutcome:
    done = drill_faults.apply(run.target, exp.before, run.fields) if exp and exp.before else ""
    if block.manual:
        st.outcome, st.note = "manual", "needs production access" + (f"; drill did instead: {done}" if done else "")
        return st
    hosts = [u for u in EXTERNAL.findall(block.code) if not u.startswith("http://127.0.0.1")]
    if hosts:
        st.outcome, st.note = "external", f"not run: calls {hosts[0]} (drills reach 127.0.0.1 only)"
        return st
    if exp is None:
        st.outcome, st.note = "failed", "no expected observation in the scenario's `drill.steps`"
        return st
    left = run.deadline - time.monotonic()
    if left <= 0:
        st.outcome, st.note = "failed", f"not run: the drill's {DRILL_TIMEOUT}s budget is spent"
        return st
    try:
        proc = run_block(block, run.cwd, run.env, run.tmp, min(STEP_TIMEOUT, left))
    except RuntimeError as e:
        st.outcome, st.note = "failed", str(e)
        return st
    errors = check(exp.expect, proc, run.target, run.fields)
    st.outcome = "failed" if errors else "passed"
    st.note = "; ".join(errors)
    return st
