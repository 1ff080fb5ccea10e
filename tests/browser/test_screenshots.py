"""The README screenshots can be made from the built site, with nothing fetched from elsewhere."""

from __future__ import annotations

from conftest import ROOT
from playbook_dev.screenshots import first_runbook, shoot


def test_screenshots_are_taken(chromium, site, base_url, tmp_path):
    shots, guard = shoot(chromium, base_url, tmp_path, first_runbook(site))
    assert [s.name for s in shots] == ["home.png", "search.png", "runbook.png"]
    for s in shots:
        data = s.read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 20_000, s
    assert guard.blocked == []
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for s in shots:
        assert f"docs/assets/screenshots/{s.name}" in readme
        assert (ROOT / "docs/assets/screenshots" / s.name).exists()
