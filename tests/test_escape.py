"""Only playbook.markdown's escapers make Md from anything but a literal: no renderer can vouch for a data string."""

from __future__ import annotations

import ast

from conftest import ROOT

MARKDOWN = ROOT / "src" / "playbook" / "markdown.py"


def md_calls(tree: ast.AST) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Name) and node.func.id == "Md")
            or (isinstance(node.func, ast.Attribute) and node.func.attr in ("Md", "__new__"))
        )
    ]


def wrapped(source: str, name: str) -> list[str]:
    """`Md(x)` calls in `source` whose argument is not a string literal (or that take Md's constructor another way)."""
    out = []
    for call in md_calls(ast.parse(source)):
        literal = len(call.args) == 1 and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)
        if not literal or call.keywords:
            out.append(f"{name}:{call.lineno}: {ast.unparse(call)[:80]}")
    return out


def test_md_is_made_from_literals_outside_the_escapers():
    paths = [p for p in sorted((ROOT / "src").rglob("*.py")) if p != MARKDOWN]
    found = [w for p in paths for w in wrapped(p.read_text(encoding="utf-8"), str(p.relative_to(ROOT)))]
    assert found == []


def test_the_check_finds_a_data_string_wrapped_as_md():
    source = 'def r(sc):\n    return Md(sc.title) + Md("ok") + Md(f"# {sc.title}") + Md.__new__(Md, sc.title)\n'
    assert len(wrapped(source, "renderer.py")) == 3
