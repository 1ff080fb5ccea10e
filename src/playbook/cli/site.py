"""Subcommands that build and serve the site and export the data schemas."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playbook.cli.arguments import command
from playbook.cli.session import Session


def cmd_build(args) -> int:
    from playbook.adapters.mkdocs.build import build_site, log_errors

    ok, log = build_site(Path(args.site_dir) if args.site_dir else None, args.session.project())
    if not ok:
        print("\n".join(log_errors(log)), file=sys.stderr)
        print("playbook build: the build failed; the previous site/ was left as it was.", file=sys.stderr)
        return 1
    print(f"playbook build: site written to {args.site_dir or 'site/'}")
    return 0


def cmd_serve(args) -> int:
    from playbook.adapters.mkdocs.serve import serve

    return serve(args.session.project(), args.addr)  # bad data is shown by the server, not an exit


def _address(text: str) -> str:
    from playbook.adapters.mkdocs.serve import parse_addr

    try:
        parse_addr(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    return text


def cmd_schema(args) -> int:
    from playbook.cli.generate import run

    return run(args, ["schema"], "playbook schema")


def cmd_validate(args) -> int:

    cat = args.session.catalog()
    print(
        f"ok: {len(cat.severities.levels)} severities, {len(cat.scenarios)} scenarios, {len(cat.procedures)} procedures"
    )
    return 0


def register(sub, session: Session) -> None:
    p = command(
        sub,
        "build",
        "validate and check the data, then build the site into site/ (the old one stays if anything fails)",
        [
            "playbook build",
            "playbook build --site-dir preview   # to look at it before publishing",
        ],
    )
    p.add_argument("--site-dir", help="where to write the site (default: site/)")
    p.set_defaults(func=cmd_build)
    p = command(
        sub,
        "serve",
        "serve the site on this machine while you edit: after every save, rebuild it with the checks of build; "
        "on bad data, print the findings (file:line:col) and show them on every page of the last good site",
        ["playbook serve --addr 127.0.0.1:8000   # then open http://127.0.0.1:8000 (Ctrl-C stops)"],
    )
    p.add_argument(
        "-a",
        "--addr",
        type=_address,
        default="127.0.0.1:8000",
        help="HOST:PORT to serve on (default 127.0.0.1:8000: this machine only; port 0 picks a free one)",
    )
    p.set_defaults(func=cmd_serve)
    p = command(
        sub,
        "schema",
        "write the JSON Schema of every data file into data/schema/ (editors use them to autocomplete; "
        "deprecated: part of playbook generate)",
        ["playbook schema --check   # fails when a committed schema is out of date", "playbook schema"],
    )
    p.add_argument("--check", action="store_true", help="only compare; exit 1 when a committed schema is out of date")
    p.set_defaults(func=cmd_schema)
    p = command(
        sub,
        "validate",
        "load and validate the data only (exit 2 with file:line:col if unusable)",
        ["playbook validate"],
    )
    p.set_defaults(func=cmd_validate)
