"""TXT010: asterisks inside a word of a Markdown text that the site reads as emphasis; TXT011: a template's whitespace
control that glues two words together. Each fault is found at its line, each near miss passes."""

from __future__ import annotations

import pytest

from conftest import ROOT, edit
from fault_tests import assert_only_at, errors
from playbook import project as projects
from playbook.adapters.mkdocs.markdown import text_renderer
from playbook.checks.glued_text import glued_emphasis
from playbook.site.checking import check

RENDER = text_renderer(projects.at(ROOT))
SALVAGE = 'counted as Data lost in the post-mortem."'
WAIT = "down {{ duration(scenario_param('wait_limit')) }} or more"
VERCEL = 'Go to {{ link("vercel-dashboard") }}, click'

# (rule, file, old, new, marker: the text of the line the finding must be on)
FAULTS = [
    # dev-4 M01's kind: a glob typed as prose, here a log pattern and a backup folder
    (
        "TXT010",
        "procedures/rollback.yaml",
        SALVAGE,
        'counted as Data lost in the post-mortem. Older copies: /var/backups/app-*.db and prisma/*.db."',
        "/var/backups/app-*.db",
    ),
    # a product typed as prose: 2*3*4 shows as 2, an italic 3, then 4
    ("TXT010", "procedures/rollback.yaml", SALVAGE, 'counted as Data lost (up to 2*3*4 rows)."', "2*3*4"),
    # in a list item, with a file glob after a word
    (
        "TXT010",
        "scenarios/ai-service-down.yaml",
        WAIT,
        WAIT + " (logs: ai-*.log, kept as notes.*)",
        "ai-*.log",
    ),
    # set 24's M01: two metric globs in one seed quote, each star between two dots (a punctuation mark with a word
    # glued after it is inside that word, no emphasis's edge)
    (
        "TXT010",
        "decisions.yaml",
        "write.*.error and ai.generate_note.error are named",
        "write.*.error and ai.*.error are named",
        "write.*.error and ai.*.error",
    ),
    # dev-4 M02's kind: the trim before the expression, after a word
    ("TXT011", "scenarios/ai-service-down.yaml", WAIT, WAIT.replace("{{ duration", "{{- duration"), "{{- duration"),
    # ... after it, before a word
    ("TXT011", "scenarios/ai-service-down.yaml", WAIT, WAIT.replace(")) }} or", ")) -}} or"), ")) -}} or"),
    # a statement's trim
    (
        "TXT011",
        "procedures/log-access.yaml",
        VERCEL,
        'Go to {%- if true %}{{ link("vercel-dashboard") }}{% endif %}, click',
        "Go to {%- if true",
    ),
]

# The same places, edited so that the page shows what was typed
NEAR_MISSES = [
    ("TXT010", "procedures/rollback.yaml", SALVAGE, 'counted as Data lost. Older copies: `/var/backups/app-*.db`."'),
    ("TXT010", "procedures/rollback.yaml", SALVAGE, 'counted as *Data lost* (**not** a **`restore`**)."'),
    ("TXT010", "procedures/rollback.yaml", SALVAGE, 'counted (*optional*) as Data lost in *the post-mortem.*"'),
    # emphasis closing after a sentence's full stop, then the next sentence after a space
    ("TXT010", "procedures/rollback.yaml", SALVAGE, 'counted as *Data lost.* Then *the post-mortem*."'),
    ("TXT010", "procedures/rollback.yaml", SALVAGE, 'counted as Data_lost, 2 * 3 rows, a * b, snake_case."'),
    ("TXT010", "procedures/rollback.yaml", SALVAGE, 'counted as Data lost in app-\\\\*.db and x\\\\*y\\\\*z."'),
    # a trim that only takes out a space before a comma, or where no space was
    ("TXT011", "procedures/log-access.yaml", VERCEL, 'Go to {{ link("vercel-dashboard") -}} , click'),
    ("TXT011", "procedures/log-access.yaml", VERCEL, 'Go to {{ link("vercel-dashboard") -}}, click'),
    ("TXT011", "procedures/log-access.yaml", VERCEL, 'Go to ({{- link("vercel-dashboard") -}}), click'),
]


def _found(data, rule: str) -> list:
    return errors(data, [rule], RENDER)


@pytest.mark.parametrize(("rule", "file", "old", "new", "marker"), FAULTS, ids=[f[4] for f in FAULTS])
def test_fault_is_an_error_at_its_line(data_copy, rule, file, old, new, marker):
    edit(data_copy / file, old, new)
    assert_only_at(_found(data_copy, rule), data_copy, file, marker)


@pytest.mark.parametrize(("rule", "file", "old", "new"), NEAR_MISSES, ids=[f[3][:40] for f in NEAR_MISSES])
def test_near_miss_passes(data_copy, rule, file, old, new):
    edit(data_copy / file, old, new)
    assert _found(data_copy, rule) == []


@pytest.mark.parametrize(
    ("text", "run"),
    [("salvaged in $DB_PATH.corrupt-*/ (salvaged.* files)", "*"), ("use *.log or notes.* files", "*")],
)
def test_glued_emphasis_names_the_first_run(text, run):
    found = glued_emphasis(RENDER, text)
    assert found is not None and found[1] == run and text[found[0]] == "*"


@pytest.mark.parametrize("text", ["**`code`** here", '*"quoted"*', "a **[link](x.md)** b", "`*.log` and `x.*`"])
def test_emphasis_at_a_words_edge_passes(text):
    assert glued_emphasis(RENDER, text) is None


@pytest.mark.parametrize("rule", ["TXT010", "TXT011"])
def test_real_data_passes(catalog, rule):
    assert check(catalog, [rule], render=RENDER) == []
