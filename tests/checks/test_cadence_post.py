"""SLA003 (extended): a level whose cadence a decision fixes (fixes: [update_every]) and that posts no updates is
reported at its response (the post was lost), not at the decided update_every."""

from __future__ import annotations

from conftest import edit
from playbook.data.load import load_catalog
from playbook.site.checking import check

SEV = "severities.yaml"
SEV2 = "      - {kind: investigate}\n      - {kind: post_updates, channel: incidents}\n    ack: 15m\n"


def _lines(path, needle):
    return {n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line}


def test_sla003_decided_cadence_without_post_is_at_the_response(data_copy):
    # set 19 M46's kind, on SEV-2: its post removed, its 2h cadence fixed by D-sev3-cadence
    edit(data_copy / SEV, SEV2, "      - {kind: investigate}\n    ack: 15m\n")
    found = [p for p in check(load_catalog(data_copy), ["SLA003"]) if p.level == "error"]
    text = (data_copy / SEV).read_text(encoding="utf-8").splitlines()
    (n,) = [k for k, line in enumerate(text, 1) if line == "    ack: 15m"]
    assert [(p.file, p.line) for p in found] == [(f"data/{SEV}", n - 1)], [p.format() for p in found]


def test_sla003_undecided_cadence_is_at_update_every(data_copy):
    # the same loss on a level whose decision fixes no cadence: update_every is where the finding stays
    edit(data_copy / SEV, SEV2, "      - {kind: investigate}\n    ack: 15m\n")
    edit(data_copy / SEV, "    update_every: 2h\n    decision: D-sev3-cadence\n    declare: Notify on-call team\n",
         "    update_every: 2h\n    declare: Notify on-call team\n")  # fmt: skip
    found = [p for p in check(load_catalog(data_copy), ["SLA003"]) if p.level == "error"]
    assert [p.line for p in found] == sorted(_lines(data_copy / SEV, "update_every: 2h"))[:1]
