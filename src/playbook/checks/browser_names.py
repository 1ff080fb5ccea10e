"""Checker rule SEC028: a secret named with a prefix that the app's framework writes into the browser's JavaScript."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.markup import _finding_at
from playbook.data.markup import all_strings

# The prefixes whose variables a front-end framework copies into the JavaScript it sends to every browser, each its
# own documented rule: Next.js NEXT_PUBLIC_, Vite VITE_, Create React App REACT_APP_, Expo EXPO_PUBLIC_, Nuxt
# NUXT_PUBLIC_, Gatsby GATSBY_, SvelteKit and Astro PUBLIC_. Hand-written: the frameworks' facts, no library lists them.
_BUNDLED = re.compile(
    r"(?<![A-Za-z0-9_])(NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_|NUXT_PUBLIC_|GATSBY_|PUBLIC_)([A-Z0-9_]+)"
)
# The words of a name that say it holds a credential (OPENAI_API_KEY, AUTH_SECRET, SESSION_TOKEN, DB_PASSWORD)
_CREDENTIAL = re.compile(r"(?:^|_)(?:API_?KEY|KEY|SECRET|TOKEN|PASSWORD|PASSWD|PRIVATE|CREDENTIALS?)(?:_|$)")


def bundled_secrets(text: str, secrets: set[str]) -> list[tuple[int, str]]:
    """(offset, name) of every name in `text` that a framework bundles for browsers (NEXT_PUBLIC_…) and that is a
    secret: the name of one of `secrets` (the data's secret placeholders), or a name of a credential's words."""
    return [
        (m.start(), m.group(0))
        for m in _BUNDLED.finditer(text)
        if m.group(2) in secrets or _CREDENTIAL.search(m.group(2))
    ]


@rule(
    "SEC028",
    "error",
    "no secret named with a prefix the app's framework bundles into the browser's JavaScript (NEXT_PUBLIC_…)",
    "Next.js writes every NEXT_PUBLIC_ variable into the JavaScript it sends to browsers (Vite VITE_, Create React "
    "App REACT_APP_, and their kin, the same): a provider's key set under such a name is readable by anyone who opens "
    "the app, and billed to the clinic for whatever they call with it. A secret placeholder (meta.yaml, `secret: "
    "true`) or a name of a credential's words (KEY, SECRET, TOKEN, PASSWORD) after such a prefix is refused wherever "
    "the data names it, code included.",
    "keep the secret on the server under its own name (OPENAI_API_KEY), and call the provider from a server route",
)
def no_secret_in_the_browser(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    secrets = {p.name for p in cat.meta.placeholders if p.secret}
    for file, path, text in all_strings(cat):
        for at, name in bundled_secrets(text, secrets) if "_" in text else ():
            message = f"{name} is a secret the framework writes into the JavaScript every browser loads"
            yield _finding_at(cat, report, file, path, text, at, message, column=True)
