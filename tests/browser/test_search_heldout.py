"""The held-out search sets: each scored once, by the integrator, on the current search and the ones before.

Run a set once, on purpose (it is skipped otherwise, so no tuning run sees it):

    PB_SEARCH_HELDOUT=6 .venv/bin/python -m pytest tests/browser/test_search_heldout.py -k one_run -s

It prints "search heldout (current): hit@1 … hit@3 …" and the same for each earlier search
(search_heldout.BASELINES), with each query that missed rank 1, and adds the figures to
bench/search_heldout.json, which the Benchmarks page renders (commit it). A set already there is
refused: it has been seen.

Score a spent or development set while tuning, recording nothing (no baselines either):

    PB_SEARCH_DEV=search_heldout_9.yaml,search_dev_7.yaml \
        .venv/bin/python -m pytest tests/browser/test_search_heldout.py -k dev_run -s

A held-out set not yet run (a set of SETS, or any search_heldout_*.yaml, with no run in
bench/search_heldout.json) is refused before its file is read.
"""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

import pytest

from browser.search_heldout import (
    ANSWERS,
    BASELINES,
    FIXTURES,
    FLOOR,
    RUN_ENV,
    SETS,
    load_heldout,
    score,
)
from conftest import STASH_SEARCH
from playbook.site.benchmarks import SEARCH_HELDOUT
from playbook_dev.browser import serve
from playbook_dev.payload import build_ref


@pytest.mark.parametrize("name", list(SETS))
def test_every_heldout_answer_id_has_a_built_page(site, name):
    """Reads only the answer ids (no query is run): each maps to a built page with that section."""
    file, size = SETS[name]
    held = load_heldout(FIXTURES / file)
    ids = {a for h in held for a in h.want}
    assert len(held) == size
    assert ids <= set(ANSWERS), f"{len(ids - set(ANSWERS))} answer id(s) without a page in ANSWERS"
    for pages in ANSWERS.values():
        for want in pages:
            path, _, section = want.partition("#")
            assert (site / path).exists(), want
            if section:
                assert f'id="{section}"' in (site / path).read_text(encoding="utf-8"), want


def record(file: str, runs: list[dict], bench: Path = Path("bench")) -> None:
    """Add the set's one run to bench/search_heldout.json, for the Benchmarks page (commit it)."""
    path = bench / SEARCH_HELDOUT
    out = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"sets": []}
    assert file not in {s["set"] for s in out["sets"]}, f"{file} has been run once already: it is seen"
    out["sets"].append({"set": file, "date": datetime.date.today().isoformat(), "runs": runs})
    path.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")


def test_a_set_is_recorded_once(tmp_path):
    record("a.yaml", [{"label": "current", "hit1": 1, "hit3": 1, "n": 1}], tmp_path)
    with pytest.raises(AssertionError, match="run once already"):
        record("a.yaml", [], tmp_path)
    assert [s["set"] for s in json.loads((tmp_path / SEARCH_HELDOUT).read_text())["sets"]] == ["a.yaml"]


DEV_ENV = "PB_SEARCH_DEV"


def dev_set(name: str, bench: Path = Path("bench")) -> Path:
    """The fixture file a dev run may score: a development set, or a held-out set already run (spent). A held-out
    set not yet run (one of SETS, or any search_heldout_*.yaml, without a run in bench/search_heldout.json) is
    refused before its file is read: scoring it while tuning would spend it."""
    path = bench / SEARCH_HELDOUT
    spent = {s["set"] for s in json.loads(path.read_text(encoding="utf-8"))["sets"]} if path.exists() else set()
    held_out = {f for f, _ in SETS.values()}
    if Path(name).name != name:
        raise ValueError(f"{DEV_ENV}={name!r}: a file name in tests/fixtures, no path")
    if (name in held_out or name.startswith("search_heldout")) and name not in spent:
        raise ValueError(f"{DEV_ENV}={name!r}: a held-out set with no recorded run is not spent: refused")
    if not (FIXTURES / name).is_file():
        raise ValueError(f"{DEV_ENV}={name!r}: no such file in tests/fixtures")
    return FIXTURES / name


def test_a_dev_run_refuses_an_unspent_heldout_set(tmp_path):
    (tmp_path / SEARCH_HELDOUT).write_text(json.dumps({"sets": [{"set": "search_heldout_9.yaml"}]}))
    unspent = [f for f, _ in SETS.values() if f != "search_heldout_9.yaml"] + ["search_heldout_10.yaml"]
    for name in unspent:
        with pytest.raises(ValueError, match="not spent"):
            dev_set(name, tmp_path)
    with pytest.raises(ValueError, match="no path"):
        dev_set("../fixtures/search_heldout_10.yaml", tmp_path)
    assert dev_set("search_heldout_9.yaml", tmp_path) == FIXTURES / "search_heldout_9.yaml"
    assert dev_set("search_dev_7.yaml", tmp_path) == FIXTURES / "search_dev_7.yaml"


@pytest.mark.skipif(not os.environ.get(DEV_ENV), reason=f"a spent or development set, scored with {DEV_ENV}=<file>")
def test_dev_run(site, base_url, context, guard):
    """Score spent or development sets (comma-separated file names) on the current search: per kind, with the
    misses; records nothing."""
    paths = [dev_set(name.strip()) for name in os.environ[DEV_ENV].split(",")]  # every name checked first
    page = context.new_page()
    for path in paths:
        lines, run = score(page, base_url, load_heldout(path), path.name)
        print("\n" + "\n".join(lines))
        assert run["n"] > 0
    assert guard.blocked == []


@pytest.mark.skipif(not os.environ.get(RUN_ENV), reason=f"held-out: run once, on purpose, with {RUN_ENV}=<set>")
def test_one_run(site, base_url, context, guard, tmp_path, request):
    name = os.environ[RUN_ENV]
    assert name in SETS, f"{RUN_ENV}={name!r}: choose one of {', '.join(SETS)}"
    file, _ = SETS[name]
    queries = load_heldout(FIXTURES / file)
    page = context.new_page()
    lines, current = score(page, base_url, queries, "current")
    runs = [current]
    for label, ref in BASELINES.items():
        old_site = build_ref(ref, Path.cwd(), tmp_path / label.replace(" ", "-"))
        with serve(old_site) as old_url:
            old_lines, old_run = score(page, old_url, queries, f"{label} ({ref[:10]})")
        lines += old_lines
        runs.append(old_run)
    record(file, runs)
    request.config.stash[STASH_SEARCH]["lines"] = request.config.stash[STASH_SEARCH].get("lines", []) + lines
    print("\n".join(lines))
    assert guard.blocked == []
    assert current["hit3"] / current["n"] >= FLOOR, "\n".join(lines)
