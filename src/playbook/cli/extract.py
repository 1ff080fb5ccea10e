"""`playbook extract`: check the data, then regenerate runbooks/ from the code blocks of the rendered pages."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playbook.cli.arguments import command
from playbook.cli.session import Session


def write_runbooks(files: dict[str, str], dest: Path) -> int:
    """Make `dest` hold exactly `files` (scripts executable); only changed files are written. Returns how many."""
    written = 0
    if dest.exists():
        for path in sorted(dest.rglob("*"), reverse=True):  # files before their folders
            rel = path.relative_to(dest).as_posix()
            if path.is_dir() and not path.is_symlink():
                if not any(k.startswith(rel + "/") for k in files):
                    shutil.rmtree(path)
            elif rel not in files:
                path.unlink()
    for rel, text in files.items():
        path = dest / rel
        mode = 0o755 if rel.endswith(".sh") else 0o644
        try:
            same = path.read_text(encoding="utf-8") == text and path.stat().st_mode & 0o777 == mode
        except (OSError, UnicodeDecodeError):
            same = False
        if not same:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            path.chmod(mode)
            written += 1
    return written


def cmd_extract(args) -> int:
    from playbook.adapters.mkdocs.rendered import render_pages
    from playbook.checks.engine import publish_rules
    from playbook.drill.results import load_results
    from playbook.runbooks.extract import COMPILATIONS, cross_check, parse_pages
    from playbook.runbooks.generate import generate
    from playbook.runbooks.outline import page_steps
    from playbook.site.checking import check

    load_results(args.session.project().data)  # bad results stop here, located, not inside MkDocs' macros
    try:
        pages, cat = render_pages(project=args.session.project())
        pages = {p: text for p, text in pages.items() if p not in COMPILATIONS}
        blocks = parse_pages(pages)
    except RuntimeError as e:
        print(f"playbook extract: {e}", file=sys.stderr)
        return 1
    # Like `playbook build`: no runbook is written from data that contradicts itself.
    findings = check(cat, publish_rules())
    errors = [p for p in findings if p.level == "error"]
    for p in errors:
        print(p.format(), file=sys.stderr)
    if errors:
        print(f"playbook extract: {len(errors)} error(s) in the data; runbooks/ left as it was.", file=sys.stderr)
        return 1
    problems = cross_check(blocks)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"playbook extract: {len(problems)} problem(s); runbooks/ left as it was.", file=sys.stderr)
        return 1
    files = generate(blocks, cat.meta.placeholders, {p: page_steps(text) for p, text in pages.items()})
    dest = Path(args.out) if args.out else cat.project.runbooks
    written = write_runbooks(files, dest)
    kinds: dict[str, int] = {}
    for b in blocks:
        kinds[b.kind or "?"] = kinds.get(b.kind or "?", 0) + 1
    summary = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
    pages = len({b.page for b in blocks})
    print(f"{len(blocks)} blocks on {pages} pages ({summary}); {len(files)} files in {dest}, {written} changed")
    print(f"checks: 0 errors, {len(findings)} warnings (see playbook check)")
    return 0


def register(sub, session: Session) -> None:
    p = command(
        sub,
        "extract",
        "check the data, then regenerate runbooks/ from the code blocks of the rendered pages",
        ["playbook extract", "playbook extract --out runbooks-preview   # write them elsewhere, e.g. to compare"],
    )
    p.add_argument("--out", help="folder to write (default: the project's runbooks/)")
    p.set_defaults(func=cmd_extract)
