"""DEST021: the stored data a tool's teardown deletes through an option is named in the block's changes:."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.data.load import load_catalog
from playbook.site.checking import check

DOWN = "scenarios/database-down.yaml"
RESTART = "sudo systemctl restart postgresql"


def test_real_data_passes(catalog):
    assert check(catalog, ["DEST021"]) == []


@pytest.mark.parametrize(
    ("new", "marker"),
    [
        ("podman-compose down --volumes\n          podman-compose up -d", "podman-compose down"),
        ("docker rm -f -v pg-primary && docker run -d --name pg-primary postgres:16", "docker rm -f -v"),
    ],
    ids=["compose-volumes", "rm-short-option"],
)
def test_dest021_fault_at_the_command_line(data_copy, new, marker):
    edit(data_copy / DOWN, RESTART, new)
    found = check(load_catalog(data_copy), ["DEST021"])
    text = (data_copy / DOWN).read_text(encoding="utf-8").splitlines()
    n = next(i for i, t in enumerate(text, 1) if marker in t)
    assert [(p.file, p.line) for p in found] == [(f"data/{DOWN}", n)], [p.format() for p in found]
    assert "volumes" in found[0].message


def test_dest021_a_plain_teardown_or_one_said_passes(data_copy):
    """A `down` without the option keeps the volumes; one with it passes where changes: names them."""
    edit(data_copy / DOWN, RESTART, "docker compose down\n          docker compose up -d")
    assert check(load_catalog(data_copy), ["DEST021"]) == []
    edit(data_copy / DOWN, "docker compose down\n", "docker compose down --volumes\n")
    edit(data_copy / DOWN, "rolled back; the database", "rolled back; its volumes are deleted; the database")
    assert check(load_catalog(data_copy), ["DEST021"]) == []
