"""Post-mortem due dates skip the public holidays of the country named in the data (the holidays library)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import holidays
import pytest

from conftest import edit
from playbook.data.load import load_catalog
from playbook.errors import DataError
from playbook.incident.bizdays import DaysOff, add_business_days, is_business_day
from playbook.incident.records import postmortem_due

# US Thanksgiving: the fourth Thursday of November (26 November 2026), a federal holiday in the library's
# documented US calendar. The day before is a Wednesday.
THANKSGIVING = date(2026, 11, 26)


WRITTEN = "{country: US, decision: D-holidays}"  # incident.yaml's public_holidays, as written


def test_the_library_names_the_holiday_the_test_relies_on():
    assert THANKSGIVING.strftime("%A") == "Thursday"
    assert holidays.country_holidays("US", years=2026).get(THANKSGIVING) == "Thanksgiving Day"
    assert DaysOff(country="US").name(THANKSGIVING) == "Thanksgiving Day"


def test_a_due_date_across_a_public_holiday_skips_it():
    wednesday = date(2026, 11, 25)
    assert add_business_days(wednesday, 1) == THANKSGIVING  # no holidays: Thursday counts
    assert add_business_days(wednesday, 1, DaysOff(country="US")) == date(2026, 11, 27)
    assert not is_business_day(THANKSGIVING, DaysOff(country="US"))
    assert is_business_day(THANKSGIVING)


def test_the_data_names_the_country_and_the_due_date_follows_it(catalog):
    pub = catalog.incident.postmortem.public_holidays
    assert pub is not None and pub.country == "US"
    started = datetime(2026, 11, 25, 16, 0, tzinfo=UTC)  # SEV-1 on the Wednesday before Thanksgiving
    # 3 business days: Thu 26 is Thanksgiving, then Fri 27, Mon 30, Tue 1 December
    assert postmortem_due(catalog, "SEV-1", started) == date(2026, 12, 1)


def test_a_subdivision_adds_its_own_holidays():
    patriots_day = date(2026, 4, 20)  # third Monday of April: Massachusetts, not federal
    assert holidays.country_holidays("US", subdiv="MA").get(patriots_day) == "Patriots' Day"
    assert is_business_day(patriots_day, DaysOff(country="US"))
    assert not is_business_day(patriots_day, DaysOff(country="US", subdivision="MA"))


@pytest.mark.parametrize(
    ("value", "key", "message"),
    [
        ("{country: XX}", "country", "Country XX not available"),
        ("{country: US, subdivision: ZZ}", "subdivision", "does not have subdivision ZZ"),
    ],
)
def test_an_unknown_country_or_subdivision_is_a_located_pm001_error(data_copy, value, key, message):
    from playbook.checks.engine import run_checks
    from playbook.incident.records import days_off_of

    edit(data_copy / "incident.yaml", f"public_holidays: {WRITTEN}", f"public_holidays: {value}")
    lines = (data_copy / "incident.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, s in enumerate(lines, 1) if "public_holidays:" in s)
    col = lines[line - 1].index(f"{key}: ") + 1  # findings point at the key
    cat = load_catalog(data_copy)  # checked when first used, not at every load
    with pytest.raises(DataError) as e:
        days_off_of(cat)
    assert f"data/incident.yaml:{line}:{col}: error: LOAD003 postmortem.public_holidays.{key}: " in str(e.value)
    found = [p for p in run_checks(cat, ["PM001"])]
    assert [(p.rule, p.line, p.col) for p in found] == [("PM001", line, col)]
    assert message in found[0].message


def test_a_country_is_written_as_its_two_letter_code(data_copy):
    edit(data_copy / "incident.yaml", f"public_holidays: {WRITTEN}", "public_holidays: {country: usa}")
    with pytest.raises(DataError) as e:
        load_catalog(data_copy)
    assert "data/incident.yaml:" in str(e.value) and "LOAD003 postmortem.public_holidays.country" in str(e.value)


def test_the_postmortem_page_shows_the_rule_and_the_days_off(site):
    from conftest import page_text

    text = page_text((site / "postmortem.html").read_text(encoding="utf-8"))
    assert "Business days: Monday, Tuesday, Wednesday, Thursday, Friday, except US public holidays." in text
    assert "2026-11-26 Thursday Thanksgiving Day" in text
    assert "2026-01-19 Monday Martin Luther King Jr. Day" in text
