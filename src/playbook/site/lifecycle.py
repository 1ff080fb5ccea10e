"""Worked examples of the lifecycle commands for the site, produced by running them at a fixed time."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from pathlib import Path

from playbook.data.catalog import Catalog
from playbook.data.session import SESSION, Session
from playbook.incident.commands import program
from playbook.markdown import fence

# A fixed start (a Friday before a public holiday, so the due date shows the weekend and the holiday skipped)
# and a fixed version keep the examples, and the runbooks/ extracted from them, identical from build to build.
SAMPLE_START = "2026-01-16T10:30"
SAMPLE_VERSION = "sample"
SAMPLE_SIGNALS = [("error_rate", "35%"), ("audit_logging_down", "40m"), ("users_affected", "3%")]
SAMPLE_SIGNALS += [("p95_vs_baseline", "2.5x"), ("ai_error_rate", "85%")]
SAMPLE_LOG = [("2026-01-16T10:24", "Alert fired"), ("2026-01-16T10:52", "Fix deployed")]


def run(cat: Catalog, argv: list[str]) -> tuple[int, str]:
    """Run `playbook argv` (a lifecycle command) in-process on the data already loaded; (exit code, output)."""
    buf = io.StringIO()
    token = SESSION.set(Session(loaded=cat))
    try:
        with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
            args = program().parse_args(argv)
            code = args.func(args)
    finally:
        SESSION.reset(token)
    return code, buf.getvalue()


def _sub(cat: Catalog, name: str, *more: str) -> str:
    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"
    token = SESSION.set(Session(loaded=cat))
    try:
        p = program()
        for part in (name, *more):
            sub = next(a for a in p._actions if a.__class__.__name__ == "_SubParsersAction")
            p = sub.choices[part]
        return p.format_help()
    finally:
        SESSION.reset(token)
        if old is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = old


def render_cli_reference(cat: Catalog) -> str:
    cmds = [("classify",), ("incident", "new"), ("incident", "log"), ("postmortem", "new"), ("postmortem", "check")]
    out = []
    for c in cmds:
        out.append(f"### `playbook {' '.join(c)}`\n\n" + fence(_sub(cat, *c), "output"))
    return "\n".join(out)


def sample_classify_argv(cat: Catalog) -> list[str]:
    argv = ["classify"]
    for sid, value in SAMPLE_SIGNALS:
        argv += ["--" + cat.signals[sid].id.replace("_", "-"), value]
    return argv + ["--started", SAMPLE_START]


def render_classify_example(cat: Catalog) -> str:
    argv = sample_classify_argv(cat)
    _, text = run(cat, [*argv, "--no-locations"])  # no YAML line:col in a generated page (and runbooks/)
    return fence("$ playbook " + " ".join(argv) + "\n" + text, "output")


def sample_record(cat: Catalog, folder: Path) -> tuple[Path, list[list[str]]]:
    """Create the sample record with `incident new` and `incident log`; (path, the commands run)."""
    sev = cat.incident.postmortem.required_for[0]
    new = ["incident", "new", "Sign-in failures", "--sev", sev, "--started", SAMPLE_START, "--dir", str(folder)]
    code, out = run(cat, [*new, "--version", SAMPLE_VERSION])
    if code:
        raise RuntimeError(out)
    path = Path(out.strip())
    cmds = [new]
    for at, event in SAMPLE_LOG:
        argv = ["incident", "log", str(path), event, "--at", at]
        code, out = run(cat, argv)
        if code:
            raise RuntimeError(out)
        cmds.append(argv)
    return path, cmds


def _shown(cmds: list[list[str]], folder: Path) -> str:
    def q(a: str) -> str:
        return f'"{a}"' if " " in a else a

    return "\n".join("$ playbook " + " ".join(q(a.replace(str(folder), "incidents")) for a in c) for c in cmds)


def render_incident_example(cat: Catalog) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path, cmds = sample_record(cat, Path(tmp))
        record = path.read_text(encoding="utf-8")
        return fence(_shown(cmds, Path(tmp)), "output") + "\n" + fence(record, "output", title=path.name)


def render_check_example(cat: Catalog) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path, _ = sample_record(cat, Path(tmp))
        _, text = run(cat, ["postmortem", "check", str(path)])
        text = text.replace(str(path), path.name)
        return fence(f"$ playbook postmortem check {path.name}\n{text}", "output")


def render_check_rules() -> str:
    from playbook.incident.postmortem import RULES
    from playbook.markdown import table

    return table(["Rule", "What it checks"], [[k, v] for k, v in RULES.items()])


def render_input_formats(cat: Catalog) -> str:
    """How each kind of signal value may be typed, from the table the parser uses."""
    from playbook.incident.classify import INPUT_FORMATS

    units = {s.unit for s in cat.severities.signals}
    rows = [f"{what} (`{ex.replace(' or ', '` or `')}`)" for unit, (what, ex) in INPUT_FORMATS.items() if unit in units]
    return "; ".join(rows)
