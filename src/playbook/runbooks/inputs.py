"""Placeholders a block needs and the walk lacks: asked for with their meaning and example, given back as `export`."""

from __future__ import annotations

import shlex

from playbook.runbooks.answers import Flow


def ask_inputs(w, step: dict) -> Flow:  # w: the runner.Walk asking
    """Ask walk `w`'s operator for each placeholder the block uses that has no value, with its meaning and example;
    show the `export` line that gives it in a shell, and record it (a secret's value never)."""
    for name in [p for p in step["inputs"] if not w.env.get(p)]:
        p = w.placeholders[name]
        example = f" (e.g. {p.default})" if p.default else ""
        w.say(f"{name} is not set: {p.meaning}{example}")
        secret = p.secret and w.ask_secret is not None
        value = (w.ask_secret if secret else w.ask)(f"{name} = ")
        if value is None:
            w.say(f"Stopped: {name} is not set (give it with --set {name}=VALUE, or export it).")
            w.log.add(f"Stopped: {name} not set.\n")
            return Flow.NO_INPUT
        value = value.strip()
        if value.lower() == "q":
            return w.quit_walk()
        if not value:
            w.say(f"{name} left unset: this block is skipped.")
            w.log.add(f"Skipped: {name} left unset.\n")
            return Flow.SKIP
        w.env[name] = value
        if p.secret:
            w.say(f"To reuse it in your shell (typed, never shown): read -rs {name} && export {name}")
            w.log.add(f"{name} set by the operator (a secret: not recorded).\n")
        else:
            w.say(f"To reuse it in your shell: export {name}={shlex.quote(value)}")
            w.log.add(f"{name} set by the operator: `export {name}={shlex.quote(value)}`\n")
    return Flow.NEXT
