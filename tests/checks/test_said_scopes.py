"""DEST029: a tool's remove or add with a scope (`vercel env add NAME production`) acts on the scope its block's
changes: and comments name, and the add that replaces a remove in one block gives the remove's scope."""

from __future__ import annotations

from conftest import edit
from playbook.data.load import load_catalog
from playbook.site.checking import check

AI = "procedures/disable-ai.yaml"
RM, ADD = "vercel env rm {{ flag.name }}", "vercel env add {{ flag.name }}"
# Re-enable AI's block (indented 10) and Disable AI's Option 1 (indented 14, inside an option)
REENABLE = f"          {RM} production --yes\n          printf 'true' | {ADD} production\n"
DISABLE = f"              {RM} production --yes\n              printf 'false' | {ADD} production\n"


def _lines(data_copy, *markers):
    text = (data_copy / AI).read_text(encoding="utf-8").splitlines()
    return [("DEST029", f"data/{AI}", n) for m in markers for n, t in enumerate(text, 1) if m in t]


def _found(data_copy):
    return [(p.rule, p.file, p.line) for p in check(load_catalog(data_copy), ["DEST029"])]


def test_the_real_data_passes(catalog):
    assert check(catalog, ["DEST029"]) == []


def test_an_add_to_another_environment_than_the_block_says(data_copy):
    # re-enabled in preview: production, which the comment and changes: name, is left with no value at all
    edit(data_copy / AI, REENABLE, REENABLE.replace("'true' | " + ADD + " production", "'true' | " + ADD + " preview"))
    assert _found(data_copy) == _lines(data_copy, f"{ADD} preview")


def test_a_remove_from_another_environment_is_found_at_the_remove(data_copy):
    # development emptied, then the add to production is refused (the value exists): at the remove, not the add
    edit(data_copy / AI, REENABLE, REENABLE.replace(f"{RM} production", f"{RM} development"))
    assert _found(data_copy) == _lines(data_copy, f"{RM} development")


def test_both_commands_moved_to_preview_are_both_found(data_copy):
    # Disable AI: changes: says "Production is redeployed with ...=false", production keeps its value
    edit(data_copy / AI, DISABLE, DISABLE.replace("production", "preview"))
    assert _found(data_copy) == _lines(data_copy, f"{RM} preview", f"{ADD} preview")


def test_a_replace_across_scopes_without_words_is_found_at_the_add(data_copy):
    # the block names no environment in words: the remove's scope, which no add puts back, is the evidence
    edit(data_copy / AI, "          # Revert the flag in production\n", "")
    edit(
        data_copy / AI,
        'changes: "Production is redeployed with {{ flag.name }}=true',
        'changes: "The app is redeployed with {{ flag.name }}=true',
    )
    edit(data_copy / AI, REENABLE, REENABLE.replace("'true' | " + ADD + " production", "'true' | " + ADD + " preview"))
    assert _found(data_copy) == _lines(data_copy, f"{ADD} preview")


def test_near_misses_pass(data_copy):
    # a block that says both environments and sets both; a scope written after the options
    both = REENABLE + f"          {RM} preview --yes\n          printf 'true' | {ADD} preview\n"
    edit(data_copy / AI, REENABLE, both)
    edit(data_copy / AI, "# Revert the flag in production", "# Revert the flag in production and preview")
    after = "vercel env rm --yes {{ flag.name }} production"
    edit(data_copy / AI, DISABLE, DISABLE.replace(f"{RM} production --yes", after))
    assert check(load_catalog(data_copy), ["DEST029"]) == []
