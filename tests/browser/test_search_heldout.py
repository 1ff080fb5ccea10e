"""The held-out seed set: scored once, by the integrator, on the current search and the one before issue 15.

Run it once, on purpose (it is skipped otherwise, so no tuning run sees it):

    PB_SEARCH_HELDOUT=1 .venv/bin/python -m pytest tests/browser/test_search_heldout.py -k heldout_seed -s

It prints "search heldout-seed (current): hit@1 … hit@3 …" and the same for the baseline
($PB_SEARCH_BASELINE, default search_heldout.BASELINE), with each query that missed rank 1, and writes
both figures to bench/search_heldout.json, which the Benchmarks page renders (commit it).
"""

from __future__ import annotations

import datetime
import json
import os
import re
from pathlib import Path

import pytest

from browser.search_heldout import ANSWERS, BASELINE, BASELINE_ENV, FLOOR, RUN_ENV, build_baseline, load_heldout, score
from conftest import STASH_SEARCH
from playbook.site.benchmarks import SEARCH_HELDOUT
from playbook_dev.browser import serve


def test_every_heldout_answer_id_has_a_built_page(site):
    """Reads only the answer ids (no query is run): each maps to a built page with that section."""
    ids = {a for h in load_heldout() for a in h.want}
    assert len(load_heldout()) == 72
    assert ids <= set(ANSWERS), f"{len(ids - set(ANSWERS))} answer id(s) without a page in ANSWERS"
    for pages in ANSWERS.values():
        for want in pages:
            path, _, section = want.partition("#")
            assert (site / path).exists(), want
            if section:
                assert f'id="{section}"' in (site / path).read_text(encoding="utf-8"), want


def lines_to_runs(heads: list[str]) -> list[dict]:
    """The summary lines' figures: label, hit@1, hit@3 and the number of queries."""
    runs = []
    for head in heads:
        m = re.match(r"search \S+ \((.*)\): hit@1 (\d+)/(\d+) = \S+, hit@3 (\d+)/", head)
        runs.append({"label": m.group(1), "hit1": int(m.group(2)), "n": int(m.group(3)), "hit3": int(m.group(4))})
    return runs


def record(runs: list[dict]) -> None:
    """bench/search_heldout.json, for the Benchmarks page (commit it after the one run)."""
    out = {"date": datetime.date.today().isoformat(), "runs": runs}
    (Path("bench") / SEARCH_HELDOUT).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")


@pytest.mark.skipif(not os.environ.get(RUN_ENV), reason=f"held-out: run once, on purpose, with {RUN_ENV}=1")
def test_heldout_seed_queries(site, base_url, context, guard, tmp_path, request):
    queries = load_heldout()
    page = context.new_page()
    lines, current = score(page, base_url, queries, "current")
    ref = os.environ.get(BASELINE_ENV) or BASELINE
    old_site = build_baseline(ref, Path.cwd(), tmp_path)
    with serve(old_site) as old_url:
        old_lines, _ = score(page, old_url, queries, f"before issue 15 ({ref[:10]})")
    lines += old_lines
    record(lines_to_runs([lines[0], old_lines[0]]))
    request.config.stash[STASH_SEARCH]["lines"] = request.config.stash[STASH_SEARCH].get("lines", []) + lines
    print("\n".join(lines))
    assert guard.blocked == []
    assert current >= FLOOR, "\n".join(lines)
