"""Broken data never gets a traceback: mutate the real data, run the commands in-process, read the answer.

Each example deletes a key, changes a value's type, replaces a value by an unknown id, empties a list or
duplicates an entry, somewhere in one data file, then runs `check`, `who`, `classify`, `drill`, `extract`
and `build` on a copy of the project. Valid data may exit 0; otherwise the exit is 1 or 2 with a located
message (`data/…yaml:line:col`); "Traceback" never appears and no exception leaves `main`.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import traceback
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import copy_project
from data_edits import data_files, get, nodes, read_tree, write_tree
from playbook.cli.main import main

# Bounded for the suite (40 + 8 examples, about 30 s); PLAYBOOK_FUZZ_EXAMPLES=400 searches longer
# (how the tracebacks listed in the commits were found).
EXAMPLES = int(os.environ.get("PLAYBOOK_FUZZ_EXAMPLES", "40"))
SLOW = list(HealthCheck)  # each example runs real commands: no health check on its speed
LOCATED = re.compile(r"(data/[\w/.-]+\.yaml|docs/[\w/.-]+\.md):\d+:\d+: (error|warning): [A-Z]+\d{3}")
# Valid data that no longer holds the id a command names (a scenario renamed): the command line is what is
# wrong, and the answer is argparse's one line naming the ids the data has now (exit 2).
NO_SUCH_ID = re.compile(r"^playbook \w+: error: argument \w+: '[^']*' is not an? [\w ]+; choose from ", re.M)
OPS = ["delete", "retype", "unknown id", "empty list", "duplicate"]
RETYPES = [12345, None, True, [], {}, "x", [1, 2], {"id": "x"}, 0.5, "nope-id"]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("fuzz") / "p")


def run(*argv: str) -> tuple[int, str]:
    """`playbook argv` in this process: (exit status, stdout + stderr, with any escaped traceback)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            rc = main(list(argv))
        except SystemExit as e:
            rc = e.code if isinstance(e.code, int) else 2
        except BaseException:  # noqa: BLE001 - the assertion below names it
            out.write(traceback.format_exc())
            rc = -1
    return rc, out.getvalue()


def mutate(tree, path: tuple, op: str, draw):
    """`tree` with `op` applied at `path`; None when the op does not apply there."""
    parent, key = (get(tree, path[:-1]), path[-1]) if path else (None, None)
    node = get(tree, path)
    if op == "delete" and isinstance(parent, dict):
        del parent[key]
    elif op == "delete" and isinstance(parent, list):
        parent.pop(key)
    elif op == "retype" and parent is not None:
        parent[key] = draw(st.sampled_from(RETYPES))
    elif op == "unknown id" and parent is not None and isinstance(node, str):
        parent[key] = "no-such-id"
    elif op == "empty list" and isinstance(node, list) and node:
        node.clear()
    elif op == "duplicate" and isinstance(node, list) and node:
        node.append(node[0])
    else:
        return None
    return tree


COMMANDS = [
    ("check",),
    ("who", "--sev", "1", "--after", "90m"),
    ("who", "--sev", "2", "--after", "2h", "--type", "auth-failures"),
    ("classify", "--error-rate", "35%"),
    ("drill", "auth-failure-spike"),
]


def fuzz_once(project: Path, draw, commands, tmp: Path) -> None:
    files = data_files(project / "data")
    file = draw(st.sampled_from(files))
    original = file.read_text(encoding="utf-8")
    tree = read_tree(file)
    paths = [p for p, _ in nodes(tree) if p]
    path = draw(st.sampled_from(paths))
    op = draw(st.sampled_from(OPS))
    if mutate(tree, path, op, draw) is None:
        return
    write_tree(file, tree)
    try:
        for argv in commands:
            rc, out = run("--project", str(project), *argv)
            where = f"{op} at {file.name}:{path}: playbook {' '.join(argv)} exited {rc}\n{out[-3000:]}"
            assert "Traceback" not in out and rc != -1, where
            assert rc in (0, 1, 2), where
            if rc and not (argv[0] == "drill" and rc == 1):  # a drill that fails its checks says which step
                assert LOCATED.search(out) or (rc == 2 and NO_SUCH_ID.search(out)), where
    finally:
        file.write_text(original, encoding="utf-8")


# In two halves, so two workers share them (the same number of examples in all).
@pytest.mark.parametrize("half", [1, 2])
@settings(max_examples=max(1, EXAMPLES // 2), deadline=None, phases=[Phase.generate], suppress_health_check=SLOW)
@given(data=st.data())
def test_mutated_data_never_gets_a_traceback(project, tmp_path_factory, half, data):
    fuzz_once(project, data.draw, COMMANDS, tmp_path_factory.mktemp("out"))


@settings(max_examples=max(1, EXAMPLES // 5), deadline=None, phases=[Phase.generate], suppress_health_check=SLOW)
@given(st.data())
def test_mutated_data_never_breaks_extract_or_build(project, tmp_path_factory, data):
    tmp = tmp_path_factory.mktemp("out")
    commands = [("extract", "--out", str(tmp / "runbooks")), ("build", "--site-dir", str(tmp / "site"))]
    fuzz_once(project, data.draw, commands, tmp)


def test_the_copy_is_valid(project):
    assert run("--project", str(project), "check")[0] == 0


@pytest.mark.parametrize("argv", [("extract", "--out", "OUT"), ("build", "--site-dir", "OUT"), ("check",)])
def test_bad_drill_results_are_located_before_mkdocs(project, tmp_path, argv):
    """Found by the fuzz: a step without its runbook in drill_results.yaml made mkdocs-macros exit 100."""
    file = project / "data" / "drill_results.yaml"
    original = file.read_text(encoding="utf-8")
    file.write_text(original.replace("  - runbook: database-down\n    step: 1\n", "  - step: 1\n", 1))
    try:
        rc, out = run("--project", str(project), *[str(tmp_path) if a == "OUT" else a for a in argv])
    finally:
        file.write_text(original, encoding="utf-8")
    assert rc == 2 and "Traceback" not in out, out
    assert re.search(r"^data/drill_results\.yaml:\d+:\d+: error: LOAD003 results\[0\]\.steps\[0\]\.runbook", out, re.M)
