"""REF030: a name written once that neither the seed nor the project knows is an error at its line and column; a name
the seed writes, a file or page of the project, a field of the data, a name written twice or reviewed passes."""

from __future__ import annotations

import pytest

from conftest import edit
from fault_tests import assert_only_at, errors
from playbook.checks.known_names import names
from playbook.site.checking import check

_STEP = "Check what changed first."
# (file, old, new, marker: the text of the line the finding must be on, the name reported)
FAULTS = [
    ("contacts.yaml", "email: eng-mgr@dramal.com", "email: eng-mgt@dramal.com", "eng-mgt@", "eng-mgt@dramal.com"),
    ("procedures/rollback.yaml", _STEP, f"{_STEP} See src/app/deploy.ts.", "deploy.ts", "src/app/deploy.ts"),
    ("procedures/rollback.yaml", _STEP, f"{_STEP} Ask the Release Team.", "Release Team", "Release Team"),
    ("procedures/rollback.yaml", _STEP, f"{_STEP} Post in #deploys.", "#deploys", "#deploys"),
    ("procedures/rollback.yaml", _STEP, f"{_STEP} Ask @release-lead.", "@release-lead", "@release-lead"),
    ("procedures/rollback.yaml", _STEP, f"{_STEP} Unset DEPLOY_HOOK first.", "DEPLOY_HOOK", "DEPLOY_HOOK"),
    ("procedures/rollback.yaml", _STEP, f"{_STEP} See https://deploys.example.org/log.", "deploys.example",
     "https://deploys.example.org/log"),
    ("procedures/rollback.yaml", _STEP, f"{_STEP} Read context.tenant in the log.", "context.tenant",
     "context.tenant"),
    ("procedures/rollback.yaml", _STEP, f"{_STEP} Turn it off in LaunchDarkly.", "LaunchDarkly", "LaunchDarkly"),
    ("decisions.yaml", "2-write-operation-failure-spike exists", "2-write-operation-failures-spike exists",
     "failures-spike", "2-write-operation-failures-spike"),
    ("procedures/rollback.yaml", _STEP, f"{_STEP} Raise wait_limitt first.", "wait_limitt", "wait_limitt"),
    ("severities.yaml", "name: HIGH", "name: SEVERE", "name: SEVERE", "SEVERE"),
    # a reviewed name nothing else writes any more: the review is stale
    ("meta.yaml", "names:\n", "names:\n  - {name: /run/clinical-os.sock, why: A socket.}\n", "clinical-os.sock",
     "/run/clinical-os.sock"),
]  # fmt: skip

NEAR_MISSES = [
    ("procedures/rollback.yaml", _STEP, f"{_STEP} Post in #on-call."),  # the seed writes it
    ("procedures/rollback.yaml", _STEP, f"{_STEP} Set DB_PATH first."),  # the data writes it elsewhere
    ("procedures/rollback.yaml", _STEP, f"{_STEP} See data/contacts.yaml."),  # a file of the project
    ("procedures/rollback.yaml", _STEP, f"{_STEP} See [the matrix](matrix.md)."),  # a page of the site
    ("procedures/rollback.yaml", _STEP, f"{_STEP} See https://playbook.dramal.com/matrix.html."),  # under a link
    ("procedures/rollback.yaml", _STEP, f"{_STEP} Fill in postmortem.sections."),  # a field of the data
    ("procedures/rollback.yaml", _STEP, f"{_STEP} Raise wait_limit first."),  # a field of the data, by its key
    ("procedures/rollback.yaml", _STEP, f"{_STEP} Read the 2-step and 3-day-old notes."),  # words, not an anchor
    ("procedures/rollback.yaml", _STEP, f"{_STEP} Watch write.audit.error."),  # the seed's family write.*.error
    ("procedures/rollback.yaml", _STEP, f"{_STEP} The Backend team decides."),  # the seed's team, in other case
    ("procedures/rollback.yaml", _STEP, f"{_STEP} Notes stay FINALIZED."),  # the seed's word, in other case
    ("procedures/rollback.yaml", _STEP, f"{_STEP} Read `WHERE ROWID > 0`."),  # capitals in code are keywords
    # reviewed in meta.yaml's names, and written here
    ("meta.yaml", "names:\n", "names:\n  - {name: /run/clinical-os.sock, why: A socket.}\n"),
    # the search vocabulary holds the reader's words, not the data's names
    ("search.yaml", "words: [rate limit, ratelimit]", "words: [rate limit, ratelimit, RateLimiter]"),
]


@pytest.mark.parametrize(("file", "old", "new", "marker", "name"), FAULTS, ids=[f[4] for f in FAULTS])
def test_an_unknown_name_is_an_error_at_its_line(data_copy, file, old, new, marker, name):
    edit(data_copy / file, old, new)
    found = errors(data_copy, ["REF030"])
    assert_only_at(found, data_copy, file, marker)
    (line,) = [x for x in (data_copy / file).read_text().splitlines() if marker in x]
    assert line[found[0].col - 1 :].startswith(name) and repr(name) in found[0].message


@pytest.mark.parametrize(("file", "old", "new"), NEAR_MISSES, ids=[n[2][-28:] for n in NEAR_MISSES])
def test_near_miss_passes(data_copy, file, old, new):
    if new.endswith("A socket.}\n"):  # the reviewed name, written in a step too
        edit(data_copy / "procedures/rollback.yaml", _STEP, f"{_STEP} Remove /run/clinical-os.sock.")
    edit(data_copy / file, old, new)
    assert errors(data_copy, ["REF030"]) == []


def test_names_reads_each_kind_and_leaves_the_full_stop():
    text = "Mail a@b.io, see /etc/x.conf, #chan, @hand, QA Team, MY_VAR, ctx.field, GitHub, 2-a-b-c, a_b, HALT and https://h.io/p."
    assert [(kind, name) for *_, kind, name in names([("f", (), text)])] == [
        ("mailbox", "a@b.io"),
        ("file", "/etc/x.conf"),
        ("channel", "#chan"),
        ("handle", "@hand"),
        ("team", "QA Team"),
        ("variable", "MY_VAR"),
        ("field", "ctx.field"),
        ("product", "GitHub"),
        ("anchor", "2-a-b-c"),
        ("identifier", "a_b"),
        ("capitals", "HALT"),
        ("address", "https://h.io/p"),
    ]


def test_real_data_passes(catalog):
    assert check(catalog, ["REF030"]) == []
