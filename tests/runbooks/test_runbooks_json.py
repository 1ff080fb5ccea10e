"""JSON examples parse, and the log-format example (and the log fixture) validate against the data's schema."""

from __future__ import annotations

import json

from playbook.data.logformat import log_schema, validate
from runbook_env import LOGS, RUNBOOKS


def test_every_json_block_parses(extracted):
    blocks = [b for b in extracted[0] if b.kind == "json"]
    assert blocks
    for b in blocks:
        try:
            json.loads(b.code)
        except json.JSONDecodeError as e:
            raise AssertionError(f"{b.where} ({b.heading}): {e}") from None


def test_log_format_example_validates(extracted, catalog):
    schema = log_schema(catalog.data.log_format.fields)
    block = next(b for b in extracted[0] if b.kind == "json" and b.page == "logs.md")
    record = json.loads(block.code)
    assert record == json.loads((RUNBOOKS / "logs.json").read_text(encoding="utf-8"))
    assert validate(record, schema) == [], block.where


def test_the_log_fixture_is_in_the_same_format(catalog):
    schema = log_schema(catalog.data.log_format.fields)
    for n, line in enumerate(LOGS.read_text(encoding="utf-8").splitlines(), 1):
        assert validate(json.loads(line), schema) == [], f"tests/fixtures/logs.jsonl:{n}"


def test_the_schema_follows_the_data(catalog):
    fields = catalog.data.log_format.fields
    schema = log_schema(fields)
    assert set(schema["required"]) == {f.path for f in fields if f.required and "." not in f.path}
    level = next(f for f in fields if f.path == "level")
    assert schema["properties"]["level"]["enum"] == level.enum
    assert schema["properties"]["context"]["properties"]["duration"]["type"] == "integer"


def test_the_validator_reports_what_is_wrong(catalog):
    schema = log_schema(catalog.data.log_format.fields)
    bad = {"timestamp": "2026-01-14T10:30:00.000Z", "level": "fatal", "context": {"duration": "1250", "colour": 1}}
    assert validate(bad, schema) == [
        "(record): missing required field message",
        "level: 'fatal' is not one of debug, info, warn, error",
        "context.duration: expected integer, got str '1250'",
        "context.colour: not a field of the log format (catalog.yaml log_format.fields)",
    ]
    assert validate({"timestamp": "t", "level": "info", "message": "m", "context": {"duration": True}}, schema) == [
        "context.duration: expected integer, got bool True"
    ]


def test_expected_output_blocks_show_the_responses_of_the_data(extracted, catalog):
    flag = catalog.data.feature_flags[0]
    # lifecycle.md shows CLI output, checked in test_lifecycle_site.py; every other output is an API response
    outputs = [b for b in extracted[0] if b.kind == "output" and b.page != "lifecycle.md"]
    assert outputs
    for b in outputs:
        shown = [json.loads(line) for line in b.code.splitlines() if line.strip() and not line.startswith("#")]
        assert shown == [flag.rate_limited_response, flag.refused_response], b.where


def test_chat_blocks_use_the_chat_commands_of_the_data(extracted, catalog):
    names = [c.name for c in catalog.data.chat_commands]
    chats = [b for b in extracted[0] if b.kind == "chat"]
    assert chats
    for b in chats:
        for line in b.code.splitlines():
            if line.startswith("/"):
                assert any(line.startswith(n + ' "') and line.endswith('"') for n in names), f"{b.where}: {line}"
