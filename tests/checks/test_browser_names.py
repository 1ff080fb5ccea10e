"""SEC028: a secret named with a prefix a front-end framework bundles into the browser's JavaScript is an error at its
line, in prose and in code; a public setting under such a prefix, and the secret under its own name, pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.browser_names import bundled_secrets
from playbook.data.load import load_catalog
from playbook.site.checking import check

MEANING = "meaning: The AI provider's API key, to test the provider directly."
REDEPLOY = "              # Redeploy (or wait for next deployment)\n"

# (file, old, new, marker: the text of the line the finding must be on)
FAULTS = [
    # spent set 21 M17's kind: the secret placeholder, renamed for the browser in prose
    ("meta.yaml", MEANING, MEANING[:-1] + " (set in Vercel as NEXT_PUBLIC_OPENAI_API_KEY).", "NEXT_PUBLIC_OPENAI"),
    # a credential's name under Vite's prefix, set by a block's command
    ("procedures/disable-ai.yaml", REDEPLOY,
     "              printf 'x' | vercel env add VITE_AUTH_SECRET production\n" + REDEPLOY, "VITE_AUTH_SECRET"),
]  # fmt: skip

NEAR_MISSES = [
    # a public setting under the prefix; the secret under its own name
    ("meta.yaml", MEANING, MEANING[:-1] + " (the app reads NEXT_PUBLIC_SITE_URL for its links)."),
    ("meta.yaml", MEANING, MEANING[:-1] + " (OPENAI_API_KEY on the server only)."),
]


def _found(data) -> list:
    return [p for p in check(load_catalog(data), ["SEC028"]) if p.level == "error"]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS, ids=[f[3] for f in FAULTS])
def test_fault_is_an_error_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    assert {(p.file, p.line) for p in _found(data_copy)} == {(f"data/{file}", line_of(data_copy / file, marker))}


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES, ids=[n[2][-30:] for n in NEAR_MISSES])
def test_near_miss_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert _found(data_copy) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("REACT_APP_STRIPE_KEY and GATSBY_TOKEN", ["REACT_APP_STRIPE_KEY", "GATSBY_TOKEN"]),
        ("NEXT_PUBLIC_SENTRY_DSN", []),
        ("NEXT_PUBLIC_SENTRY_DSN, a secret", []),
        ("MY_NEXT_PUBLIC_KEY", []),  # no prefix: a name of its own
        ("PUBLIC_OPENAI_API_KEY", ["PUBLIC_OPENAI_API_KEY"]),
    ],
)
def test_bundled_secrets(text, names):
    assert [n for _, n in bundled_secrets(text, {"SENTRY"})] == names


def test_a_secret_placeholder_is_one_whatever_its_name(data_copy):
    assert [n for _, n in bundled_secrets("NEXT_PUBLIC_SENTRY_DSN", {"SENTRY_DSN"})] == ["NEXT_PUBLIC_SENTRY_DSN"]


def test_real_data_passes(catalog):
    assert check(catalog, ["SEC028"]) == []
