"""Checker rule on a drill's `first_match`: its regex's first group can capture the value it expects (TOOL018)."""

from __future__ import annotations

import re
from string import Template

from playbook.checks.engine import CheckContext, Reporter, rule


def first_group(regex: str) -> str | None:
    """The text of a regex's first capturing group (`\\S+` of `^\\s*[0-9]+ (\\S+)$`), or None when it has none."""
    i, depth, start, in_class = 0, 0, None, False
    while i < len(regex):
        c = regex[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]" or regex[i - 1] == "["
        elif c == "[":
            in_class = True
            if regex[i + 1 : i + 2] == "^":
                i += 1
        elif c == "(":
            if start is None and (not regex.startswith("?", i + 1) or regex.startswith("?P<", i + 1)):
                start, depth = i, 0
                if regex.startswith("?P<", i + 1):
                    start = regex.index(">", i)  # the group starts after its name
            if start is not None:
                depth += 1
        elif c == ")" and start is not None:
            depth -= 1
            if depth == 0:
                return regex[start + 1 : i]
        i += 1
    return None


def cannot_capture(regex: str, want: str) -> str | None:
    """Why the regex's first group cannot be `want` (its text does not match the whole value), or None."""
    try:
        re.compile(regex)
    except re.error as e:
        return f"the regex does not compile: {e}"
    group = first_group(regex)
    if group is None:
        return "the regex has no group to capture it"
    try:
        if re.fullmatch(group, want) is None:
            return f"its group ({group}) cannot be {want!r}"
    except re.error:
        return None  # a group that reads others (a back reference): the drill judges it
    return None


@rule(
    "TOOL018",
    "error",
    "a drill's `first_match` regex has a first group that can capture the value it expects (with the fault's fields)",
    "The drill finds the first line the regex matches and compares its group with the expected value (the attacking "
    "IP): `(\\s+)` for `(\\S+)` matches whitespace only, so no line names the IP, and the drill fails on a correct "
    "diagnosis, or a recorded pass no longer says what the step shows.",
    "write the group so it matches the value (\\S+ a word, \\d+ a number; \\s is whitespace, \\S is not)",
)
def first_match_captures(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for sid, sc in cat.scenarios.items():
        if sc.drill is None:
            continue
        lists = [(("drill", "steps"), sc.drill.steps, sc.drill.fault)]
        lists += [(("drill", "variants", k, "steps"), v.steps, v.fault) for k, v in enumerate(sc.drill.variants)]
        for at, steps, fault in lists:
            fields = {k: str(v) for k, v in fault.model_dump().items() if isinstance(v, str | int)}
            for i, step in enumerate(steps):
                fm = step.expect.first_match if step.expect else None
                if fm is None:
                    continue
                want = Template(fm.group).safe_substitute(fields)
                regex = Template(fm.regex).safe_substitute(fields)
                if (why := cannot_capture(regex, want)) is not None:
                    where = (*at, i, "expect", "first_match", "regex")
                    yield report(cat.source[sid], where, f"step {step.step}'s first_match: {why}")
