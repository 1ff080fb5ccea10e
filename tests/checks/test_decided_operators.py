"""DEC006: a comparison operator a decision's text names is the one the runbooks' code compares with."""

from __future__ import annotations

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check


def test_the_real_decisions_name_the_code_operators(catalog):
    assert check(catalog, ["DEC006"]) == []


def test_a_decision_naming_another_operator_than_the_code_is_an_error_at_it(data_copy):
    decisions = data_copy / "decisions.yaml"
    edit(decisions, "(YYYY-MM-DDTHH:MM:SS, UTC) with >=,", "(YYYY-MM-DDTHH:MM:SS, UTC) with <=,")
    found = check(load_catalog(data_copy), ["DEC006"])
    line = line_of(decisions, "UTC) with <=,")
    col = decisions.read_text(encoding="utf-8").splitlines()[line - 1].index("<=") + 1
    assert [(p.file, p.line, p.col) for p in found] == [("data/decisions.yaml", line, col)]
    assert ">=" in found[0].message


def test_the_code_changed_under_its_decision_is_found_at_the_decision(data_copy):
    query = data_copy / "procedures" / "log-access.yaml"
    edit(query, ".timestamp[:19] >= $since[:19]", ".timestamp[:19] == $since[:19]")
    (found,) = check(load_catalog(data_copy), ["DEC006"])
    assert found.line == line_of(data_copy / "decisions.yaml", "UTC) with >=,")


def test_an_operator_beside_no_number_the_code_compares_passes(data_copy):
    edit(data_copy / "decisions.yaml", 'counts as "".', 'counts as "" (compared with ==).')
    assert check(load_catalog(data_copy), ["DEC006"]) == []
