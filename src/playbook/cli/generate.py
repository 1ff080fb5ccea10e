"""`playbook generate [--check]`: write, or verify without writing, every file generated from the data."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from playbook.cli.arguments import command
from playbook.cli.session import Session
from playbook.data import files as F
from playbook.drill.results import RERUN as RERUN_DRILLS

RERUN = "run: playbook generate"


class Refused(Exception):
    """Nothing may be generated: the data has a check's error, or its pages cannot be read (`lines` say where)."""

    def __init__(self, reason: str, lines: list[str] | None = None):
        super().__init__(reason)
        self.reason, self.lines = reason, lines or []


def alert_texts(cat) -> dict[Path, str]:
    """The Prometheus rules, the Alertmanager config, the escalation policy and the Grafana dashboard."""
    from playbook.alerts.alertmanager import config_text
    from playbook.alerts.escalation import policy_text
    from playbook.alerts.grafana import dashboard_text
    from playbook.alerts.prometheus import rules_text

    p = cat.project
    return {
        p.rules_file: rules_text(cat),
        p.alertmanager_file: config_text(cat),
        p.escalation_file: policy_text(cat),
        p.dashboard_file: dashboard_text(cat),
    }


def alert_files(args: argparse.Namespace) -> dict[Path, str]:

    return alert_texts(args.session.catalog())


def schema_outputs(args: argparse.Namespace) -> dict[Path, str]:
    """The JSON Schema of every data file, from the models alone (unusable data does not stop them)."""
    from playbook.data.schema import schema_files

    folder = args.session.project().schema
    return {folder / name: text for name, text in schema_files().items()}


def runbook_files(args: argparse.Namespace) -> dict[Path, str]:
    """runbooks/, from the code blocks of the pages as MkDocs renders them; refused (like the build) when
    a check finds an error in the data or the rendered pages' blocks do not add up."""
    from playbook.adapters.mkdocs.markdown import text_renderer
    from playbook.adapters.mkdocs.rendered import render_pages
    from playbook.checks.engine import generate_rules
    from playbook.drill.results import load_results
    from playbook.runbooks.extract import COMPILATIONS, cross_check, parse_pages
    from playbook.runbooks.generate import generate
    from playbook.runbooks.outline import page_steps
    from playbook.site.checking import check

    p = args.session.project()
    load_results(p.data)  # bad results stop here, located, not inside MkDocs' macros
    # Like the build: the data is checked before any page renders (a macro over data a rule refuses would
    # fail inside mkdocs-macros, which ends the process with its own exit code and no location).
    cat = args.session.catalog()
    errors = [f.format() for f in check(cat, generate_rules(), render=text_renderer(p)) if f.level == "error"]
    if errors:
        raise Refused(f"{len(errors)} error(s) in the data (see playbook check)", errors)
    try:
        pages, cat = render_pages(project=p)
        pages = {page: text for page, text in pages.items() if page not in COMPILATIONS}
        blocks = parse_pages(pages)
    except RuntimeError as e:
        raise Refused(str(e)) from None
    if problems := cross_check(blocks):
        raise Refused(f"{len(problems)} problem(s) in the code blocks of the rendered pages", problems)
    files = generate(blocks, cat.meta.placeholders, {page: page_steps(text) for page, text in pages.items()})
    return {p.runbooks / rel: text for rel, text in files.items()}


@dataclass(frozen=True)
class Generator:
    """One kind of generated output: `make` gives {file: text}; a `folder` holds exactly those files."""

    name: str
    writes: str
    make: Callable[[argparse.Namespace], dict[Path, str]]
    folder: Callable[[argparse.Namespace], Path] | None = None


def _runbooks_folder(args: argparse.Namespace) -> Path:

    return args.session.project().runbooks


GENERATORS = (
    Generator(
        "alerts",
        "alerts/ (Prometheus rules, Alertmanager config, escalation policy) and dashboards/ (Grafana)",
        alert_files,
    ),
    Generator("schema", "data/schema/ (the JSON Schema of each data file, for editors)", schema_outputs),
    Generator(
        "runbooks",
        "runbooks/ (one checkable file per runbook page, from the rendered pages; *.sh executable)",
        runbook_files,
        folder=_runbooks_folder,
    ),
)


@dataclass(frozen=True)
class Change:
    """A generated file that is not as the data makes it: `text` to write, or None to remove it."""

    path: Path
    why: str
    text: str | None


def _mode(path: Path) -> int:
    return 0o755 if path.name.endswith(".sh") else 0o644


