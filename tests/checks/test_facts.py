"""FACT001: a duration, percentage, multiple or count typed into a field declared prose is found at its line; the
same text in a field that may quote literally (plain Text), and a rendered template, pass."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.checks.engine import run_checks
from playbook.data.load import load_catalog


def test_the_real_data_passes(catalog):
    assert run_checks(catalog, ["FACT001"]) == []


# (file, old, new, marker): the typed fact sits on the marker's line.
FAULTS = [
    # set 8 M50: the dashboard panel's window typed (the metric's window: is 5m)
    (
        "dashboard.yaml",
        "last {{ duration(metric('auth.active_users').window) }}",
        "last 15 minutes",
        "last 15 minutes",
    ),
    # set 8 M46's other half: the search vocabulary stating SEV-2's multiple in words
    ("search.yaml", "past SEV-2's multiple of the baseline", "past twice the baseline", "twice the baseline"),
    ("catalog.yaml", '"Users active in the trailing window"', '"Users active in the last 5m"', "last 5m"),
    ("search.yaml", "Audit logging down past SEV-1's threshold", "Audit logging down over 30%", "over 30%"),
]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS, ids=[f[1][:20] for f in FAULTS])
def test_a_fact_typed_into_prose_is_found_at_its_line(data_copy, file, old, new, marker):
    path = data_copy / file
    edit(path, old, new)
    line = next(n for n, x in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if marker in x)
    found = {(p.file, p.line) for p in run_checks(load_catalog(data_copy), ["FACT001"])}
    assert found == {(f"data/{file}", line)}


def test_a_field_that_may_quote_passes(data_copy):
    """incident.yaml's motto is plain Text (a quote): a number with a unit there is not refused."""
    edit(data_copy / "incident.yaml", "Chaos is optional.", "Chaos is optional for 5 minutes, twice.")
    cat = load_catalog(data_copy)
    assert "5 minutes" in cat.incident.motto
    assert run_checks(cat, ["FACT001"]) == []
