"""The bench runs end to end (--quick, tiny size) and writes well-formed results; the site renders them."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, page_text
from playbook.site.benchmarks import RESULTS
from playbook_dev.synth import PREFIX, generate


@pytest.mark.bench
def test_quick_bench_writes_results(tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "playbook_dev.bench", "--quick", "--sizes", "5", "--repeats", "1", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    res = json.loads((out / "results.json").read_text())
    assert set(res["overhead"]) == {"real", "5"}
    for o in res["overhead"].values():
        for side in ("macros", "plain"):
            assert o[side]["wall"]["n"] == 1 and o[side]["wall"]["min"] > 0 and o[side]["rss_mib"] > 10
        spans = o["attributed"]["events"]
        assert {"on_config", "on_files", "on_page_markdown"} <= set(spans)
        assert 0 < sum(spans.values()) < o["attributed"]["cpu"]
        r = o["ratio_wall"]["of_medians"]
        assert r == pytest.approx(o["macros"]["wall"]["median"] / o["plain"]["wall"]["median"])
    assert set(res["scaling"]) == {"5"} and res["growth"] == {}
    assert res["extract_runs_checks"] is True  # so check plus extraction is one extraction
    assert res["tools"]["tsc"]["count"] == 2 and res["tools"]["jq (compile)"]["count"] > 0
    assert set(res["check_tools"]) == {"5"}  # --quick: on the largest data only
    for label in ("5",):  # check with every tool, --fast and without them, as ratios of the same run
        ct = res["check_tools"][label]
        for variant in ("tools", "fast", "no_tools"):
            assert ct[variant]["wall"]["n"] == 1 and ct[variant]["wall"]["min"] > 0
        assert ct["ratio_tools"]["of_medians"] == pytest.approx(
            ct["tools"]["wall"]["median"] / ct["no_tools"]["wall"]["median"]
        )
    cc = res["check_cache"]  # check on the real data with its cache warm and cold, and validate, in one run
    for variant in ("warm", "cold", "validate"):
        assert cc[variant]["wall"]["n"] == 1 and cc[variant]["wall"]["min"] > 0
    assert cc["ratio_warm"]["of_medians"] == pytest.approx(
        cc["warm"]["wall"]["median"] / cc["validate"]["wall"]["median"]
    )
    assert "--no-cache" in res["commands"]["check"]  # scaling and the tools' cost time the work itself
    for label in ("real", "5"):
        s, fv = res["search"][label], res["first_visit"][label]
        assert 0 < s["gzip"] < s["raw"]
        assert fv["third_party"] == [] and "index.html" in fv["items"]
        assert any(k.endswith(".css") for k in fv["items"]) and "search/search_index.json" in fv["items"]
        assert fv["total_gzip"] == sum(fv["items"].values())
    assert res["search"]["5"]["raw"] > res["search"]["real"]["raw"]  # five more scenario pages are indexed
    # the tool phase saw every shell block of the same synthetic data (the generator is deterministic)
    data = generate(tmp_path / "again" / "data", 5)
    raws = [yaml.safe_load(f.read_text()) for f in sorted((data / "scenarios").glob("*.yaml"))]
    shell = sum(1 for d in raws for st in d["steps"] for b in st.get("blocks", []) if b["kind"] == "shell")
    assert len([f for f in (data / "scenarios").glob(PREFIX + "*")]) == 5
    procs = [yaml.safe_load(f.read_text()) for f in sorted((data / "procedures").glob("*.yaml"))]
    shell += sum(
        1
        for d in procs
        for st in d.get("steps", [])
        for b in [*st.get("blocks", []), *(b for o in st.get("options", []) for b in o.get("blocks", []))]
        if b["kind"] == "shell"
    )
    assert res["tools"]["blocks"]["shell"] == shell
    assert res["suite"].startswith("skipped")
    md = (out / "results.md").read_text()
    assert "### check with the real tools" in md and "### check with its cache (real playbook)" in md
    assert "### Data-layer overhead" in md and f"{res['overhead']['5']['ratio_wall']['of_medians']:.3f}" in md


def test_benchmarks_page_renders_the_committed_results(site):
    res = json.loads((ROOT / "bench" / RESULTS).read_text())
    text = page_text((site / "benchmarks.html").read_text(encoding="utf-8"))
    for label, o in res["overhead"].items():
        assert f"{o['ratio_wall']['of_medians']:.3f}" in text, label
    assert re.search(r"Build of \d+ scenarios: \d+ MiB peak RSS", text)
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text().replace("!!python", "#"))["nav"]
    assert any(isinstance(v, list) and {"Benchmarks": "benchmarks.md"} in v for item in nav for v in item.values())


def test_the_page_compares_the_results_with_the_run_before_the_fixes(site):
    from playbook.site.benchmarks import BEFORE, _figures

    before, after = (json.loads((ROOT / "bench" / name).read_text()) for name in (BEFORE, RESULTS))
    text = page_text((site / "benchmarks.html").read_text(encoding="utf-8"))
    assert "Before and after the profiling fixes" in text
    for res in (before, after):
        assert f"{res['meta']['date']}, load average {res['meta']['load_before']:.1f}" in text
        build = _figures(res)["Build, 1000 scenarios"][0]
        assert build == res["scaling"]["1000"]["build"]["wall"]["median"] and f"{build:.2f} s" in text
