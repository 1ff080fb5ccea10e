"""DEC005 and PM008 near misses: a number or a status the data tells twice, told the same way in the two places."""

from __future__ import annotations

from conftest import edit
from playbook.checks.action_items import done_by
from playbook.data.load import load_catalog
from playbook.site.checking import check


def test_a_decision_that_states_its_own_number_may_change_the_seeds(data_copy, catalog):
    """The seed's 3 business days become 5 when the decision's text says so (DEC002 still wants a revisit)."""
    assert check(catalog, ["DEC005"]) == []
    edit(data_copy / "incident.yaml", "due_business_days: 3", "due_business_days: 5")
    edit(
        data_copy / "decisions.yaml", "post-mortem due dates count", "post-mortems are due in 5 business days, counting"
    )
    assert check(load_catalog(data_copy), ["DEC005"]) == []


def test_an_item_the_resolution_only_names_or_plans_may_stay_open(data_copy, catalog):
    assert check(catalog, ["PM008"]) == []
    # the root cause names the middleware bug; "Fix" is the plan, not the deed; another done mark is done
    edit(data_copy / "incident.yaml", "2. Fixed rate limit middleware bug", "2. Fix rate limit middleware bug next")
    edit(data_copy / "incident.yaml", '"2026-01-15", "✅"]', '"2026-01-15", "☐"]')
    assert check(load_catalog(data_copy), ["PM008"]) == []
    edit(data_copy / "incident.yaml", "2. Fix rate limit middleware bug next", "2. Fixed rate limit middleware bug")
    edit(data_copy / "incident.yaml", '"2026-01-15", "☐"]', '"2026-01-15", "✔"]')
    assert check(load_catalog(data_copy), ["PM008"]) == []


def test_done_by_reads_the_items_own_words_and_a_past_form_of_its_verb():
    assert done_by("Fix rate limit middleware bug", "2. Fixed rate limit middleware bug")
    assert done_by("Add load testing to CI/CD", "Added load testing to CI/CD")
    assert not done_by("Add connection pool monitoring", "Increased database connection pool from 10 to 50")
    assert not done_by(
        "Fix rate limit middleware bug", "Rate limiting was bypassed due to bug in rate limit middleware."
    )
