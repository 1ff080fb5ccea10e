"""The loader's messages for the usual typos: plain words, at the line the person got wrong, with a did-you-mean.

Each case rewrites one line of a copy of a real data file (the line's text is checked first, so a change of
the data fails here by name) and loads the copy: exactly one problem, at the file and line written below,
with the message and the hint written below. YAML syntax messages end with PyYAML's own reason, which is
not part of the expectation (only that it is there).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA_DIR
from playbook.data import files as F
from playbook.data.load import load_catalog
from playbook.data.messages import FIELD_KINDS
from playbook.data.patterns import WORDED
from playbook.data.refs import references
from playbook.data.suggest import closest, fix_for_pattern
from playbook.errors import DataError

AUTH = "scenarios/auth-failure-spike.yaml"
PYYAML = re.compile(r" \[PyYAML: .+\]$")

# (file, line, text on that line, what the typo makes of it, (line, column) reported, rule, message, hint)
CASES = [
    pytest.param(
        AUTH, 19, "      - kind: shell", "    - kind: shell", (19, 5), "LOAD002",
        "line 19 is indented less than the list it belongs to (4 spaces, where line 23 has 6)",
        "indent line 19 by 6 spaces",
        id="list item dedented",
    ),
    pytest.param(
        AUTH, 20, "        code: curl", "      code: curl", (20, 7), "LOAD002",
        "line 20 is indented less than the keys it belongs with (6 spaces, where line 24 has 8)",
        "indent line 20 by 8 spaces",
        id="key dedented (PyYAML: the line itself)",
    ),
    pytest.param(
        AUTH, 54, "    attempts: 12", "  attempts: 12", (54, 3), "LOAD002",
        "line 54 is indented less than the keys it belongs with (2 spaces, where line 53 has 4)",
        "indent line 54 by 4 spaces",
        id="key dedented (PyYAML: the next line)",
    ),
    pytest.param(
        AUTH, 7, "owner: security-team", "  owner: security-team", (7, 3), "LOAD002",
        "line 7 is indented more than the keys it belongs with (2 spaces, where line 6 has 0)",
        "start line 7 at the margin",
        id="key indented",
    ),
    pytest.param(
        AUTH, 26, "          jq -cn 'limit", "      jq -cn 'limit", (26, 7), "LOAD002",
        "line 26 is indented less than the text block opened on line 24 (6 spaces, where line 25 has 10)",
        "indent line 26 by 10 spaces",
        id="text block line dedented",
    ),
    pytest.param(
        AUTH, 7, "owner: security-team", "owner security-team", (7, 1), "LOAD002",
        "line 7: the key 'owner' is missing its colon",
        "write `owner: …`",
        id="missing colon (PyYAML: the next line)",
    ),
    pytest.param(
        AUTH, 17, "  - title: Check metrics", "  - title Check metrics", (17, 5), "LOAD002",
        "line 17: the key 'title' is missing its colon",
        "write `title: …`",
        id="missing colon in a list item",
    ),
    pytest.param(
        AUTH, 7, "owner: security-team", "owner:security-team", (7, 6), "LOAD002",
        "line 7 has no space after the colon of its key",
        "write `key: value`, with a space after the colon",
        id="no space after the colon",
    ),
    pytest.param(
        AUTH, 8, "review_every: 90d", "\treview_every: 90d", (8, 1), "LOAD002",
        "line 8 has a tab character; YAML indents with spaces",
        "replace the tab with spaces",
        id="tab",
    ),
    pytest.param(
        AUTH, 30, 'attack detected"', "attack detected", (30, 12), "LOAD002",
        'line 30 has an unclosed quote: the " at column 12 is never closed',
        'end the text with " on the same line',
        id="unclosed quote (PyYAML: the next line)",
    ),
    pytest.param(
        AUTH, 4, "title: Auth Failure Spike", "title: 'Auth Failure Spike", (4, 8), "LOAD002",
        "line 4 has an unclosed quote: the ' at column 8 is never closed",
        "end the text with ' on the same line",
        id="unclosed quote (PyYAML: ten lines later)",
    ),
    pytest.param(
        AUTH, 4, "title: Auth Failure Spike", "title: Auth: Failure Spike", (4, 8), "LOAD002",
        "line 4: the value of 'title' holds ': ', which YAML reads as one more key",
        "put the value in quotes",
        id="colon inside a value",
    ),
    pytest.param(
        AUTH, 12, "  - {text: Multiple users unable to sign in}", "  -{text: Multiple users unable to sign in}",
        (12, 3), "LOAD002",
        "line 12: a list item's dash needs a space after it",
        "write `- item`",
        id="no space after the dash",
    ),
    pytest.param(
        AUTH, 14, "password]", "password", (14, 11), "LOAD002",
        "line 14 opens a [ at column 11 that is never closed",
        "end it with ] on the same line",
        id="unclosed bracket",
    ),
    pytest.param(
        AUTH, 6, "severity: SEV-2", "severity: SEV2", (6, 1), "LOAD003",
        "severity: no severity level 'SEV2' in severities.yaml levels; did you mean SEV-2?",
        "use one of SEV-1, SEV-2, SEV-3, SEV-4",
        id="severity without its dash",
    ),
    pytest.param(
        AUTH, 6, "severity: SEV-2", "severity: sev 2", (6, 1), "LOAD003",
        "severity: no severity level 'sev 2' in severities.yaml levels; did you mean SEV-2?",
        "use one of SEV-1, SEV-2, SEV-3, SEV-4",
        id="severity in lower case",
    ),
    pytest.param(
        AUTH, 5, "incident_type: auth-failures", "incident_type: Auth Failures", (5, 1), "LOAD003",
        "incident_type: no incident type 'Auth Failures' in matrix.yaml; did you mean auth-failures?",
        "use one of auth-failures, write-failures, read-failures, ai-failures, database-failures, audit-failures, "
        "security-breach",
        id="incident type by its name",
    ),
    pytest.param(
        AUTH, 7, "owner: security-team", "owner: securty-team", (7, 1), "LOAD005",
        "owner: no role or team 'securty-team' in contacts.yaml; did you mean security-team?",
        "use one of cto, eng-manager, oncall-primary, oncall-secondary, security-lead, compliance-lead, "
        "security-team, backend-team, database-team, ai-team, devops-team, compliance-team … (15 in all)",
        id="owner misspelt (a well-formed id: LOAD005)",
    ),
    pytest.param(
        AUTH, 9, "found_by: alert", "found_by: alerts", (9, 1), "LOAD003",
        "found_by: 'alerts' should be 'alert' or 'humans'; did you mean alert?",
        "use one of the allowed values",
        id="one of a fixed set",
    ),
    pytest.param(
        AUTH, 19, "      - kind: shell", "      - kind: Shell", (19, 9), "LOAD003",
        "steps[0].blocks[0].kind: 'Shell' should be 'shell', 'sql', 'jq', 'typescript', 'json', 'chat', 'output' "
        "or 'illustration'; did you mean shell?",
        "use one of the allowed values",
        id="block kind capitalised",
    ),
    pytest.param(
        AUTH, 6, "severity: SEV-2", "severty: SEV-2", (6, 1), "LOAD003",
        "severty: unknown key 'severty'; did you mean severity?",
        "remove the key, or check its spelling; the keys here: id, number, title, incident_type, severity, owner, "
        "review_every, found_by, anchor_alias, symptoms, keywords, synonyms, steps, params, drill, decision",
        id="key misspelt (and so missing: said once)",
    ),
    pytest.param(
        AUTH, 8, "review_every: 90d", "review_every: 90 days", (8, 1), "LOAD003",
        "review_every: '90 days' is not a duration: write e.g. 5m, 1h30m, 4h, 3d or 60s",
        "",
        id="duration in words",
    ),
    pytest.param(
        AUTH, 3, "number: 2", "number: two", (3, 1), "LOAD003",
        "number: 'two' is not a whole number",
        "see the JSON schema in data/schema/",
        id="number in words",
    ),
    pytest.param(
        AUTH, 3, "number: 2", 'number: "2"', (3, 1), "LOAD003",
        "number: '2' is quoted: text, not a whole number",
        "write it without quotes: 2",
        id="a whole number in quotes (strict: no text where a number is read)",
    ),
    pytest.param(
        "severities.yaml", 74, "value: 2,", 'value: "2",', (74, 44), "LOAD003",
        "levels[1].conditions[2].value: '2' is quoted: text, not a number; or '2' is not true or false",
        "write it without quotes: 2",
        id="a threshold in quotes",
    ),
    pytest.param(
        "severities.yaml", 75, "value: true,", "value: 'true',", (75, 46), "LOAD003",
        "levels[1].conditions[3].value: 'true' is not a number; or 'true' is quoted: text, not true or false",
        "see the JSON schema in data/schema/",
        id="a yes/no in quotes",
    ),
    pytest.param(
        "severities.yaml", 69, "  - id: SEV-2", "  - id: SEV2", (69, 5), "LOAD003",
        "levels[1].id: 'SEV2' is not how a severity is written; did you mean SEV-2?",
        "a severity is written SEV-1 … SEV-9: SEV-, then one digit",
        id="a pattern without a list: said in words",
    ),
    pytest.param(
        "oncall.yaml", 54, '  start: "09:00"', '  start: "9:00"', (54, 3), "LOAD003",
        "business_hours.start: '9:00' is not how a time of day is written; did you mean 09:00?",
        "a time of day is written HH:MM on the 24-hour clock, 00:00 … 23:59, e.g. 09:00",
        id="time without its zero",
    ),
    pytest.param(
        "oncall.yaml", 34, "    after: ack-sla", "    after: ack sla", (34, 5), "LOAD003",
        "escalation[1].after: 'ack sla' is not a duration: write e.g. 5m, 1h30m, 4h, 3d or 60s; or write ack-sla; "
        "did you mean ack-sla?",
        "",
        id="a duration or a word: one message",
    ),
    pytest.param(
        "matrix.yaml", 7, "primary: ai-team,", "primary: AI Team,", (7, 42), "LOAD003",
        "incident_types[3].primary: no role or team 'AI Team' in contacts.yaml; did you mean ai-team?",
        "use one of cto, eng-manager, oncall-primary, oncall-secondary, security-lead, compliance-lead, "
        "security-team, backend-team, database-team, ai-team, devops-team, compliance-team … (15 in all)",
        id="a team by its name",
    ),
    pytest.param(
        "routes.yaml", 7, "  - {severity: SEV-1, elapsed: 0m,", "  - {severity: sev-1, elapsed: 0m,", (7, 6), "LOAD003",
        "tests[0].severity: no severity level 'sev-1' in severities.yaml levels; did you mean SEV-1?",
        "use one of SEV-1, SEV-2, SEV-3, SEV-4",
        id="severity in a flow mapping",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("file", "line", "old", "new", "at", "rule", "message", "hint"), CASES)
def test_a_typo_is_named_in_words_at_its_line(data_copy, file, line, old, new, at, rule, message, hint):
    path = data_copy / file
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1], f"{file}:{line} is now {lines[line - 1]!r}"
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_catalog(data_copy)
    (p,) = info.value.problems
    assert (p.file, (p.line, p.col), p.rule) == (f"data/{file}", at, rule), p.format()
    said = f"{p.field}: {p.message}" if p.field else p.message
    if rule == "LOAD002":  # PyYAML's reason follows, but for a tab (the words say it all)
        assert said.startswith("invalid YAML: ") and bool(PYYAML.search(said)) == ("tab" not in said), said
        said = PYYAML.sub("", said.removeprefix("invalid YAML: "))
    assert (said, p.hint) == (message, hint)
    assert "String should match" not in p.format() and "<block" not in PYYAML.sub("", p.message)


def test_text_that_looks_like_a_number_is_text_where_text_is_read(data_copy):
    """The near miss of a quoted number: quoted, a version or a time of day is the text its field reads."""
    path = data_copy / "meta.yaml"
    text = path.read_text(encoding="utf-8")
    assert "system_version: v2.0" in text
    path.write_text(text.replace("system_version: v2.0", 'system_version: "2.10"', 1), encoding="utf-8")
    assert load_catalog(data_copy).meta.system_version == "2.10"


def test_a_key_indented_into_the_wrong_mapping_says_so(data_copy):
    """Valid YAML of another shape: the key is unknown where it landed, and known one level deeper."""
    path = data_copy / AUTH
    text = path.read_text(encoding="utf-8")
    old = '        code: curl -s "$BASE_URL{{ ep.metrics }}"'
    assert text.split("\n")[19].startswith(old)
    path.write_text(text.replace(old, old[4:], 1), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_catalog(data_copy)
    said = {(p.line, p.field): p.message for p in info.value.problems}
    assert said == {
        (20, "steps[0].code"): "unknown key 'code' here; it is a key of blocks: is it indented too little?",
        (19, "steps[0].blocks[0].code"): "the required key 'code' is missing",
    }


def test_a_wrong_word_inside_a_union_member_is_named_there_not_at_the_union(data_copy):
    """A label's {of: …} with a misspelt word: the member that took the mapping says so at the word; the list and
    `any` members, which only found a mapping where they wanted another type, say nothing."""
    path = data_copy / "catalog.yaml"
    edit = path.read_text(encoding="utf-8").replace("{endpoint: {of: endpoints,", "{endpoint: {of: endpoint,", 1)
    path.write_text(edit, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_catalog(data_copy)
    (problem,) = info.value.problems
    assert (problem.file, problem.line, problem.field) == ("data/catalog.yaml", 7, "metrics[1].labels.endpoint.of")
    assert "did you mean endpoints?" in problem.message


def test_unreadable_bytes_are_named_at_their_line(data_copy):
    path = data_copy / "matrix.yaml"
    path.write_bytes(path.read_bytes() + b"# caf\xe9\nx: a\x07b\n")
    with pytest.raises(DataError) as info:
        load_catalog(data_copy)
    assert [p.format() for p in info.value.problems] == [
        "data/matrix.yaml:11:6: error: LOAD002 invalid YAML: line 11 is not UTF-8 text (byte 0xe9) "
        "(save the file as UTF-8)"
    ]
    path.write_bytes(path.read_bytes().replace(b"\xe9", b"e"))
    with pytest.raises(DataError) as info:
        load_catalog(data_copy)
    assert [p.format() for p in info.value.problems] == [
        "data/matrix.yaml:12:5: error: LOAD002 invalid YAML: line 12 holds the control character U+0007, "
        "which YAML refuses (remove it)"
    ]


@pytest.mark.parametrize(
    ("value", "choices", "meant"),
    [
        ("SEV2", ["SEV-1", "SEV-2"], "SEV-2"),
        ("Security Team", ["security-team", "security-lead"], "security-team"),
        ("ai-teem", ["ai-team", "backend-team"], "ai-team"),
        ("Backend", ["backend-team", "ai-team"], "backend-team"),  # the start of one alone
        ("sec", ["security-team", "security-lead"], None),  # the start of two
        ("SEV-7", ["SEV-1", "SEV-2", "SEV-3", "SEV-4"], None),  # as far from each: no guess
        ("bash", ["shell", "sql", "jq"], None),  # nothing close
        ("shell", ["shell", "sql"], None),  # already valid
        (12, ["SEV-1"], None),
    ],
)
def test_closest(value, choices, meant):
    assert closest(value, choices) == meant


@pytest.mark.parametrize(
    ("value", "pattern", "meant"),
    [
        ("SEV2", r"^SEV-[1-9]$", "SEV-2"),
        ("sev 3", r"^SEV-[1-9]$", "SEV-3"),
        ("ai team", r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", "ai-team"),
        ("9:30", r"^([01]\d|2[0-3]):[0-5]\d$", "09:30"),
        ("SEV-12", r"^SEV-[1-9]$", None),
    ],
)
def test_a_respelling_the_pattern_accepts(value, pattern, meant):
    assert fix_for_pattern(value, pattern) == meant


def _patterns(schema) -> set[str]:
    if isinstance(schema, dict):
        own = {schema["pattern"]} if isinstance(schema.get("pattern"), str) else set()
        return own | {p for v in schema.values() for p in _patterns(v)}
    if isinstance(schema, list):
        return {p for v in schema for p in _patterns(v)}
    return set()


def test_every_pattern_of_the_models_is_said_in_words():
    found = {p for spec in F.ALL for p in _patterns(spec.model.model_json_schema())}
    assert r"^SEV-[1-9]$" in found and len(found) >= 10
    assert sorted(found - set(WORDED)) == []  # every pattern is declared with worded(): words at the pattern


def test_each_key_names_the_kind_of_id_refs_resolves_it_as(catalog):
    """LOAD003 names the valid ids of a key by the key alone: true of every reference of the real data."""
    seen = {}
    for kind, _, path, _ in references(catalog):
        key = next(p for p in reversed(path) if isinstance(p, str))
        seen.setdefault(key, set()).add(kind)
    assert len(seen) >= 15
    assert {k: FIELD_KINDS.get(k) for k in seen} == {k: next(iter(v)) for k, v in seen.items()}
    assert all(len(v) == 1 for v in seen.values()), seen


# --- property: dedenting one line of a list item --------------------------------------------------------------
def _list_lines() -> list[tuple[str, int]]:
    out = []
    for path in sorted(DATA_DIR.rglob("*.yaml")):
        if "schema" in path.parts or path.name == F.DRILL_RESULTS.name:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            if line.lstrip().startswith("- ") and line.startswith(" "):
                out.append((path.relative_to(DATA_DIR).as_posix(), n))
    return out


LIST_LINES = _list_lines()


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("dedent") / "data"
    shutil.copytree(DATA_DIR, dest)
    return dest


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.sampled_from(LIST_LINES), by=st.integers(1, 2))
def test_dedenting_a_list_item_points_at_it_or_the_line_before(data_dir, where, by):
    file, n = where
    path = data_dir / file
    original = path.read_text(encoding="utf-8")
    lines = original.split("\n")
    width = len(lines[n - 1]) - len(lines[n - 1].lstrip(" "))
    lines[n - 1] = lines[n - 1][min(by, width) :]
    path.write_text("\n".join(lines), encoding="utf-8")
    try:
        load_catalog(data_dir)  # some dedents are still the same YAML (a list beside its key)
    except DataError as e:
        assert any(p.file == f"data/{file}" and p.line in (n - 1, n) for p in e.problems), [
            p.format() for p in e.problems
        ]
    finally:
        path.write_text(original, encoding="utf-8")
    assert len(LIST_LINES) > 100


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("", "incident_types: the required key 'incident_types' is missing (add it)"),
        ("- a\n- b\n", "a list is not a mapping (key: value lines) (see the JSON schema in data/schema/)"),
        ("incident_types: 5\n", "incident_types: 5 is not a list (lines starting with '- ', or [a, b]) (see the JSON "
                                "schema in data/schema/)"),
    ],
)  # fmt: skip
def test_a_file_of_the_wrong_shape_is_one_line(data_copy, text, said):
    (data_copy / "matrix.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_catalog(data_copy)
    assert [p.format() for p in info.value.problems] == [f"data/matrix.yaml:1:1: error: LOAD003 {said}"]


@pytest.mark.parametrize(
    ("file", "item"),
    [
        ("scenarios/database-down.yaml", "      - kind: shell\n        code: df -h\n"),  # set 24's M53
        ("procedures/log-access.yaml", "      - kind: shell\n        manual: true\n        code: vercel logs"),
    ],
)
def test_a_list_whose_dash_was_lost_is_said_at_the_mapping_it_became(data_copy, file, item):
    """A one-item list under its key loses its dash: the value is now a mapping, and the error is said at its first
    line, the one the editor changed (the key's line above it is as it was)."""
    path = data_copy / file
    text = path.read_text(encoding="utf-8")
    assert text.count(item) == 1
    path.write_text(text.replace(item, item.replace("      - ", "        ", 1)), encoding="utf-8")
    line = text[: text.index(item)].count("\n") + 1
    with pytest.raises(DataError) as info:
        load_catalog(data_copy)
    assert [(p.file, p.line, p.rule) for p in info.value.problems] == [(f"data/{file}", line, "LOAD003")], [
        p.format() for p in info.value.problems
    ]
    assert "a mapping is not a list" in info.value.problems[0].message
