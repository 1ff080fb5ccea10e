"""Golden tests: each case in tests/fixtures/golden/*.yaml renders to exactly its expected Markdown."""

from __future__ import annotations

import pytest
import yaml

from conftest import ROOT
from playbook.data.expand import condition_text
from playbook.data.model import Condition
from playbook.data.model_runbook import Block
from playbook.markdown import table, text
from playbook.site.people import render_matrix
from playbook.site.runbook import render_block
from playbook.site.values import known


def _condition(data: dict) -> str:
    unit = data.pop("unit")
    return condition_text(Condition.model_validate(data), unit)


RENDERERS = {
    "text": text,
    "known": known,
    "block": lambda d: render_block(Block.model_validate(d)),
    "condition": _condition,
    "table": lambda d: table(d["headers"], d["rows"]),
}
CASES = [
    case
    for f in sorted((ROOT / "tests" / "fixtures" / "golden").glob("*.yaml"))
    for case in yaml.safe_load(f.read_text())
]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden(case):
    assert RENDERERS[case["render"]](case["input"]) == case["expected"]


def test_matrix_names_come_from_contacts(catalog):
    md = render_matrix(catalog)
    row = next(line for line in md.splitlines() if "Security breach" in line)
    assert (
        row == '| <a id="security-breach"></a>Security breach | Security Team | CTO | Legal Team + Board |'
    )  # its anchor


def test_slug_is_the_toc_extensions_own():
    """Links computed in code match the anchors MkDocs writes, also where a hand-written slug diverged."""
    import markdown as md

    from playbook.markdown import slug

    for heading in ["A - B", "Café crème", "SEV-1: Critical (5 min)", "Restore `dev.db` from backup"]:
        html = md.markdown(f"## {heading}", extensions=["toc"])
        assert f'id="{slug(heading)}"' in html, (heading, html)
