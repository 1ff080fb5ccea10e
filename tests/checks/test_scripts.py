"""FILE009: a letter of another script inside a Latin word is found at its line and column; real text passes."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.checks.scripts import mixed
from playbook.data.load import load_catalog
from playbook.site.checking import check

DB = "scenarios/database-down.yaml"


@pytest.mark.parametrize(
    ("old", "new", "word"),
    [
        # a Cyrillic А in a placeholder of a command: bash reads a variable nobody set
        ('code: ls -la "$DB_PATH"', 'code: ls -la "$DB_P\u0410TH"', "DB_P\u0410TH"),
        # a Cyrillic о in a step's text
        ("text: Should be readable/writable.", "text: Should be re\u0430dable/writable.", "re\u0430dable"),
    ],
)
def test_a_look_alike_letter_is_found_at_its_line_and_column(data_copy, catalog, old, new, word):
    assert check(catalog, ["FILE009"]) == []  # the real data passes
    edit(data_copy / DB, old, new)
    (p,) = check(load_catalog(data_copy), ["FILE009"])
    lines = (data_copy / DB).read_text(encoding="utf-8").splitlines()
    assert (p.file, p.rule, p.level) == (f"data/{DB}", "FILE009", "error")
    assert word in lines[p.line - 1] and lines[p.line - 1].index(word) + 1 == p.col, p.format()


@pytest.mark.parametrize(
    "text",
    ["latency in µs", "Zürich, naïve, café", "(تجميع حسب عنوان IP)", "Ω", "ΑΒΓ δέλτα", "→ ☐ ✅ – …"],
)
def test_words_of_one_script_and_signs_pass(text):
    assert mixed(text) == []
