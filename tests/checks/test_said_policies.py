"""SLA007: a sentence that gives a post-mortem to levels names only levels of postmortem.required_for (all of them
when it says only); the finding is at the sentence's line."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.said_policies import postmortem_scopes
from playbook.data.load import load_catalog
from playbook.site.checking import check

INC = "incident.yaml"

FAULTS = [
    # set 20 M45's kind: a principle that demands a post-mortem of a level the policy exempts
    (INC, '"Learn from every incident (post-mortems are mandatory)"',
     '"Learn from every incident (post-mortems are mandatory for SEV-3 too)"', "mandatory for SEV-3 too"),
    # only some of the policy's levels, said as the whole scope
    (INC, '"Learn from every incident (post-mortems are mandatory)"',
     '"Learn from every incident (post-mortems only for CRITICAL)"', "post-mortems only for CRITICAL"),
    # in a decision's text
    ("decisions.yaml", "post-mortem due dates count the same weekdays.",
     "post-mortem due dates of SEV-3 and SEV-4 count the same weekdays.", "post-mortem due dates of SEV-3"),
]  # fmt: skip


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS, ids=[f[3] for f in FAULTS])
def test_sla007_scope_said_beside_the_policy(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = [p for p in check(load_catalog(data_copy), ["SLA007"]) if p.level == "error"]
    assert {(p.file, p.line) for p in found} == {(f"data/{file}", line_of(data_copy / file, marker))}, [
        p.format() for p in found
    ]


def test_sla007_real_data_passes(catalog):
    assert check(catalog, ["SLA007"]) == []


@pytest.mark.parametrize(
    "text",
    [
        "Post-mortems for SEV-1 and SEV-2.",  # the policy's levels
        "No post-mortem for SEV-3 or SEV-4.",  # an exemption, not a demand
        "SEV-3 waits for business hours; post-mortems are due in 3 business days.",  # another clause
        "A post-mortem is optional for SEV-4.",
    ],
)
def test_sla007_near_misses(catalog, text):
    policy = set(catalog.incident.postmortem.required_for)
    assert all(set(named) <= policy and (not only or set(named) == policy)
               for _, named, only in postmortem_scopes(catalog, text))  # fmt: skip
