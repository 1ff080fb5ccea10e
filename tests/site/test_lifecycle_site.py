"""The Incident Lifecycle page: its examples and CLI reference come from the commands, run in the build."""

from __future__ import annotations

from conftest import page_text
from playbook.site.lifecycle import SAMPLE_LOG, SAMPLE_START


def test_lifecycle_page_examples(catalog, site):
    html = (site / "lifecycle.html").read_text(encoding="utf-8")
    text = page_text(html)
    # the sample signals include an audit logging outage beyond the SEV-1 bound: SEV-1, and it says why
    assert "Severity: SEV-1 (CRITICAL)" in text
    assert "Several levels match" in text
    # the sample starts on a Friday: 3 business days later is the Thursday after the weekend and Monday's
    # public holiday (Martin Luther King Jr. Day, 2026-01-19, a US federal holiday)
    assert SAMPLE_START == "2026-01-16T10:30"
    assert "postmortem_due: '2026-01-22'" in text
    for at, event in SAMPLE_LOG:
        assert f"| {at.replace('T', ' ')} +0000 | {event} |" in text
    assert 'PM007 "Data lost" is not stated' in text
    for sig in catalog.severities.signals:
        assert "--" + sig.id.replace("_", "-") in text
    for cmd in ("playbook incident new", "playbook incident log", "playbook postmortem check"):
        assert cmd in text
    assert html.count('data-kind="output"') >= 8
