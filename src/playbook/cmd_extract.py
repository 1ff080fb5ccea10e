"""`playbook extract`: regenerate runbooks/ from the code blocks of the rendered pages."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playbook.version import ROOT

RUNBOOKS = ROOT / "runbooks"


def write_runbooks(files: dict[str, str], dest: Path) -> None:
    """Replace `dest` with exactly `files` (scripts made executable)."""
    if dest.exists():
        shutil.rmtree(dest)
    for rel, text in files.items():
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if rel.endswith(".sh"):
            path.chmod(0o755)


def cmd_extract(args) -> int:
    from playbook.extract import cross_check, extract
    from playbook.runbooks import generate

    try:
        blocks, cat = extract(args.data)
    except RuntimeError as e:
        print(f"playbook extract: {e}", file=sys.stderr)
        return 1
    problems = cross_check(blocks)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"playbook extract: {len(problems)} problem(s); runbooks/ left as it was.", file=sys.stderr)
        return 1
    files = generate(blocks, cat.meta.placeholders)
    dest = Path(args.out) if args.out else RUNBOOKS
    write_runbooks(files, dest)
    kinds: dict[str, int] = {}
    for b in blocks:
        kinds[b.kind or "?"] = kinds.get(b.kind or "?", 0) + 1
    summary = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
    print(
        f"{len(blocks)} blocks on {len({b.page for b in blocks})} pages ({summary}); wrote {len(files)} files to {dest}"
    )
    return 0


def register(sub) -> None:
    p = sub.add_parser("extract", help="regenerate runbooks/ from the code blocks of the rendered site")
    p.add_argument("--out", help="folder to write (default: the repository's runbooks/)")
    p.set_defaults(func=cmd_extract)
