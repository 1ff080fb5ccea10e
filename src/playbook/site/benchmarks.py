"""Render the benchmark results (bench/results.json) as Markdown tables, for bench/results.md and the site."""

from __future__ import annotations

import json
from pathlib import Path

from playbook.markdown import Md
from playbook.markdown import table as _table
from playbook.site.benchmarks_search import SEARCH_HELDOUT, SEARCH_PAYLOAD, render_search_heldout, render_search_payload

RESULTS = "results.json"  # in the project's bench/ folder
BEFORE = "before.json"  # the results of the run before the profiling fixes, kept to compare


def table(heads: list[str], rows: list[list]) -> Md:
    return _table(heads, [[str(c) for c in row] for row in rows])


def _s(st: dict | str | None) -> str:
    """`median (min–max)` in seconds, or the reason a figure is missing."""
    if not isinstance(st, dict):
        return st or "—"
    st = st.get("wall", st)
    return f"{st['median']:.2f} ({st['min']:.2f}–{st['max']:.2f})"


def _ratio(r: dict) -> str:
    return f"{r['of_medians']:.3f} (pairs {r['min']:.3f}–{r['max']:.3f})"


def _attributed(a: dict | None) -> str:
    """CPU seconds inside the data layer's events of one instrumented build, and their share."""
    if not a:
        return "—"
    spent = sum(a["events"].values())
    return f"{spent:.2f} s of {a['cpu']:.2f} s ({100 * spent / a['cpu']:.1f}%)"


def _verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def _kib(n: int) -> str:
    return f"{n / 1024:,.1f} KiB"


def check_and_extract(res: dict) -> float | None:
    """Seconds for check plus extraction at the largest size: one extraction when it runs the checks."""
    last = res["scaling"][str(max(res["meta"]["sizes"]))]
    if not all(isinstance(last[p], dict) for p in ("check", "extract")):
        return None
    extract = last["extract"]["wall"]["median"]
    return extract if res.get("extract_runs_checks") else extract + last["check"]["wall"]["median"]


