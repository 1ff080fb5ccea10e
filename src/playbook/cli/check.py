"""`playbook check`: every consistency rule over the data, reported like a linter."""

from __future__ import annotations

import json
import os
import sys

from playbook.cli.arguments import command
from playbook.cli.session import Session
from playbook.errors import DataError


def cmd_check(args) -> int:
    from playbook.adapters.mkdocs.markdown import text_renderer
    from playbook.checks.cache import Cache
    from playbook.checks.engine import CRASHED, load_rules
    from playbook.site.checking import check

    unknown = sorted(set(args.rule or ()) - set(load_rules()))
    if unknown:
        rules = ", ".join(sorted(load_rules()))
        print(f"playbook check: no rule {', '.join(unknown)}; rules: {rules}", file=sys.stderr)
        return 2
    rules = args.rule or None
    if args.fast:
        from playbook.checks.engine import fast_rules

        fast = fast_rules()
        rules = [r for r in (rules or fast) if r in fast]
    try:
        cat = args.session.catalog()
    except DataError as e:
        if args.format != "json":
            raise  # the command's usual lines, one per problem, and status 2
        # unusable data is findings too, for a reader of JSON: at a file name the text format cannot hold (a space)
        found = [p.as_dict() for p in e.problems]
        summary = {"errors": len(found), "warnings": 0, "unusable": True}
        print(json.dumps({"findings": found, "summary": summary}, indent=2))
        return 2
    cache = None if args.no_cache else Cache.open(cat.project.cache)
    tools_required = args.strict or bool(os.environ.get("CI"))  # where every tool must be there
    render = text_renderer(cat.project)
    problems = check(cat, rules, cache=cache, tools_required=tools_required, render=render)
    errors = [p for p in problems if p.level == "error"]
    warnings = [p for p in problems if p.level != "error"]
    if args.format == "github":
        for p in problems:
            print(p.github())
        print(f"{len(errors)} errors, {len(warnings)} warnings", file=sys.stderr)
    elif args.format == "json":
        summary = {"errors": len(errors), "warnings": len(warnings)}
        print(json.dumps({"findings": [p.as_dict() for p in problems], "summary": summary}, indent=2))
    else:
        counted = _tbd_rules(problems) if not args.verbose else {}
        for p in problems:
            if p.level == "error" or p.rule not in counted:
                print(p.format())
        if counted:
            print("Not known yet (TBD in the data, explained on the Decisions page; --verbose lists each):")
            for rid, r in counted.items():
                n = sum(p.rule == rid for p in problems)
                print(f"  {n:>3} warning(s) {rid}: {r.summary}")
        print(f"{len(errors)} errors, {len(warnings)} warnings", file=sys.stderr)
    if broken := [p.rule for p in problems if p.message.startswith(CRASHED)]:
        print(f"playbook check: rule {', '.join(broken)} {CRASHED}: a bug in playbook (exit status 3)", file=sys.stderr)
        return 3
    return 1 if errors or (args.strict and warnings) else 0


def _tbd_rules(problems) -> dict:
    """The rules with warnings that mark what the data does not know yet (counted, not listed), by id."""
    from playbook.checks.engine import load_rules

    rules = load_rules()
    return {p.rule: rules[p.rule] for p in problems if p.level != "error" and rules[p.rule].tbd}


def _rules():
    from playbook.checks.engine import load_rules

    return load_rules()


def register(sub, session: Session) -> None:
    p = command(
        sub,
        "check",
        "check the data for inconsistencies (exit 0 clean, 1 findings, 2 unusable data, 3 a rule broke)",
        ["playbook check", "playbook check --rule SEV002 --format json   # one rule, as JSON"],
    )
    p.add_argument(
        "--format",
        choices=["text", "json", "github"],
        default="text",
        help="output format: text (path:line:col: level: RULE message), json, or github (workflow annotations)",
    )
    p.add_argument(
        "--strict", action="store_true", help="fail on warnings too, and on a missing tool (as when $CI is set)"
    )
    p.add_argument(
        "--verbose", action="store_true", help="list each value not known yet (TBD), not only how many there are"
    )
    p.add_argument("--fast", action="store_true", help="skip the slow tools (tsc), for an editor's quick loop")
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="scan every file and run every tool again, without reading or writing the cache "
        "(.playbook_cache/ in the project, or $PLAYBOOK_CACHE_DIR)",
    )
    rule = p.add_argument("--rule", action="append", help="run only this rule id (repeatable)")
    p.later(lambda _: setattr(rule, "help", f"{rule.help}: {', '.join(sorted(_rules()))}"))
    p.set_defaults(func=cmd_check)
