"""Compare what a drill observed (a step's exit code and output, the stand-in's answers) with the data."""

from __future__ import annotations

import json
import re
import subprocess
from string import Template

from playbook.data import files as F
from playbook.data.model_drill import Expect, Fault, Probe, whole
from playbook.drill.faults import call


def _short(text: str, n: int = 160) -> str:
    text = text.strip().replace("\n", "⏎")
    return text if len(text) <= n else text[:n] + "…"


def probe(target, p: Probe) -> list[str]:
    path = target.ep.get(p.endpoint)
    if path is None:
        return [f"no endpoint {p.endpoint!r} in {F.CATALOG.name}"]
    status, body = call(target.base_url, path)
    errors = []
    if status != p.status:
        errors.append(f"GET {path} answered {status}, expected {p.status}")
    if p.body is not None and body != json.loads(p.body):
        errors.append(f"GET {path} body {json.dumps(body)}, expected {p.body}")
    return errors


def check_fault(target, fault: Fault, fields: dict[str, str]) -> list[str]:
    """The fault reproduces the scenario's symptoms: probes and counters right after injection."""
    errors = [f"fault {fault.kind}: {e}" for p in fault.symptoms for e in probe(target, p)]
    for m in fault.metrics:
        value = target.counters.get(m.name)
        if value is None:
            errors.append(f"fault {fault.kind}: {m.name} is not a counter of {F.CATALOG.name}")
        elif (least := whole(Template(m.at_least).safe_substitute(fields))) is None:
            errors.append(f"fault {fault.kind}: {m.name} at_least {m.at_least!r} is not a whole number (fix the drill)")
        elif value < least:
            errors.append(f"fault {fault.kind}: {m.name} is {value}, expected at least {m.at_least}")
    return errors


def check(exp: Expect, proc: subprocess.CompletedProcess, target, fields: dict[str, str]) -> list[str]:
    """Every way the observation differs from the expectation (empty when it matches)."""
    out, err, errors = proc.stdout, proc.stderr, []
    sub = lambda s: Template(s).safe_substitute(fields)  # noqa: E731 - fault fields such as ${ip}
    if exp.exit == "nonzero" and proc.returncode == 0:
        errors.append("exit status 0, expected a failure")
    elif isinstance(exp.exit, int) and proc.returncode != exp.exit:
        errors.append(f"exit status {proc.returncode}, expected {exp.exit} (stderr: {_short(err)})")
    errors += [f"stdout lacks {sub(s)!r}" for s in exp.stdout_contains if sub(s) not in out]
    errors += [f"stdout contains {sub(s)!r}" for s in exp.stdout_lacks if sub(s) in out]
    errors += [f"stdout does not match /{sub(r)}/" for r in exp.stdout_regex if not re.search(sub(r), out, re.M)]
    errors += [f"stderr lacks {sub(s)!r}" for s in exp.stderr_contains if sub(s) not in err]
    if exp.stdout_equals is not None and out.rstrip("\n") != sub(exp.stdout_equals).rstrip("\n"):
        errors.append(f"stdout is {_short(out)!r}, expected {_short(sub(exp.stdout_equals))!r}")
    if exp.stdout_json is not None or exp.stdout_json_has:
        try:
            got = json.loads(out)
        except ValueError:
            errors.append(f"stdout is not JSON: {_short(out)!r}")
        else:
            if exp.stdout_json is not None and got != json.loads(sub(exp.stdout_json)):
                errors.append(f"stdout JSON is {_short(json.dumps(got))}, expected {exp.stdout_json}")
            for k, v in exp.stdout_json_has.items():
                has = got.get(k) if isinstance(got, dict) else None
                if not isinstance(got, dict) or has != v:
                    errors.append(f"stdout JSON has {k}={json.dumps(has)}, expected {json.dumps(v)}")
    if exp.first_match is not None:
        m = next((m for line in out.splitlines() if (m := re.search(exp.first_match.regex, line))), None)
        want = sub(exp.first_match.group)
        if m is None or m.group(1) != want:
            errors.append(
                f"first line matching /{exp.first_match.regex}/ names {m.group(1) if m else None!r}, expected {want!r}"
            )
    if exp.number_at_least is not None:
        text = out.strip()
        least = whole(sub(exp.number_at_least))
        if least is None:
            errors.append(f"number_at_least {exp.number_at_least!r} is not a whole number (fix the drill)")
        elif whole(text) is None or int(text) < least:
            errors.append(f"stdout is {_short(text)!r}, expected a number of at least {least}")
    for p in exp.after:
        errors += [f"after the step: {e}" for e in probe(target, p)]
    return errors