def render_results(res: dict) -> Md:
    t, meta = res["targets"], res["meta"]
    big = str(max(meta["sizes"]))
    out = [
        f"Measured {meta['date']} on {meta['cpus']} CPUs (load average {meta['load_before']:.1f} before, "
        f"{meta['load_after']:.1f} after), Python {meta['python']}; each figure is the median of "
        f"{meta['repeats']} run(s), with min–max, in seconds unless stated.\n",
        "### Data-layer overhead\n",
    ]
    rows = []
    for label, o in res["overhead"].items():
        name = "real playbook" if label == "real" else f"{label} scenarios"
        target = f"≤ {t['overhead_max']:.2f}: {_verdict(o['ratio_wall']['of_medians'] <= t['overhead_max'])}"
        rows.append(
            [
                name,
                _s(o["macros"]),
                _s(o["plain"]),
                _ratio(o["ratio_wall"]),
                _ratio(o["ratio_cpu"]),
                _attributed(o.get("attributed")),
                target if label == big else "",
            ]
        )
    heads = ["Playbook", "mkdocs build", "Plain MkDocs", "Ratio (wall)", "Ratio (CPU)", "Data-layer CPU in one build"]
    out.append(table([*heads, "Target"], rows))
    out.append("### Scaling\n")
    rows = [[n, _s(r["build"]), _s(r["check"]), _s(r["extract"])] for n, r in res["scaling"].items()]
    g = res.get("growth") or {}
    if g:
        lo, hi = g["sizes"]
        cells = []
        for phase in ("build", "check", "extract"):
            v = g.get(phase)
            cell = f"{v:.1f} (≤ {t['growth_max']:g}: {_verdict(v <= t['growth_max'])})" if v else "—"
            if phase == "build" and g.get("plain_build"):
                cell += f"; plain MkDocs on the same pages: {g['plain_build']:.1f}"
            cells.append(cell)
        rows.append([f"t({hi}) / t({lo})", *cells])
    total = check_and_extract(res)
    if total is not None:
        ok = total < t["check_extract_max_s"]
        how = "one `playbook extract`, which runs every check" if res.get("extract_runs_checks") else "the two added"
        rows.append(
            [
                f"check + extraction at {big} ({how})",
                "",
                f"{total:.2f} s",
                f"< {t['check_extract_max_s']:g} s: {_verdict(ok)}",
            ]
        )
    out.append(table(["Scenarios", "Build", "check", "Extraction"], rows))
    out.append(_check_tools(res, t))
    out.append(_check_cache(res, t))
    out.append(f"### Per-block tool checks ({big} scenarios)\n")
    tools = res["tools"]
    rows = []
    for name, r in tools.items():
        if name == "blocks":
            continue
        if isinstance(r, dict):
            one = f"{r['per_block_one_call_ms']:.1f}" if r["per_block_one_call_ms"] is not None else "—"
            rows.append([name, r["count"], _s(r["total"]), f"{r['per_block_batched_ms']:.2f}", one])
        else:
            rows.append([name, "", r, "", ""])
    out.append(table(["Tool", "Blocks", "Total", "Per block, batched (ms)", "Per block, one call each (ms)"], rows))
    out.append("Blocks by kind: " + ", ".join(f"{k} {v}" for k, v in tools["blocks"].items()) + "\n")
    out.append("### Search payload and first visit\n")
    rows = []
    for label, s in res["search"].items():
        fv = res["first_visit"][label]
        ok = fv["total_gzip"] < t["first_visit_max_kib"] * 1024 and not fv["third_party"]
        rows.append(
            [
                "real playbook" if label == "real" else f"{label} scenarios",
                _kib(s["raw"]),
                _kib(s["gzip"]),
                _kib(fv["total_gzip"]),
                len(fv["third_party"]),
                f"< {t['first_visit_max_kib']} KiB, no third party: {_verdict(ok)}",
            ]
        )
    heads = ["Playbook", "search_index.json", "gzipped", "First visit of the home page (gzipped)", "Third-party"]
    heads.append("Target")
    out.append(table(heads, rows))
    suite = res["suite"]
    if isinstance(suite, dict):
        ok = suite["wall"] < t["suite_max_s"] and suite["rc"] == 0
        verdict = _verdict(ok)
        line = f"{suite['wall']:.1f} s, one run ({suite['summary']}); target < {t['suite_max_s']} s: {verdict}"
    else:
        line = suite
    out.append("### Test suite\n\n" + line + "\n")
    m = res["memory"]
    out.append(
        f"### Peak memory\n\nBuild of {m['label']} scenarios: {m['build_peak_rss_mib']:.0f} MiB peak RSS "
        f"(plain MkDocs on the same pages: {m['plain_peak_rss_mib']:.0f} MiB).\n"
    )
    return Md("\n").join(out)


def _check_tools(res: dict, t: dict) -> Md:
    """`playbook check` with the real tools (bash -n, ShellCheck, jq, SQLite, tsc), `--fast`, and without them."""
    ct = res.get("check_tools")
    if not ct:
        return Md("### check with the real tools\n\nNot measured in this run.\n")
    rows = []
    for label, r in ct.items():
        limit = t.get("check_tools_real_max_s" if label == "real" else "check_tools_big_max_s")
        wall = r["tools"]["wall"]["median"]
        verdict = f"≤ {limit:g} s: {_verdict(wall <= limit)}" if limit else ""
        name = "real playbook" if label == "real" else f"{label} scenarios"
        rows.append(
            [
                name,
                _s(r["no_tools"]),
                _s(r["fast"]),
                _s(r["tools"]),
                _ratio(r["ratio_fast"]),
                _ratio(r["ratio_tools"]),
                _ratio(r["ratio_tools_cpu"]) if "ratio_tools_cpu" in r else "—",
                verdict,
            ]
        )
    heads = ["Playbook", "check, no tools", "check --fast", "check, every tool", "Ratio --fast", "Ratio", "Ratio (CPU)"]
    heads.append("Target")
    return "### check with the real tools\n\n" + table(heads, rows)


