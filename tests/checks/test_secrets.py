"""SEC001: a secret pasted into the data or a page is an error at its line; a placeholder never is."""

from __future__ import annotations

import pytest

from conftest import edit
from playbook.data.load import load_catalog
from playbook.site.checking import check

STEP = "        code: df -h"
PASTED = [
    ("vercel token flag", "vercel rollback --token vrc_8fK2mQ9xLp3RtY7wZb1NcV4d"),
    ("bearer header", 'curl -H "Authorization: Bearer 8fK2mQ9xLp3RtY7wZb1NcV4dQ9xLp3" "$BASE_URL/api"'),
    ("jwt", "echo eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abcDEF123456ghiJKLmno"),
    ("aws key", "aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE"),
]


@pytest.mark.parametrize(("what", "code"), PASTED, ids=[p[0] for p in PASTED])
def test_a_pasted_secret_is_an_error_at_its_yaml_line(data_copy, what, code):
    sc = data_copy / "scenarios" / "database-down.yaml"
    edit(sc, STEP, f"        code: |-\n          {code}")
    found = [p for p in check(load_catalog(data_copy), ["SEC001"])]
    line = next(n for n, text in enumerate(sc.read_text().splitlines(), 1) if code in text)
    assert [(p.file, p.line, p.level) for p in found] == [("data/scenarios/database-down.yaml", line, "error")]


def test_a_secret_in_prose_is_found_too(data_copy):
    edit(data_copy / "contacts.yaml", "person: Rotating", "person: Rotating (api_key=sk9fK2mQ9xLp3RtY7wZb1N)", 1)
    (found,) = check(load_catalog(data_copy), ["SEC001"])
    assert found.file == "data/contacts.yaml"


@pytest.mark.parametrize(
    "code",
    [
        'curl -H "Authorization: Bearer $TOKEN" "$BASE_URL/api"',
        'vercel rollback --token "${VERCEL_TOKEN}"',
        "echo token: TBD",
    ],
)
def test_placeholders_are_the_way_to_write_a_secret(data_copy, code):
    edit(data_copy / "scenarios" / "database-down.yaml", STEP, f"        code: |-\n          {code}")
    assert check(load_catalog(data_copy), ["SEC001"]) == []


def test_a_large_scan_split_over_processes_finds_what_one_process_finds(tmp_path):
    """From PARALLEL_FROM files on, the scan runs in one process per core: the same findings, at the same lines."""
    from playbook.checks.secrets import PARALLEL_FROM, _scan, scan

    files = []
    for n in range(PARALLEL_FROM + 6):
        f = tmp_path / f"s{n:03}.yaml"
        secret = f"  code: {PASTED[n % len(PASTED)][1]}\n" if n % 9 == 4 else ""
        f.write_text(f"id: s{n}\nsteps:\n  - title: Step {n}\n{secret}    text: df -h\n", encoding="utf-8")
        files.append(f)
    alone = _scan(files)
    assert len({f for f, _, _ in alone}) == sum(1 for n in range(len(files)) if n % 9 == 4)
    assert scan(files) == alone
