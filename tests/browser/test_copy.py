"""Copy buttons copy exactly the command from the data; declared placeholders stand out in code."""

from __future__ import annotations

import re

import pytest

from playbook.data.addresses import scenario_uri

_OPEN_TAB = """btn => {
  const blk = btn.closest('.tabbed-block');
  if (!blk) return;
  const i = [...blk.parentElement.children].indexOf(blk);
  blk.closest('.tabbed-set').querySelectorAll(':scope > .tabbed-labels > label')[i].click();
}"""


def runbook_codes(runbook) -> list[str]:
    """Every code block of a scenario or procedure, as the data holds it (templates already expanded)."""
    codes = []
    for step in runbook.steps:
        codes += [b.code for b in step.blocks]
        codes += [b.code for o in step.options for b in o.blocks]
    codes += [q.code for q in getattr(runbook, "queries", [])]
    return codes


def pages_and_codes(catalog):
    out = [(scenario_uri(sid).replace(".md", ".html"), runbook_codes(sc)) for sid, sc in catalog.scenarios.items()]
    out += [("disable-ai.html", runbook_codes(catalog.procedures["disable-ai"]))]
    out += [("rollback.html", runbook_codes(catalog.procedures["rollback"]))]
    return out


@pytest.fixture
def clip_page(chromium, guard):
    ctx = chromium.new_context(permissions=["clipboard-read", "clipboard-write"])
    guard.attach(ctx)
    yield ctx.new_page()
    ctx.close()


def test_copy_button_copies_exactly_the_command(catalog, base_url, clip_page, guard):
    page = clip_page
    checked = 0
    for rel, expected in pages_and_codes(catalog):
        page.goto(base_url + rel)
        buttons = page.locator('pre button.md-code__button[data-md-type="copy"]')
        page.wait_for_function(
            "n => document.querySelectorAll('pre button.md-code__button').length === n", arg=len(expected)
        )
        copied = []
        for i in range(buttons.count()):
            btn = buttons.nth(i)
            btn.evaluate(_OPEN_TAB)
            page.evaluate("navigator.clipboard.writeText('')")
            btn.click()
            page.wait_for_function("async () => (await navigator.clipboard.readText()) !== ''")
            copied.append(page.evaluate("navigator.clipboard.readText()"))
        assert sorted(c.rstrip("\n") for c in copied) == sorted(e.rstrip("\n") for e in expected), rel
        for text in copied:
            assert not re.search(r"^\s*(\$|>|#\s*\d+\s*$)\s", text, flags=re.M) or text.lstrip().startswith("#"), text
            assert "(1)" not in text and "❶" not in text, "no annotation markers"
        checked += len(copied)
    assert checked >= 20
    assert guard.blocked == []


def test_placeholders_from_the_data_stand_out_in_code(catalog, base_url, page):
    names = [p.name for p in catalog.meta.placeholders]
    page.goto(base_url + scenario_uri("auth-failure-spike").replace(".md", ".html"))
    page.wait_for_selector("pre code .pb-ph")
    marked = page.evaluate("[...document.querySelectorAll('pre code .pb-ph')].map(e => e.textContent)")
    in_code = page.evaluate("[...document.querySelectorAll('pre code')].map(e => e.textContent).join('\\n')")
    expected = re.findall(r"\$\{?(?:" + "|".join(names) + r")\b\}?", in_code)
    assert expected, "the page's commands use placeholders"
    assert sorted(marked) == sorted(expected)
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.querySelector('pre code .pb-ph'));"
        " return [s.fontWeight, s.backgroundColor]; })()"
    )
    plain = page.evaluate("getComputedStyle(document.querySelector('pre code')).backgroundColor")
    assert int(style[0]) >= 700 and style[1] != plain


def test_your_environment_box_fills_commands_and_never_stores_secrets(catalog, base_url, clip_page):
    page = clip_page
    secret = [p.name for p in catalog.meta.placeholders if p.secret]
    settable = [p.name for p in catalog.meta.placeholders if not p.secret]
    assert "BASE_URL" in settable and secret
    page.goto(base_url + scenario_uri("auth-failure-spike").replace(".md", ".html"))
    box = page.locator("details.pb-env")
    box.locator("summary").click()
    names = box.locator("input").evaluate_all("els => els.map(e => e.name)")
    assert "BASE_URL" in names and not set(names) & set(secret)
    box.locator('input[name="BASE_URL"]').fill("https://staging.example.test")
    # Another page, after a reload: the value is kept, shown and copied filled in.
    page.goto(base_url + "disable-ai.html")
    pre = page.locator("pre", has=page.locator('.pb-ph[data-pb-name="TOKEN"]')).first
    btn = pre.locator('button.md-code__button[data-md-type="copy"]')
    btn.evaluate(_OPEN_TAB)
    btn.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "https://staging.example.test/api/" in copied and "$BASE_URL" not in copied
    assert "$TOKEN" in copied, "secrets stay placeholders"
    stored = page.evaluate("JSON.parse(localStorage.getItem('pb-env'))")
    assert stored == {"BASE_URL": "https://staging.example.test"}
