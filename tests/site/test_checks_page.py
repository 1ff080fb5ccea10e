"""The Checker Rules page: one section per registered rule, built from the rule definitions."""

from __future__ import annotations

from conftest import page_text
from playbook.checks.engine import load_rules


def test_every_rule_has_a_section_on_the_built_page(site):
    raw = (site / "rules.html").read_text(encoding="utf-8")
    text = page_text(raw)
    rules = load_rules()
    assert rules
    for r in rules.values():
        assert f'id="{r.id.lower()}"' in raw, r.id
        for part in (r.summary, r.why, r.fix):
            assert " ".join(part.replace("`", "").split()) in text, (r.id, part)


def test_a_new_rule_appears_without_editing_the_page(monkeypatch):
    from playbook.checks import engine as checks
    from playbook.site.rules import render_rules

    monkeypatch.setitem(
        checks.RULES, "ZZZ999", checks.Rule("ZZZ999", "warning", "s-ummary", "w-hy", "f-ix", lambda c: [])
    )
    out = render_rules()
    assert "### ZZZ999 { #zzz999 }" in out and "(warning)" in out
    assert out.rstrip().endswith("*Fix:* f-ix")
