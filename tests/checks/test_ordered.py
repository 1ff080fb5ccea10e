"""DEST020: a step's text never makes its destructive block the first move when the step runs a check before it."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.data.load import load_catalog
from playbook.site.checking import check

ROLLBACK = "procedures/rollback.yaml"
TEXT = "Use when a recent deployment broke validation or writes. Check what changed first."


def test_real_data_passes(catalog):
    assert check(catalog, ["DEST020"]) == []


@pytest.mark.parametrize(
    ("new", "marker"),
    [
        ("Writes broke after a deploy? Start by rolling back production, then read the log.", "Start by rolling back"),
        ("Rollback straight away; the log can wait.", "Rollback straight away"),
    ],
    ids=["start-by", "straight-away"],
)
def test_dest020_fault_at_the_texts_line(data_copy, new, marker):
    edit(data_copy / ROLLBACK, TEXT, new)
    found = check(load_catalog(data_copy), ["DEST020"])
    text = (data_copy / ROLLBACK).read_text(encoding="utf-8").splitlines()
    n = next(i for i, t in enumerate(text, 1) if marker in t)
    assert [(p.file, p.line) for p in found] == [(f"data/{ROLLBACK}", n)], [p.format() for p in found]
    assert marker in found[0].message


@pytest.mark.parametrize(
    "new",
    [
        "Check what changed first; roll back only when a deployment broke writes.",
        "Do not roll back first: the log says whether a deployment is the cause.",
        "Don't start by rolling back.",
        "Check what changed first ([the CLI's rollback page](https://vercel.com/docs/cli/rollback)).",
    ],
    ids=["check-first", "negated", "negated-start", "in-an-address"],
)
def test_dest020_the_check_first_passes(data_copy, new):
    edit(data_copy / ROLLBACK, TEXT, new)
    assert check(load_catalog(data_copy), ["DEST020"]) == []
