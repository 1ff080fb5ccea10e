"""The `playbook` command: build, serve, check and inspect the playbook from its data."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playbook.errors import DataError


def _load(args):
    from playbook.load import load_catalog

    return load_catalog(args.data)


def cmd_build(args) -> int:
    from playbook.build import build_site

    env = {"PLAYBOOK_DATA": str(Path(args.data).resolve())} if args.data else None
    ok, log = build_site(Path(args.site_dir) if args.site_dir else None, env=env)
    if not ok:
        lines = [ln for ln in log.splitlines() if "WARNING" in ln or "ERROR" in ln or "Error" in ln]
        print("\n".join(lines or log.splitlines()[-20:]), file=sys.stderr)
        print("playbook build: the build failed; the previous site/ was left as it was.", file=sys.stderr)
        return 1
    print(f"playbook build: site written to {args.site_dir or 'site/'}")
    return 0


def cmd_serve(args) -> int:
    import os

    from playbook.load import load_catalog
    from playbook.version import ROOT

    load_catalog()
    os.chdir(ROOT)
    os.execv(sys.executable, [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", args.addr])
    return 0


def cmd_schema(args) -> int:
    from playbook.schema import write_schemas

    changed = write_schemas(check=args.check)
    if args.check and changed:
        print("playbook schema: out of date: " + ", ".join(changed) + " (run: playbook schema)", file=sys.stderr)
        return 1
    return 0


def cmd_validate(args) -> int:
    cat = _load(args)
    print(
        f"ok: {len(cat.severities.levels)} severities, {len(cat.scenarios)} scenarios, {len(cat.procedures)} procedures"
    )
    return 0


COMMANDS = {
    "build": (cmd_build, "validate the data and build the site into site/ (atomically)"),
    "serve": (cmd_serve, "validate the data and serve the site with live reload"),
    "schema": (cmd_schema, "write the JSON Schema of every data file into data/schema/"),
    "validate": (cmd_validate, "load and validate the data only"),
}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="playbook", description=__doc__)
    p.add_argument("--data", help="data folder (default: the repository's data/)")
    sub = p.add_subparsers(dest="command", required=True)
    for name, (_, help_) in COMMANDS.items():
        sp = sub.add_parser(name, help=help_, description=help_)
        if name == "build":
            sp.add_argument("--site-dir", help="where to write the site (default: site/)")
        if name == "serve":
            sp.add_argument("-a", "--addr", default="127.0.0.1:8000", help="address to serve on")
        if name == "schema":
            sp.add_argument("--check", action="store_true", help="fail if the committed schemas are out of date")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return COMMANDS[args.command][0](args)
    except DataError as e:
        print(e, file=sys.stderr)
        print(
            f"playbook {args.command}: the data is invalid ({len(e.problems)} problem(s)); fix the lines above.",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
