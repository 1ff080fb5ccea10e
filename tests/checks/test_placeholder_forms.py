"""REF031: the form a placeholder's meaning gives its value fits its default; each fault at the meaning's line."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.placeholder_forms import _iso
from playbook.data.load import load_catalog
from playbook.site.checking import check

DB = "meaning: Path of the SQLite database file, relative to the app checkout."


def test_the_real_placeholders_pass(catalog):
    assert check(catalog, ["REF031"]) == []


@pytest.mark.parametrize(
    ("old", "new", "marker"),
    [
        (DB, "meaning: Absolute path of the SQLite database file on the app host.", "Absolute path"),  # set 24's M43
        # the default gained the slash the meaning refuses
        ("default: https://app.dramal.com\n", "default: https://app.dramal.com/\n", "no trailing slash"),
        ("default: prisma/dev.db\n", "default: /srv/app/prisma/dev.db\n", "relative to the app checkout"),
        ('default: "2026-01-14T09:00:00Z"', 'default: "14/01/2026 09:00"', "ISO-8601"),
    ],
)
def test_a_default_of_another_form_than_its_meaning_is_an_error_at_the_meaning(data_copy, old, new, marker):
    edit(data_copy / "meta.yaml", old, new)
    found = check(load_catalog(data_copy), ["REF031"])
    assert [(p.rule, p.line) for p in found] == [("REF031", line_of(data_copy / "meta.yaml", marker))], found


@pytest.mark.parametrize(
    ("value", "iso"), [("2026-01-14T09:00:00Z", True), ("2026-01-14", True), ("14/01/2026", False), ("noon", False)]
)
def test_an_iso_time_is_told_from_other_dates(value, iso):
    assert _iso(value) is iso
