"""The search payload measure: what a first visit fetches for search, now and at the baseline commit."""

from __future__ import annotations

import gzip
import json

from playbook_dev.payload import LIMIT, OUT, main, search_part, weigh

_HOME = """<html><head><link rel="stylesheet" href="assets/site.css"></head><body>
<script id="__config" type="application/json">{"search": "assets/javascripts/workers/search.1.min.js"}</script>
{scripts}</body></html>"""


def _site(root, files: dict[str, str], scripts: list[str]):
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    tags = "".join(f'<script src="{s}"></script>' for s in scripts)
    (root / "index.html").write_text(_HOME.replace("{scripts}", tags))
    return root


def _gz(text: str) -> int:
    return len(gzip.compress(text.encode(), compresslevel=6, mtime=0))


def test_the_search_part_is_the_worker_the_index_and_the_rewriter(tmp_path):
    files = {
        "assets/site.css": "body{}" * 50,
        "assets/javascripts/workers/search.1.min.js": "worker();" * 300,
        "search/search_index.json": '{"docs":[' + '{"t":"abc"},' * 400 + "{}]}",
        "assets/pb-search.js": "rewrite();" * 100,
        "assets/pb-search-hints.js": "window.pbSearchHints={};" * 20,
    }
    now = _site(tmp_path / "now", files, ["assets/pb-search-hints.js", "assets/pb-search.js"])
    old = dict(files, **{"search/search_index.json": '{"docs":[' + '{"t":"ab"},' * 300 + "{}]}"})
    before = _site(tmp_path / "before", old, [])
    filed = _site(
        tmp_path / "filed", dict(files, **{"assets/pb-search.js": "rewrite();" * 10}), ["assets/pb-search.js"]
    )
    part = search_part(now)
    assert part == {k: _gz(v) for k, v in files.items() if "search" in k}, "no stylesheet, no page"
    res = weigh(now, before)
    assert res["totals"]["now"] == sum(part.values())
    assert res["before"] == {
        k: _gz(old[k]) for k in ("assets/javascripts/workers/search.1.min.js", "search/search_index.json")
    }
    same = res["before_on_todays_content"]
    assert set(same) == {"assets/javascripts/workers/search.1.min.js", "search/search_index.json"}
    assert same["search/search_index.json"] == part["search/search_index.json"], "today's index"
    assert res["ratio"] == res["totals"]["now"] / res["totals"]["before"] > res["ratio_same_content"] > 1
    assert res["limit"] == LIMIT
    assert "at_issue_26" not in res, "only weighed when asked"
    res = weigh(now, before, filed)
    assert res["at_issue_26"]["assets/pb-search.js"] == _gz("rewrite();" * 10)
    assert res["ratio_issue_26"] == res["totals"]["now"] / res["totals"]["at_issue_26"] > 1


def test_a_run_weighs_the_real_site_against_the_baseline_commit(tmp_path):
    assert main(["--out", str(tmp_path)]) == 0
    res = json.loads((tmp_path / OUT).read_text())
    assert "assets/pb-search.js" in res["now"] and "assets/pb-search.js" not in res["before"]
    assert "assets/pb-search.js" in res["at_issue_26"] and res["issue_26"].startswith("1a35ee4")
    # the search's own files (rewriter, hints) weigh something on top of the worker and index; the content itself
    # may have grown or shrunk since the baseline (the index now leaves out asides' lists and code blocks)
    assert res["totals"]["before"] > 0 and res["totals"]["before_on_todays_content"] < res["totals"]["now"]