def changes(files: dict[Path, str], folder: Path | None = None) -> list[Change]:
    """What differs between `files` ({file: text}) and the disk; with `folder`, files in it not in `files` too."""
    out = []
    for path, text in files.items():
        try:
            same = path.read_bytes() == text.encode("utf-8")
            executable = bool(path.stat().st_mode & 0o100)
        except OSError:
            out.append(Change(path, "is missing", text))
            continue
        if not same:
            out.append(Change(path, "differs from the data", text))
        elif executable != bool(_mode(path) & 0o100):
            out.append(Change(path, "should be executable" if not executable else "should not be executable", text))
    if folder is not None and folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path not in files and (path.is_symlink() or not path.is_dir()):
                out.append(Change(path, "is no longer generated from the data", None))
    return out


def apply(found: list[Change], folders: dict[Path, Iterable[Path]]) -> None:
    """Write and remove what `changes` found: every new text first goes to a temporary file beside its
    target, and only once all of them are written are they renamed into place and stale files removed.
    `folders` maps each exact folder to the files it keeps: any folder inside it that keeps none goes."""
    staged: list[tuple[Path, Path]] = []
    try:
        for c in found:
            if c.text is None:
                continue
            c.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=c.path.parent, prefix=f".{c.path.name}.", suffix=".tmp")
            staged.append((Path(tmp), c.path))
            with os.fdopen(fd, "wb") as f:
                f.write(c.text.encode("utf-8"))
            os.chmod(tmp, _mode(c.path))
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, path in staged:
        os.replace(tmp, path)
    for c in found:
        if c.text is None and (c.path.is_symlink() or c.path.exists()):
            c.path.unlink()
    for folder, keep in folders.items():
        kept = [k.parent for k in keep]
        for d in sorted((d for d in folder.rglob("*") if d.is_dir() and not d.is_symlink()), reverse=True):
            if not any(k.is_relative_to(d) for k in kept):
                shutil.rmtree(d)


def run(
    args: argparse.Namespace, names: Iterable[str], prog: str, drills: bool = False, out: Path | None = None
) -> int:
    """Write (or, with args.check, compare) the outputs of the generators `names`; `drills`: verify the
    recorded drill results too (never rewritten here); `out`: write the exact folder there instead."""

    check = getattr(args, "check", False)
    made: list[tuple[dict[Path, str], Path | None]] = []
    try:  # everything is made before anything is compared or written
        for g in (g for g in GENERATORS if g.name in names):
            files, folder = g.make(args), g.folder(args) if g.folder else None
            if out is not None and folder is not None:
                files, folder = {out / path.relative_to(folder): t for path, t in files.items()}, out
            made.append((files, folder))
    except Refused as e:
        for line in e.lines:
            print(line, file=sys.stderr)
        print(f"{prog}: {e.reason}; " + ("nothing compared" if check else "nothing written"), file=sys.stderr)
        return 1
    recorded: list[str] = []
    if drills:
        from playbook.drill.alert_results import stale_alert_results
        from playbook.drill.results import stale_results

        recorded = stale_results(args.session.catalog()) + stale_alert_results(args.session.catalog())
    found = [c for files, folder in made for c in changes(files, folder)]
    total = sum(len(files) for files, _ in made)
    rel = args.session.project().rel
    if check:
        for c in found:
            print(f"{rel(c.path)}: {c.why}; {RERUN}")
        print(*recorded, sep="\n", end="\n" if recorded else "")
        if found or recorded:
            return 1
        more = ", and so do the recorded drill results" if drills else ""
        print(f"{prog} --check: {total} generated files match the data{more}")
        return 0
    apply(found, {folder: files for files, folder in made if folder is not None})
    for c in found:
        print(("wrote " if c.text is not None else "removed ") + rel(c.path))
    print(*recorded, sep="\n", end="\n" if recorded else "")
    written = sum(c.text is not None for c in found)
    print(f"{prog}: {total} files generated from the data, {written} written, {len(found) - written} removed")
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    return run(args, [g.name for g in GENERATORS], "playbook generate", drills=True)


def register(sub, session: Session) -> None:
    p = command(
        sub,
        "generate",
        "write every file generated from the data, or --check them and the recorded drill results",
        [
            "playbook generate --check   # writes nothing; one line per stale file (then exit 1)",
            "playbook generate",
        ],
    )
    p.add_argument("--check", action="store_true", help="only compare: exit 1 when a file is stale, writing nothing")
    lines = [g.writes for g in GENERATORS]
    lines.append(f"and it verifies {F.DRILL_RESULTS.name} in the data folder, never rewritten here ({RERUN_DRILLS})")
    lines.append(f"and {F.ALERT_DRILL_RESULTS.name} (run: playbook drill --all --alerts --record)")
    p.add_argument_group("what it writes", "\n".join(lines))
    p.set_defaults(func=cmd_generate)
