"""The held-out search sets: each scored once, by the integrator, on the current search and the ones before.

Run a set once, on purpose (it is skipped otherwise, so no tuning run sees it):

    PB_SEARCH_HELDOUT=6 .venv/bin/python -m pytest tests/browser/test_search_heldout.py -k one_run -s

It prints "search heldout (current): hit@1 … hit@3 …" and the same for each earlier search
(search_heldout.BASELINES), with each query that missed rank 1, and adds the figures to
bench/search_heldout.json, which the Benchmarks page renders (commit it). A set already there is
refused: it has been seen.
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
