"""TOOL008: the systemd units a block names are catalog.yaml's units, and systemctl's commands are its own."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.data.load import load_catalog
from playbook.site.checking import check

DB = "scenarios/database-down.yaml"
RESTART = "sudo systemctl restart postgresql"


def found(data) -> list[tuple]:
    return [(p.rule, p.file, p.line, p.col, p.message) for p in check(load_catalog(data), ["TOOL008"])]


def where(data, file: str, marker: str) -> tuple[int, int]:
    hits = [(n, t.index(marker) + 1) for n, t in enumerate((data / file).read_text().splitlines(), 1) if marker in t]
    assert len(hits) == 1, f"{marker!r} in {file}: {hits}"
    return hits[0]


FAULTS = [  # (new command, marker: the finding sits at this text, words in its message)
    ("sudo systemctl restart postgres", "postgres\n", "did you mean postgresql?"),  # set 11 M65
    ("sudo systemctl restart postgresql.servce", "postgresql.servce", "did you mean postgresql.service?"),
    ("sudo systemctl restart nginx", "nginx", "(it declares postgresql)"),
    ("sudo systemctl --no-pager restart Postgresql", "Postgresql", "did you mean postgresql?"),
    ("sudo journalctl -u postgre --since today", "postgre ", "did you mean postgresql?"),
    ("sudo service postgresq restart", "postgresq ", "did you mean postgresql?"),
]


@pytest.mark.parametrize(("new", "marker", "words"), FAULTS, ids=[f[0] for f in FAULTS])
def test_a_unit_the_catalog_does_not_declare_is_an_error_at_its_line(data_copy, new, marker, words):
    edit(data_copy / DB, RESTART, new)
    text = (data_copy / DB).read_text()
    line = text[: text.index(marker.rstrip())].count("\n") + 1
    col = text.index(marker.rstrip()) - text.rfind("\n", 0, text.index(marker.rstrip()))
    got = found(data_copy)
    assert [f[:4] for f in got] == [("TOOL008", f"data/{DB}", line, col)], got
    assert words in got[0][4]


def test_a_command_systemctl_does_not_have_is_an_error(data_copy):
    edit(data_copy / DB, RESTART, "sudo systemctl restat postgresql")
    got = found(data_copy)
    assert [f[:4] for f in got] == [("TOOL008", f"data/{DB}", *where(data_copy, DB, "restat"))], got
    assert "did you mean restart?" in got[0][4]


@pytest.mark.parametrize(
    "new",
    [
        "sudo systemctl restart postgresql.service && sudo systemctl daemon-reload",
        "sudo systemctl --no-pager -n 20 status postgresql@15-main",
        'sudo journalctl -u postgresql --since "10 min ago" && echo "the service is restarted"',
        "sudo systemctl restart \"$DB_UNIT\" && systemctl list-units 'postgres*'",
    ],
)
def test_declared_units_and_other_words_pass(data_copy, new):
    edit(data_copy / DB, RESTART, new)
    assert found(data_copy) == []


def test_real_data_passes(catalog):
    assert [p.format() for p in check(catalog, ["TOOL008"])] == []


def test_a_declared_unit_renamed_off_what_its_help_and_the_commands_say_is_found_at_both(data_copy):
    """Set 24's M37: the declaration renamed postgresql@15-main; its help still says postgresql.service and the
    restart still names postgresql. Either may be the edit: the command and the declaration are both named."""
    edit(data_copy / "catalog.yaml", "  - {name: postgresql, help:", "  - {name: postgresql@15-main, help:")
    got = found(data_copy)
    assert sorted(f[:3] for f in got) == sorted(
        [
            ("TOOL008", "data/catalog.yaml", where(data_copy, "catalog.yaml", "postgresql@15-main")[0]),
            ("TOOL008", f"data/{DB}", where(data_copy, DB, RESTART)[0]),
        ]
    ), got
