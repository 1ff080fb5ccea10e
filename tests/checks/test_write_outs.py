"""TOOL030: curl's write-out format given to an option other than -w (or left as a URL) is found at its line; -w in
its other spellings and the real data pass."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check

AI = "scenarios/ai-service-down.yaml"
PROBE = 'curl -s -o /dev/null -w "%{http_code}\\n"'
AUTH = "scenarios/auth-failure-spike.yaml"
ATTEMPT = 'curl -s -o /dev/null -w "attempt $i: %{http_code}\\n"'

FAULTS = [
    # the sweep's silent typo: -w typed as its keyboard neighbour -e (--referer takes the format)
    (AI, PROBE, PROBE.replace("-w", "-e"), '-e "%{http_code}'),
    (AUTH, ATTEMPT, ATTEMPT.replace("-s -o /dev/null -w", "-so /dev/null -sH"), "-sH"),  # a cluster ending in -H
    (AI, PROBE, PROBE.replace(" -w", ""), '/dev/null "%{http_code}'),  # -w dropped: the format is a URL
]

NEAR_MISSES = [
    (AI, PROBE, PROBE.replace("-s -o /dev/null -w", "-so /dev/null -sw")),
    (AI, PROBE, PROBE.replace("-w ", "--write-out ")),
    (AI, PROBE, PROBE.replace('-w "%{http_code}\\n"', '--write-out="%{http_code}\\n"')),
]


@pytest.mark.parametrize(("file", "old", "new", "marker"), FAULTS)
def test_a_misplaced_format_is_found_at_its_line(data_copy, file, old, new, marker):
    edit(data_copy / file, old, new)
    found = [(p.file, p.line, p.rule) for p in check(load_catalog(data_copy), ["TOOL030"])]
    assert found == [(f"data/{file}", line_of(data_copy / file, marker), "TOOL030")], found


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES)
def test_a_near_miss_passes(data_copy, file, old, new):
    edit(data_copy / file, old, new)
    assert [p.format() for p in check(load_catalog(data_copy), ["TOOL030"])] == []


def test_the_real_data_passes(catalog):
    assert check(catalog, ["TOOL030"]) == []
