"""TOOL021: a URL built from a placeholder and an endpoint path has no doubled slash once rendered (BASE_URL has no
trailing slash, an endpoint path starts with one): an error at its line; a single slash, or none, passes."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.url_joins import doubled_slashes, url_bases
from playbook.data.load import load_catalog
from playbook.site.checking import check

AUTH = "scenarios/auth-failure-spike.yaml"
SIGNIN = '"$BASE_URL{{ ep.signin }}" \\'
AI = "scenarios/ai-service-down.yaml"
WATCH = "curl -s $BASE_URL{{ ep.metrics }} |"


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        (AUTH, SIGNIN, '"${BASE_URL}/{{ ep.signin }}" \\'),  # braced, in the rate-limit loop
        (AI, WATCH, "curl -s $BASE_URL/{{ ep.metrics }} |"),  # unquoted, in the string watch runs
        (AUTH, SIGNIN, '"https://app.dramal.com/{{ ep.signin }}" \\'),  # a literal host
    ],
)
def test_a_doubled_slash_is_found_at_its_line(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    found = check(load_catalog(data_copy), ["TOOL021"])
    assert [(p.file, p.line) for p in found] == [(f"data/{file}", line_of(data_copy / file, new.rstrip(" \\|")))]
    assert "//" in found[0].message


@pytest.mark.parametrize(
    "new",
    ['"$BASE_URL{{ ep.signin }}?next=https://example.org/" \\', '"$BASE_URL/v2{{ ep.signin }}" \\'],
)
def test_a_single_slash_passes(data_copy, new):
    edit(data_copy / AUTH, SIGNIN, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["TOOL021"])] == []


def test_a_trailing_slash_in_the_base_counts():
    assert [u for _, u in doubled_slashes("curl $API/x", {"API": True})] == ["$API/x"]
    assert list(doubled_slashes("curl $API/x", {"API": False})) == []
    assert list(doubled_slashes("curl https://a.example/v1?u=http://b", {})) == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["TOOL021"]) == []


def test_a_doubled_slash_in_a_text_is_found_at_its_line(data_copy):
    old, new = '- "Check metrics: `{{ ep.metrics }}`"', '- "Check metrics: `$BASE_URL/{{ ep.metrics }}`"'
    edit(data_copy / "incident.yaml", old, new)
    found = check(load_catalog(data_copy), ["TOOL021"])
    assert [(p.file, p.line) for p in found] == [("data/incident.yaml", line_of(data_copy / "incident.yaml", new))]


def test_a_markdown_link_ends_the_url():
    assert list(doubled_slashes("[https://a.example/x](https://a.example/x)", {})) == []


@pytest.mark.parametrize(
    "meaning",
    ["Base URL of the Clinical OS app (<b>no</b> trailing slash).", "Base URL of the app, never with a trailing slash"],
)
def test_the_meaning_says_whether_the_base_ends_with_a_slash(data_copy, meaning):
    old = "meaning: Base URL of the Clinical OS app (no trailing slash)."
    edit(data_copy / "meta.yaml", old, f"meaning: {meaning}")
    assert url_bases(load_catalog(data_copy))["BASE_URL"] is False
