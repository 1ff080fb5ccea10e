"""The Benchmarks page's place for the held-out search figures: rendered from bench/search_heldout.json."""

from __future__ import annotations

import json

from playbook.site.benchmarks import render_benchmarks
from playbook.site.benchmarks_search import SEARCH_HELDOUT, render_search_heldout


def test_not_run_yet_says_how_to_run_it():
    text = render_search_heldout(None)
    assert "Not run yet" in text and "PB_SEARCH_HELDOUT=<set>" in text and SEARCH_HELDOUT in text


def test_each_set_renders_its_searches():
    seed = {
        "set": "search_heldout_seed.yaml",
        "date": "2026-12-02",
        "runs": [
            {"label": "current", "hit1": 60, "hit3": 68, "n": 72},
            {"label": "before issue 15 (d0c4bde23f)", "hit1": 45, "hit3": 55, "n": 72},
        ],
    }
    six = {
        "set": "search_heldout_6.yaml",
        "date": "2026-12-03",
        "runs": [{"label": "now", "hit1": 4, "hit3": 5, "n": 5}],
    }
    text = render_search_heldout({"sets": [seed, six]})
    assert "| current | 60/72 = 0.83 | 68/72 = 0.94 |" in text
    assert "| before issue 15 (d0c4bde23f) | 45/72 = 0.62 | 55/72 = 0.76 |" in text
    assert text.index("`search_heldout_seed.yaml`: run once on 2026-12-02, 72") < text.index("| current |")
    assert text.index("`search_heldout_6.yaml`: run once on 2026-12-03, 5") < text.index(
        "| now | 4/5 = 0.80 | 5/5 = 1.00 |"
    )


def test_the_page_section_reads_the_file(tmp_path):
    assert "Not run yet" in render_benchmarks(tmp_path)
    (tmp_path / SEARCH_HELDOUT).write_text(
        json.dumps(
            {
                "sets": [
                    {
                        "set": "x.yaml",
                        "date": "2026-12-02",
                        "runs": [{"label": "current", "hit1": 1, "hit3": 2, "n": 2}],
                    }
                ]
            }
        )
    )
    assert "| current | 1/2 = 0.50 | 2/2 = 1.00 |" in render_benchmarks(tmp_path)


def test_the_payload_renders_now_before_and_on_the_same_content(tmp_path):
    from playbook.site.benchmarks_search import SEARCH_PAYLOAD, render_search_payload

    assert "Not measured yet" in render_search_payload(None)
    res = {
        "date": "2026-12-02",
        "baseline": "d0c4bde23fd98979",
        "totals": {"now": 61440, "before": 46080, "before_on_todays_content": 51200},
        "ratio": 61440 / 46080,
        "ratio_same_content": 61440 / 51200,
        "limit": 1.2,
    }
    text = render_search_payload(res)
    assert "| Now (worker, index, rewriter and hints) | 60.0 KiB | 1.000 |" in text
    assert "| Before issue 15 (`d0c4bde23f`) | 45.0 KiB | 1.333 |" in text
    assert "| The search before, on today's content (worker and index) | 50.0 KiB | 1.200 |" in text
    assert "issue 26" not in text, "a run from before 2026-12-06 weighed no site of issue 26's filing"
    (tmp_path / SEARCH_PAYLOAD).write_text(json.dumps(res))
    assert "60.0 KiB" in render_benchmarks(tmp_path)
    res["issue_26"], res["totals"]["at_issue_26"], res["ratio_issue_26"] = "1a35ee4aaf117", 64512, 61440 / 64512
    assert "| When issue 26 was filed (`1a35ee4aaf`) | 63.0 KiB | 0.952 |" in render_search_payload(res)


def test_a_run_with_kinds_shows_them_and_its_misses_as_text():
    run = {
        "label": "current",
        "hit1": 2,
        "hit3": 3,
        "n": 4,
        "by_kind": {"symptom": {"hit1": 1, "hit3": 2, "n": 2}, "typo": {"hit1": 1, "hit3": 1, "n": 2}},
        "misses": [
            {"query": "db <down>", "kind": "symptom", "rank": 3, "want": ["x"], "top": ["a.html", "b.html"]},
            {"query": "loign", "kind": "typo", "rank": None, "want": ["y"], "top": []},
        ],
    }
    text = render_search_heldout({"sets": [{"set": "s.yaml", "date": "2026-12-03", "runs": [run]}]})
    expected = """By kind of query (current):

| Kind | hit@1 | hit@3 |
|---|---|---|
| symptom | 1/2 | 2/2 |
| typo | 1/2 | 1/2 |

Not first (2):

- <code>db &lt;down&gt;</code> (symptom): rank 3, first `a.html`
- `loign` (typo): not in the list, first `nothing`
"""
    assert text.endswith(expected), text
