"""SEC031: a text that names an identifier of a person (HIPAA Safe Harbor's, in words) is an error at its line and
column unless the playbook reviewed that use; ids, counts and the reviewed client IP address pass."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import edit
from fault_tests import assert_only_at, errors
from playbook.checks.person_words import identifiers
from playbook.site.checking import check

_DOC = "  - text: Document all actions in incident report"
_STEP = "Check what changed first."
# (file, old, new, marker: the text of the line the finding must be on, the words reported)
FAULTS = [
    ("oncall.yaml", _DOC, f"{_DOC}, with a screenshot of each record", "screenshot", "screenshot"),
    ("procedures/rollback.yaml", _STEP, f"{_STEP} Ask the reporter for the patient's name.", "patient's name",
     "patient's name"),
    ("procedures/rollback.yaml", _STEP, f"{_STEP} Note their date of birth.", "date of birth", "date of birth"),
    ("procedures/rollback.yaml", _STEP, f"{_STEP} Call their mobile number.", "mobile number", "mobile number"),
    ("catalog.yaml", "help: Client IP address", "help: Client IP address and e-mail address", "e-mail address",
     "e-mail address"),
    # reviewed in the log format, not in a runbook
    ("procedures/rollback.yaml", _STEP, f"{_STEP} Block the IP address.", "Block the IP", "IP address"),
    ("procedures/rollback.yaml", _STEP, f"{_STEP} Turn on session replay.", "session replay", "session replay"),
]  # fmt: skip

NEAR_MISSES = [
    ("procedures/rollback.yaml", _STEP, f"{_STEP} Note the note's id and status."),
    ("procedures/rollback.yaml", _STEP, f"{_STEP} Count the users affected."),
    ("procedures/rollback.yaml", _STEP, f"{_STEP} Name the team that owns it."),  # a name, of no person
    ("scenarios/auth-failure-spike.yaml", "# Group by IP address", "# Group the failures by IP address"),
]


@pytest.mark.parametrize(("file", "old", "new", "marker", "words"), FAULTS, ids=[f[4] for f in FAULTS])
def test_an_identifier_is_an_error_at_its_line(data_copy, file, old, new, marker, words):
    edit(data_copy / file, old, new)
    found = errors(data_copy, ["SEC031"])
    assert_only_at(found, data_copy, file, marker)
    (line,) = [x for x in (data_copy / file).read_text().splitlines() if marker in x]
    assert line[found[0].col - 1 :].startswith(words) and repr(words) in found[0].message


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES, ids=[n[2][-24:] for n in NEAR_MISSES])
def test_near_miss_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert errors(data_copy, ["SEC031"]) == []


_WHO = st.sampled_from(["patient", "user", "clinician", "customer"])
_WHAT = st.sampled_from(["name", "full name", "surname"])


@given(_WHO, _WHAT, st.sampled_from(["", "'s"]))
def test_a_persons_name_is_named_in_any_wording(who, what, owner):
    text = f"Post the {who}{owner} {what} in the channel"
    assert [w.lower() for _, w in identifiers(text)] == [f"{who}{owner} {what}"]


def test_real_data_passes(catalog):
    assert check(catalog, ["SEC031"]) == []
