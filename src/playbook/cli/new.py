"""`playbook new scenario`: write a complete new scenario that loads, checks, builds and drills as written."""

from __future__ import annotations

import json
import re
import sys
import typing

import yaml

from playbook.cli.arguments import Fail, Parser, command, ids_option, reported
from playbook.cli.incident import severity_option
from playbook.cli.session import Session
from playbook.data import files as F
from playbook.data.model_drill import FaultKind
from playbook.data.model_runbook import Scenario
from playbook.data.suggest import fix_for_pattern, pattern_words
from playbook.errors import DataError

HEALTH = "liveness"  # the endpoint of catalog.yaml the first step calls: the stand-in answers 200 under every fault
FAULT = "ai_provider_down"  # breaks only the optional AI: the health check still answers, whatever the scenario

TEMPLATE = """\
# yaml-language-server: $schema=../schema/{schema}
id: {id}
number: {number}
title: {title}
incident_type: {type}
severity: {severity}
owner: {owner}
review_every: 90d
# People notice it for now; once an alert of alerts.yaml detects it, write: found_by: alert
found_by: humans
symptoms:
  - text: What the on-call engineer sees first (write the real symptom, and more of them)
steps:
  - title: Check that the app answers
    text: The first look, whatever broke. Follow it with this scenario's own steps, each block with its kind.
    blocks:
      - kind: shell
        code: |-
          # Liveness: prints 200 when the app answers at all
          curl -s -o /dev/null -w "%{{http_code}}\\n" "$BASE_URL{{{{ ep.{health} }}}}"
drill:
  # `playbook drill` starts the local stand-in, breaks it as `fault` says, runs every shell step
  # against it and checks what each one shows against `steps`. Choose the fault this scenario is
  # about ({faults})
  # and what each step must show then.
  fault:
    kind: {fault}
  steps:
    - step: 1
      diagnosis: true
      expect: {{stdout_equals: "200"}}
"""


def _scalar(text: str) -> str:
    """`text` as a YAML value: plain when YAML reads it back as the same text, else double-quoted."""
    try:
        plain = "\n" not in text and yaml.safe_load(text) == text and text == text.strip()
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def scenario_text(cat, sid: str, title: str, itype: str, owner: str | None, severity: str | None) -> tuple[str, int]:
    """The YAML of the new scenario and its number (the next after the highest)."""
    pattern = Scenario.model_json_schema()["properties"]["id"]["pattern"]  # the model's own rule for an id
    if not re.fullmatch(pattern, sid):
        guess = fix_for_pattern(sid.lower(), pattern)
        meant = f" (did you mean {guess}?)" if guess else ""
        raise Fail(f"{sid!r} is not an id{meant}: {pattern_words(pattern)[1]}")
    if sid in cat.scenarios or sid in cat.procedures:
        raise Fail(f"{sid!r} is taken: {cat.source[sid]} has that id; choose another")
    if not title.strip():
        raise Fail("--title is empty; give the scenario a title")
    if HEALTH not in {e.id for e in cat.data.endpoints}:
        raise Fail(f"the first step calls the endpoint {HEALTH!r}, which {F.CATALOG.name} no longer has")
    number = max((sc.number for sc in cat.scenarios.values()), default=0) + 1
    matrix = {t.id: t for t in cat.matrix.incident_types}
    text = TEMPLATE.format(
        schema=F.SCENARIOS.schema_file,
        id=sid,
        number=number,
        title=_scalar(title.strip()),
        type=itype,
        severity=severity or cat.severities.levels[-1].id,
        owner=owner or matrix[itype].primary,
        health=HEALTH,
        faults=", ".join(typing.get_args(FaultKind)),
        fault=FAULT,
    )
    return text, number


def cmd_new_scenario(args) -> int:
    from playbook.data.load import load_catalog

    session = args.session
    cat = session.catalog()
    folder = cat.project.data / F.SCENARIOS.name
    path = folder / f"{args.id}.yaml"
    rel = session.project().rel(path)
    text, number = scenario_text(cat, args.id, args.title, args.type, args.owner, args.sev)
    if path.exists():
        raise Fail(f"{rel} exists; nothing written (choose another id, or edit that file)")
    with path.open("x", encoding="utf-8") as f:  # never over a file that appeared meanwhile
        f.write(text)
    try:  # the whole data with it, as every command will read it (a title with markup is refused: LOAD006)
        new = load_catalog(project=cat.project).scenarios[args.id]
    except DataError as e:
        path.unlink()
        print(e, file=sys.stderr)
        print(f"playbook new scenario: the scenario would not load as given; {rel} not written", file=sys.stderr)
        return 2
    print(f"wrote {rel}: scenario {number}, {new.title!r} ({new.incident_type}, {new.severity}, owner {new.owner})")
    print(follow_ups(args.id))
    return 0


def follow_ups(sid: str) -> str:
    """What is left to do after `new scenario`, as numbered steps with the commands to run."""
    runs = [
        ("playbook check", "0 errors before going on"),
        (f"playbook drill {sid} --record", "runs its drill; records the result for the Drills page"),
        ("playbook generate", "runbooks/, alerts/ and the schemas, from the data"),
    ]
    width = max(len(c) for c, _ in runs)
    lines = [
        "It loads. Next:",
        "  1. Write its symptoms and steps, and make its drill: section break the stand-in the way this",
        "     scenario breaks (fault) and check what each shell step shows then (steps).",
        f"  2. It is marked found_by: humans. If an alert should page for it, add one to data/{F.ALERTS.name}",
        f"     (scenario: {sid}) and set found_by: alert.",
        *(f"  {n}. {c.ljust(width)}   # {why}" for n, (c, why) in enumerate(runs, 3)),
        "  6. playbook build (or playbook serve) to see its page; commit it with what 4 and 5 wrote.",
    ]
    return "\n".join(lines)


def register(sub, session: Session) -> None:
    group = command(
        sub,
        "new",
        "write a new data file from a template that passes every check as written",
        [
            'playbook new scenario billing-export-stuck --title "Billing export stuck" --type write-failures',
        ],
    )
    kinds = group.add_subparsers(dest="kind", required=True, metavar="KIND", parser_class=Parser)
    p = command(
        kinds,
        "scenario",
        "write data/scenarios/ID.yaml: symptoms, a step, found_by and a drill that passes, then print what is next",
        [
            'playbook new scenario billing-export-stuck --title "Billing export stuck" --type write-failures',
            "playbook new scenario login-slow --title 'Sign-in is slow' --type auth-failures --owner backend-team "
            "--sev 3",
        ],
    )
    p.add_argument("id", metavar="ID", help="the scenario's id and file name, e.g. billing-export-stuck (new)")
    p.add_argument("--title", required=True, help="its title, as the site shows it")

    def types() -> list[str]:
        return [t.id for t in session.catalog().matrix.incident_types]

    def parties() -> list[str]:
        c = session.catalog().contacts
        return [x.id for x in c.teams + c.roles]

    ids_option(
        p, "--type", ids=types, what="an incident type", source=F.MATRIX.name, guess=True, required=True,
        help="its incident type",
    )  # fmt: skip
    ids_option(
        p, "--owner", ids=parties, what="a team or role", source=F.CONTACTS.name, guess=True,
        help="who owns it (default: the type's primary)",
    )  # fmt: skip
    severity_option(p, session, "its severity (default: the least severe level)", required=False)
    p.set_defaults(func=reported("new scenario", cmd_new_scenario))
