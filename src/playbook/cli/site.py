"""Subcommands that build and serve the site and export the data schemas."""

from __future__ import annotations

import sys
from pathlib import Path


def cmd_build(args) -> int:
    from playbook.adapters.mkdocs.build import build_site
    from playbook.data.session import project

    ok, log = build_site(Path(args.site_dir) if args.site_dir else None, project(args))
    if not ok:
        lines = [ln for ln in log.splitlines() if "WARNING" in ln or "ERROR" in ln or "Error" in ln]
        print("\n".join(lines or log.splitlines()[-20:]), file=sys.stderr)
        print("playbook build: the build failed; the previous site/ was left as it was.", file=sys.stderr)
        return 1
    print(f"playbook build: site written to {args.site_dir or 'site/'}")
    return 0


def cmd_serve(args) -> int:
    from playbook.adapters.mkdocs.build import serve
    from playbook.data.session import catalog

    serve(catalog(args).project, args.addr)  # validated first; then replaced by the live-reloading server
    return 0


def cmd_schema(args) -> int:
    from playbook.data.schema import write_schemas
    from playbook.data.session import project

    changed = write_schemas(project(args).schema, check=args.check)
    if args.check and changed:
        print("playbook schema: out of date: " + ", ".join(changed) + " (run: playbook schema)", file=sys.stderr)
        return 1
    return 0


def cmd_validate(args) -> int:
    from playbook.data.session import catalog

    cat = catalog(args)
    print(
        f"ok: {len(cat.severities.levels)} severities, {len(cat.scenarios)} scenarios, {len(cat.procedures)} procedures"
    )
    return 0


def register(sub) -> None:
    p = sub.add_parser("build", help="validate the data and build the site into site/ (atomically)")
    p.add_argument("--site-dir", help="where to write the site (default: site/)")
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("serve", help="validate the data and serve the site with live reload")
    p.add_argument("-a", "--addr", default="127.0.0.1:8000", help="address to serve on")
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser("schema", help="write the JSON Schema of every data file into data/schema/")
    p.add_argument("--check", action="store_true", help="fail if the committed schemas are out of date")
    p.set_defaults(func=cmd_schema)
    p = sub.add_parser("validate", help="load and validate the data only")
    p.set_defaults(func=cmd_validate)