def _check_cache(res: dict, t: dict) -> Md:
    """`playbook check` on the real data with its cache cold and warm, against `playbook validate`."""
    if not (cc := res.get("check_cache")):
        return Md("### check with its cache\n\nNot measured in this run.\n")
    lim, most = t["check_warm_real_max_s"], t["check_validate_ratio_max"]
    ok = cc["warm"]["wall"]["median"] <= lim and cc["ratio_warm"]["of_medians"] <= most
    row = [*(_s(cc[k]) for k in ("validate", "cold", "warm")), _ratio(cc["ratio_cold"]), _ratio(cc["ratio_warm"])]
    heads = ["validate", "check, cold cache", "check, warm cache", "Ratio cold / validate", "Ratio warm / validate"]
    target = f"≤ {lim:g} s and ≤ {most:g}× validate: {_verdict(ok)}"
    return "### check with its cache (real playbook)\n\n" + table([*heads, "Target"], [[*row, target]])


def _figures(res: dict) -> dict[str, tuple[float | None, str]]:
    """The figures the fixes aimed at, from one results file: name -> (value, unit)."""
    big = str(max(res["meta"]["sizes"]))
    row, over = res["scaling"][big], res["overhead"][big]

    def med(x) -> float | None:
        return x["wall"]["median"] if isinstance(x, dict) else None

    check, extract = med(row["check"]), med(row["extract"])
    lo = res.get("growth", {}).get("sizes", [None])[0]
    return {
        f"Build, {big} scenarios": (med(row["build"]), "s"),
        f"check, {big} scenarios": (check, "s"),
        f"Extraction, {big} scenarios": (extract, "s"),
        f"check + extraction, {big} scenarios": (check_and_extract(res), "s"),
        f"Build growth t({big}) / t({lo})": (res.get("growth", {}).get("build"), "×"),
        f"Data-layer overhead at {big} (wall)": (over["ratio_wall"]["of_medians"], "×"),
        f"Data-layer overhead at {big} (CPU)": (over["ratio_cpu"]["of_medians"], "×"),
        f"Peak memory of the {big}-scenario build": (res["memory"]["build_peak_rss_mib"], "MiB"),
    }


def render_before_after(before: dict, after: dict) -> Md:
    """Before and after the profiling fixes, figure by figure, with the date and load of each run."""
    b, a = _figures(before), _figures(after)

    def cell(v: float | None, unit: str) -> str:
        return "—" if v is None else (f"{v:.0f} {unit}" if unit == "MiB" else f"{v:.2f} {unit}")

    rows = [[name, cell(*b[name]), cell(*a[name])] for name in a if name in b]
    when = [f"{r['meta']['date']}, load average {r['meta']['load_before']:.1f}" for r in (before, after)]
    return table(["Figure", f"Before ({when[0]})", f"After ({when[1]})"], rows)


def render_benchmarks(folder: Path) -> Md:
    """The results section of the Benchmarks page, from the committed results files (and the earlier run)."""
    path, before, held = folder / RESULTS, folder / BEFORE, folder / SEARCH_HELDOUT
    heldout = json.loads(held.read_text(encoding="utf-8")) if held.exists() else None
    search = Md("\n### Search: the held-out queries\n\n") + render_search_heldout(heldout)
    payload = folder / SEARCH_PAYLOAD
    weighed = json.loads(payload.read_text(encoding="utf-8")) if payload.exists() else None
    search += Md("\n### Search: the payload of a first visit\n\n") + render_search_payload(weighed)
    if not path.exists():
        return Md("No results yet: run `scripts/bench`.\n") + search
    after = json.loads(path.read_text(encoding="utf-8"))
    out = render_results(after)
    if before.exists():
        compared = render_before_after(json.loads(before.read_text(encoding="utf-8")), after)
        out += Md("\n### Before and after the profiling fixes\n\n") + compared
    return out + search
