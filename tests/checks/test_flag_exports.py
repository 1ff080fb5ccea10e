"""RUN017: a runbook never sets an app's feature flag as a shell variable; the finding is at the assignment."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.flag_exports import assignments
from playbook.data.load import load_catalog
from playbook.site.checking import check

AI = "procedures/disable-ai.yaml"

FAULTS = [
    # set 19 M39's kind: the flag passed to the deploy as the shell's variable (vercel never forwards it)
    ("              # Redeploy (or wait for next deployment)\n              vercel deploy --prod\n",
     "              # Redeploy (or wait for next deployment)\n"
     "              {{ flag.name }}=false vercel deploy --prod\n",
     "=false vercel deploy --prod"),
    # turning AI back on by declaring the variable exported
    ("          printf 'true' | vercel env add {{ flag.name }} production\n",
     "          declare -x {{ flag.name }}=true\n", "declare -x"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "marker"), FAULTS, ids=[f[2] for f in FAULTS])
def test_run017_flag_set_in_the_shell(data_copy, old, new, marker):
    edit(data_copy / AI, old, new)
    found = [p for p in check(load_catalog(data_copy), ["RUN017"]) if p.level == "error"]
    assert {(p.file, p.line) for p in found} == {(f"data/{AI}", line_of(data_copy / AI, marker))}, [
        p.format() for p in found
    ]


def test_run017_real_data_passes(catalog):
    assert check(catalog, ["RUN017"]) == []


@pytest.mark.parametrize(
    "code",
    [
        'echo "$FLAG_X"',
        "vercel env ls production | grep FLAG_X",
        "# FLAG_X=false would only set the shell's variable",
        "printf 'false' | vercel env add FLAG_X production",
        "jq '.env.FLAG_X' config.json",
        "OTHER_FLAG_X=1 true",
    ],
)
def test_run017_reads_and_other_names_pass(code):
    assert assignments(code, {"FLAG_X"}) == []


def test_run017_export_found():
    assert assignments("vercel env rm FLAG_X production --yes\nexport FLAG_X=false", {"FLAG_X"}) == [(2, 8, "FLAG_X")]
