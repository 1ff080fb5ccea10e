"""REF011: a name a command, link or text types is the name the data declares, not one edit away from it."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.data.load import load_catalog
from playbook.site.checking import check

S, C = "scenarios/", "procedures/"


def found(data) -> list[tuple]:
    return [(p.rule, p.file, p.line, p.message) for p in check(load_catalog(data), ["REF011"])]


def line_of(data, file: str, marker: str) -> int:
    hits = [n for n, line in enumerate((data / file).read_text().splitlines(), 1) if marker in line]
    assert len(hits) == 1, f"{marker!r} in {file}: {hits}"
    return hits[0]


# (data file, old text, new text, the finding's line holds this, words in its message)
FAULTS = [
    (  # a request field one letter (its case) from the app's column and declarations
        S + "ai-service-down.yaml",
        """-d '{"sessionId":"123"}' | jq""",
        """-d '{"sessionID":"123"}' | jq""",
        '{"sessionID":"123"}',
        "did you mean sessionId?",
    ),
    (  # a link to a Vercel project one letter from the project VERCEL_PROJECT names
        "meta.yaml",
        "url: https://vercel.com/dramal/clinical-os",
        "url: https://vercel.com/dramal/clincal-os",
        "clincal-os",
        "did you mean clinical-os?",
    ),
    (  # a log field typed in a jq filter, one separator away
        C + "log-access.yaml",
        "select(.context.requestId == $id)",
        "select(.context.request_Id == $id)",
        "request_Id",
        "did you mean requestId?",
    ),
    (  # a field of the API's answer (the flag's refused response, the app's AISuggestion) one letter off
        S + "ai-service-down.yaml",
        "| jq '.refused'",
        "| jq '.refusd'",
        "jq '.refusd'",
        "did you mean .refused?",
    ),
    (  # a path of the metrics answer (its endpoint's help quotes .metrics.counters) one letter off: set 11 M70
        S + "auth-failure-spike.yaml",
        '.metrics.counters["auth.signin.failure"]',
        '.metrics.counter["auth.signin.failure"]',
        '.metrics.counter["auth.signin.failure"]',
        "did you mean .counters? (data/catalog.yaml declares it)",
    ),
    (  # the same, in a quoted watch command
        S + "ai-service-down.yaml",
        '.metrics.counters[\\"ai.generate_note.error\\"]',
        '.metrics.Counters[\\"ai.generate_note.error\\"]',
        "Counters",
        "did you mean .counters?",
    ),
    (  # the top of the answer misspelt
        S + "auth-failure-spike.yaml",
        '.metrics.counters["auth.signin.failure"]',
        '.metric.counters["auth.signin.failure"]',
        '.metric.counters["auth.signin.failure"]',
        "did you mean .metrics?",
    ),
    (  # the flag renamed where it is declared: the data still types the old name, nowhere the new one
        "catalog.yaml",
        "  - name: FEATURE_AI_ENABLED\n",
        "  - name: FEATURE_AI_ENABLE\n",
        "name: FEATURE_AI_ENABLE",
        "typed nowhere else",
    ),
    (  # a keyword one letter from the flag
        C + "disable-ai.yaml",
        "feature flag, FEATURE_AI_ENABLED]",
        "feature flag, FEATURE_AI_ENABLD]",
        "FEATURE_AI_ENABLD]",
        "did you mean FEATURE_AI_ENABLED?",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "marker", "words"), FAULTS, ids=[f[3] for f in FAULTS])
def test_a_near_miss_of_a_declared_name_is_an_error_at_its_line(data_copy, file, old, new, marker, words):
    edit(data_copy / file, old, new)
    got = found(data_copy)
    at = [g for g in got if g[1] == f"data/{file}" and g[2] == line_of(data_copy, file, marker)]
    assert at, got
    assert words in at[0][3], at


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        # other names, not one edit from a declared one: a new field, another project, a path of the app's code
        (
            S + "ai-service-down.yaml",
            """-d '{"sessionId":"123"}' | jq""",
            """-d '{"sessionId":"1","draftMode":true}' | jq""",
        ),
        (
            "meta.yaml",
            "url: https://vercel.com/dramal/clinical-os",
            "url: https://vercel.com/dramal/clinical-os-staging",
        ),
        (C + "log-access.yaml", "select(.context.requestId == $id)", "select(.context.requestId == $id) | .rate_limit"),
        (C + "disable-ai.yaml", "feature flag, FEATURE_AI_ENABLED]", "feature flag, FEATURE_AI_ENABLED, NODE_ENV]"),
        (  # the other paths the metrics answer's help quotes
            S + "auth-failure-spike.yaml",
            '.metrics.counters["auth.signin.failure"]',
            '.metrics.series["auth.signin.failure"], .metrics.histograms["x"]',
        ),
        # fields of an answer no declaration names, short ones, a variable's and a string's
        (
            S + "ai-service-down.yaml",
            "| jq '.refused'",
            """| jq --arg r x '.refused, .model, .id, $r.refusd, "refusd"'""",
        ),
    ],
)
def test_names_that_are_no_near_miss_pass(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert found(data_copy) == []


def test_real_data_passes(catalog):
    assert [p.format() for p in check(catalog, ["REF011"])] == []


@pytest.mark.parametrize(
    "code",
    [
        # a log query whose paths are all the log format's, and one reading an object it builds
        """jq -c 'select(.timestamp[:19] >= "x" and .error.name == "E")"""
        """ | {id: .context.requestId, ms: .context.duration} | .ms' "$LOG_FILE\"""",
        # an API's answer through a pipe is no log record
        """curl -s "$BASE_URL/api/metrics" | jq '.metrics.counters'""",
        # values of the level enum, either way round; a field with no enum compared with any text
        """jq -c 'select(.level == "warn" or "info" != .level or .message == "eror")' "$LOG_FILE\"""",
        # variables and strings are not fields
        """jq -c --arg m "x" 'select($m.msg == "x.msg" and .message == $m)' "$LOG_FILE\"""",
    ],
)
def test_ref007_passes_a_log_query_reading_only_log_fields(data_copy, code):
    edit(data_copy / S / "database-down.yaml", "        code: df -h\n", f"        code: |-\n          {code}\n")
    assert [p.format() for p in check(load_catalog(data_copy), ["REF007"])] == []


def test_ref007_names_the_log_field_meant(data_copy):
    edit(data_copy / C / "log-access.yaml", "jq -c 'select(.message |", "jq -c 'select(.msg |")
    (p,) = check(load_catalog(data_copy), ["REF007"])
    assert (p.line, p.message) == (
        line_of(data_copy, C + "log-access.yaml", "(.msg |"),
        "log field msg is not in the log format",
    )
    assert p.hint.startswith("did you mean .message?")


def test_names_of_a_tool_or_of_sql_are_left_to_the_tools_rules(data_copy):
    """A write-out variable (TOOL006) and a table (TOOL004) are one finding each, not REF011's too."""
    edit(data_copy / S / "auth-failure-spike.yaml", "%{http_code}", "%{status_code}")
    edit(data_copy / S / "write-operations-failing.yaml", "FROM ClinicalNote GROUP", "FROM ClinicalNotes GROUP")
    assert found(data_copy) == []
