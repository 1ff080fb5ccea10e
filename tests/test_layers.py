"""The package's folders are its architecture: imports flow one way, with no cycle, in small modules."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

from conftest import ROOT

SRC = ROOT / "src"
TOP = "(top)"  # errors, project, version, markdown: the foundation every layer may use
# Each layer and the layers it may import (its own always). data -> domain layers -> checks -> site -> adapters -> cli.
MAY_IMPORT = {
    TOP: set(),
    "data": {TOP},
    "incident": {TOP, "data"},
    "alerts": {TOP, "data", "incident"},
    "drill": {TOP, "data", "incident", "alerts"},  # the alert drills load the generated rules and router
    "runbooks": {TOP, "data"},
    "checks": {TOP, "data", "incident", "alerts", "runbooks"},
    "site": {TOP, "data", "incident", "alerts", "drill", "runbooks", "checks"},
    "adapters": {TOP, "data", "incident", "alerts", "drill", "runbooks", "checks", "site"},
    "cli": {TOP, "data", "incident", "alerts", "drill", "runbooks", "checks", "site", "adapters"},
}


def modules(package: str) -> dict[str, Path]:
    root = SRC / package
    out = {}
    for f in sorted(root.rglob("*.py")):
        parts = (package, *f.relative_to(root).with_suffix("").parts)
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = f
    return out


MODULES = modules("playbook")


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import of the playbook packages in `path`, function-local ones included."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:  # `from playbook.data import model` imports the module playbook.data.model
                name = f"{node.module}.{alias.name}"
                out.append((node.lineno, name if name in MODULES else node.module))
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
    return [(n, m) for n, m in out if m.split(".")[0] in ("playbook", "playbook_dev")]


def layer(module: str) -> str:
    parts = module.split(".")
    if module == "playbook.__main__":
        return "cli"  # `python -m playbook` is the command line
    return parts[1] if len(parts) > 1 and (SRC / "playbook" / parts[1]).is_dir() else TOP


def test_the_layer_table_is_acyclic_and_covers_every_subpackage():
    TopologicalSorter(MAY_IMPORT).static_order()  # raises CycleError on a cycle
    subpackages = {p.name for p in (SRC / "playbook").iterdir() if (p / "__init__.py").is_file()}
    assert subpackages == set(MAY_IMPORT) - {TOP}


def test_no_import_points_up_or_sideways():
    wrong = []
    for mod, path in MODULES.items():
        mine = layer(mod)
        for line, target in imports(path):
            if target.startswith("playbook_dev"):
                wrong.append(f"{path.relative_to(ROOT)}:{line}: the package imports the developer tools ({target})")
            elif layer(target) != mine and layer(target) not in MAY_IMPORT[mine]:
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {mine} may not import {layer(target)} ({target})")
    assert wrong == []


def test_no_import_cycle_between_modules():
    graph = {mod: {t for _, t in imports(path) if t in MODULES and t != mod} for mod, path in MODULES.items()}
    for mod in graph:  # a package's __init__ is no import of its modules here: none of them imports anything
        graph[mod] = {t for t in graph[mod] if not (mod.startswith(t + ".") and not imports(MODULES[t]))}
    try:
        TopologicalSorter(graph).static_order()
    except CycleError as e:
        pytest.fail(f"import cycle: {' -> '.join(e.args[1])}")


def test_the_tree_reads_like_the_architecture():
    top = sorted(p.name for p in (SRC / "playbook").glob("*.py"))  # __init__.py and __main__.py included
    assert len(top) <= 6, top
    subpackages = [m for m, p in MODULES.items() if p.name == "__init__.py" and m != "playbook"]
    assert len(subpackages) >= 6
    for mod, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        doc = ast.get_docstring(ast.parse(text))
        assert doc and doc.splitlines()[0].strip(), f"{mod}: no one-line docstring"
        assert len(text.splitlines()) <= 300, f"{mod}: {len(text.splitlines())} lines"
        if path.name == "__init__.py" and mod.count(".") == 1:
            assert "May import" in doc, f"{mod}: the docstring says what the layer may import"


def test_the_walker_sees_a_planted_upward_import(tmp_path):
    """The check itself can fail: an import from data into site is reported with its line."""
    planted = tmp_path / "planted.py"
    planted.write_text('"""x."""\n\n\ndef f():\n    from playbook.site.pages import scenario_nav\n')
    ((line, target),) = imports(planted)
    assert (line, layer(target)) == (5, "site") and "site" not in MAY_IMPORT["data"]


def test_only_the_adapter_imports_the_site_generator():
    """MkDocs and its theme are named in adapters/mkdocs/ alone: a second generator is a folder beside it."""
    wrong = []
    for mod, path in MODULES.items():
        if mod.startswith("playbook.adapters."):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
            names += [a.name for a in node.names] if isinstance(node, ast.Import) else []
            wrong += [f"{mod}: {n}" for n in names if n.split(".")[0] in ("mkdocs", "material", "mkdocs_macros")]
    assert wrong == []
