"""TXT020: two apostrophes inside a word (YAML's escape kept outside single quotes); TXT021: a URL's escape inside a
word. Each fault is found at its line and column, each near miss passes."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

USE_WHEN = '"Use when a recent deployment broke validation or writes. Check what changed first."'
KEYWORDS = "keywords: [ai down, ai not working, openai down"

# (rule, file, old, new, marker: the text of the line the finding must be on, the text at the finding's column)
FAULTS = [
    # spent set 21 M53's kind: a value re-quoted with double quotes keeps YAML's doubled apostrophe
    ("TXT020", "procedures/rollback.yaml", USE_WHEN, USE_WHEN.replace("deployment", "deployment''s change"),
     "deployment''s", "''s"),
    # ... or unquoted
    ("TXT020", "scenarios/ai-service-down.yaml", KEYWORDS,
     KEYWORDS.replace("ai not working", "openai''s api not working"), "openai''s", "''s"),
    # spent set 21 M59's kind: a keyword copied from an address bar
    ("TXT021", "scenarios/ai-service-down.yaml", KEYWORDS, KEYWORDS.replace("openai down", "openai%20down"),
     "openai%20down", "%20"),
    ("TXT021", "procedures/rollback.yaml", USE_WHEN, USE_WHEN.replace("validation or", "validation%2Cor"),
     "validation%2Cor", "%2C"),
]  # fmt: skip

NEAR_MISSES = [
    # one apostrophe; two in a code span (SQL's escape) or as an empty string
    ("TXT020", "procedures/rollback.yaml", USE_WHEN, USE_WHEN.replace("deployment", "deployment's change")),
    ("TXT020", "procedures/rollback.yaml", USE_WHEN, USE_WHEN.replace("writes.", "writes (`WHERE x = 'it''s'`, '').")),
    # an escape inside an address, a link's target or code; a percentage
    ("TXT021", "procedures/rollback.yaml", USE_WHEN, USE_WHEN.replace("writes.", "writes (https://x.test/?q=a%20b).")),
    ("TXT021", "procedures/rollback.yaml", USE_WHEN, USE_WHEN.replace("writes.", "writes ([search](https://x.test/a%2Fb)).")),
    ("TXT021", "procedures/rollback.yaml", USE_WHEN, USE_WHEN.replace("writes.", "writes (`curl x?q=a%20b`, 50%2 of)."))
]  # fmt: skip


def _found(data, rule: str) -> list:
    return [p for p in check(load_catalog(data), [rule]) if p.level == "error"]


@pytest.mark.parametrize(("rule", "file", "old", "new", "marker", "at"), FAULTS, ids=[f[4] for f in FAULTS])
def test_fault_is_an_error_at_its_line_and_item(data_copy, rule, file, old, new, marker, at):
    edit(data_copy / file, old, new)
    (p,) = _found(data_copy, rule)
    assert (p.file, p.line) == (f"data/{file}", line_of(data_copy / file, marker))
    (line,) = [x for x in (data_copy / file).read_text().splitlines() if marker in x]
    # at the escape; in a flow list, at the item that holds it (the source map places a plain flow item as a whole)
    here = line[p.col - 1 :]
    assert here.startswith(at) or (line[p.col - 2] in " [" and at in here.split(",")[0]), (line, p.col)


@pytest.mark.parametrize(("rule", "file", "old", "new"), NEAR_MISSES, ids=[n[3][-30:] for n in NEAR_MISSES])
def test_near_miss_passes(data_copy, rule, file, old, new):
    edit(data_copy / file, old, new)
    assert _found(data_copy, rule) == []


@pytest.mark.parametrize("rule", ["TXT020", "TXT021"])
def test_real_data_passes(catalog, rule):
    assert check(catalog, [rule]) == []
