"""The benchmark (`scripts/bench`): data-layer overhead, scaling, search payload, test time, peak memory."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from playbook_dev import measure as bm
from playbook_dev import tools as bench_tools
from playbook_dev.synth import generate

# The targets; the results page renders them from the results file.
TARGETS = {
    "overhead_max": 1.10,  # build time with macros and data / plain MkDocs on the same pages, at the largest size
    "growth_max": 11.0,  # t(1000) / t(100) for build, check and extraction
    "check_extract_max_s": 5.0,  # check + extraction at the largest size
    "first_visit_max_kib": 400,  # home page, gzipped
    "suite_max_s": 180,  # full test suite
    "check_tools_real_max_s": 3.0,  # `playbook check` with every tool, on the real data
    "check_tools_big_max_s": 15.0,  # the same at 1,000 synthetic scenarios
    "check_warm_real_max_s": 1.0,  # `playbook check` on the real data, its cache warm
    "check_validate_ratio_max": 2.5,  # that check / `playbook validate`, in the same run
}
SANDBOX = [
    "src",
    "macros",
    "docs",
    "overrides",
    "mkdocs.yml",
    "pyproject.toml",
    "data",
    "runbooks",
    "scripts",
]
LINKED = ["node_modules"]  # tsc: linked into the sandbox, not copied
OUT_OPTIONS = ["--out", "--output", "--out-dir", "--output-dir", "--dest", "--runbooks", "--runbooks-dir", "--dir"]


def subcommands() -> dict[str, str]:
    """The `playbook` subcommands of this checkout, with their help text."""
    from playbook.cli.main import parser

    p = parser()  # one session: the helps that list ids from the data share one load of it
    action = next(a for a in p._actions if a.__class__.__name__ == "_SubParsersAction")
    return {name: sub.format_help() for name, sub in action.choices.items()}


def sandbox(work: Path) -> Path:
    """A copy of the repository the check and extraction commands may write into freely."""
    repo = work / "repo"
    for name in SANDBOX:
        src = bm.root() / name
        if src.is_dir():
            shutil.copytree(src, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        elif src.exists():
            repo.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, repo / name)
    for name in LINKED:
        if (bm.root() / name).exists():
            (repo / name).symlink_to(bm.root() / name)
    return repo


def commands(repo: Path, work: Path) -> dict[str, list[str] | str]:
    """The check and extraction commands, as `python -m playbook` (the project found from the sandbox copy).

    Each command also gets PLAYBOOK_DATA, so an entry point without `--data` reads the same folder.
    """
    subs = subcommands()
    cli = [sys.executable, "-m", "playbook", "--data", "{data}"]
    opt = next((o for o in OUT_OPTIONS if o in subs["extract"].split()), None)
    extract = [*cli, "extract", *([opt, str(work / "runbooks-out")] if opt else [])]  # else into the sandbox copy
    # Scaling and the tools' cost time the work itself: every run a cold one (check_cache times the cache).
    no_cache = ["--no-cache"] if "--no-cache" in subs["check"].split() else []
    return {"check": [*cli, "check", *no_cache], "extract": extract, "validate": [*cli, "validate"]}


def timed(
    cmd: list[str], repeats: int, what: str, cwd: Path | None = None, env: dict | None = None, ok=(0,)
) -> list[dict]:
    return [bm.checked(bm.run(cmd, cwd=cwd, env=env), what, ok) for _ in range(repeats)]


def build_pair(data: Path, plain_config: Path, site: Path, repeats: int) -> tuple[list[dict], list[dict]]:
    """Alternate builds of the real project and of its plain copy, so load changes hit both alike."""
    real, plain = [], []
    env = {"PLAYBOOK_DATA": str(data)}
    for _ in range(repeats):
        real.append(bm.checked(bm.run(bm.mkdocs_cmd(bm.root() / "mkdocs.yml", site), env=env), "build"))
        plain.append(bm.checked(bm.run(bm.mkdocs_cmd(plain_config, site.with_name("plain-site"))), "plain build"))
    return real, plain


def ratio(a: list[dict], b: list[dict], key: str = "wall") -> dict:
    pairs = [x[key] / y[key] for x, y in zip(a, b, strict=True)]
    out = bm.stats(pairs)
    out["of_medians"] = statistics.median(x[key] for x in a) / statistics.median(y[key] for y in b)
    return out


def bench(work: Path, sizes: list[int], repeats: int, run_suite: bool, log=print, quick: bool = False) -> dict:
    res: dict = {
        "meta": {
            "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_before": os.getloadavg()[0],
            "sizes": sizes,
            "repeats": repeats,
        },
        "targets": TARGETS,
    }
    repo = sandbox(work)
    cmds = commands(repo, work)
    res["commands"] = {k: (" ".join(v[1:]) if isinstance(v, list) else v) for k, v in cmds.items()}
    # Since `playbook extract` runs every check before it writes (as build does), one extraction is
    # check plus extraction; an older checkout's extract did not, and the two are added up.
    res["extract_runs_checks"] = "check the data" in subcommands().get("extract", "").lower()
    datasets = {"real": bm.root() / "data"}
    for n in sizes:
        log(f"bench: generating {n} synthetic scenarios")
        datasets[str(n)] = generate(work / f"data-{n}" / "data", n)
    big = str(max(sizes))

    res["overhead"], sites, builds = {}, {}, {}
    # The overhead at the two largest sizes also gives plain MkDocs' own growth, the floor for the build's.
    middle = [str(sizes[-2])] if len(sizes) >= 2 else []
    for label in ("real", *middle, big):
        log(f"bench: data-layer overhead, {label}")
        plain_config = bm.plain_copy(bm.root(), datasets[label], work / f"plain-{label}")
        sites[label] = work / f"site-{label}" / "site"
        real, plain = build_pair(datasets[label], plain_config, sites[label], repeats)
        builds[label] = real
        res["overhead"][label] = {
            "macros": bm.summary(real),
            "plain": bm.summary(plain),
            "ratio_wall": ratio(real, plain),
            "ratio_cpu": ratio(real, plain, "cpu"),
            "attributed": json.loads((work / f"plain-{label}" / "data_layer.json").read_text()),
        }

    res["scaling"] = {}
    env_repo = {"PYTHONPATH": str(repo / "src")}  # the sandbox's code, so outputs land in the sandbox
    for n in sizes:
        label, data = str(n), datasets[str(n)]
        log(f"bench: scaling, {n} scenarios")
        row: dict = {}
        if label not in builds:
            cmd = bm.mkdocs_cmd(bm.root() / "mkdocs.yml", work / f"site-{label}" / "site")
            builds[label] = timed(cmd, repeats, "build", env={"PLAYBOOK_DATA": str(data)})
        row["build"] = bm.summary(builds[label])
        for phase in ("check", "extract"):
            cmd = cmds[phase]
            if isinstance(cmd, str):
                row[phase] = cmd
            else:
                argv = [str(data) if a == "{data}" else a for a in cmd]
                try:  # exit 1 means findings: still a complete run
                    env = {**env_repo, "PLAYBOOK_DATA": str(data)}
                    row[phase] = bm.summary(timed(argv, repeats, phase, cwd=repo, env=env, ok=(0, 1)))
                except RuntimeError as e:
                    row[phase] = str(e).splitlines()[0]
        res["scaling"][label] = row
    res["growth"] = growth(res["scaling"], sizes)
    if middle:
        plain = [res["overhead"][x]["plain"]["wall"]["median"] for x in (*middle, big)]
        res["growth"]["plain_build"] = plain[1] / plain[0]

    log("bench: check with and without the real tools")
    res["check_tools"] = {
        label: check_tools(cmds["check"], datasets[label], repo, env_repo, repeats)
        for label in ((big,) if quick else ("real", big))  # --quick: the largest data only (the same code path)
    }
    log("bench: check with its cache, cold and warm, and validate, on the real data")
    res["check_cache"] = check_cache(cmds, datasets["real"], repo, env_repo, work / "cache", repeats)
    log("bench: per-block tool checks")
    res["tools"] = bench_tools.measure(datasets[big], work / "tools", repeats)
    res["search"] = {label: bm.search_index(site) for label, site in sites.items()}
    res["first_visit"] = {label: bm.first_visit(site) for label, site in sites.items()}
    res["memory"] = {"label": big, "build_peak_rss_mib": res["overhead"][big]["macros"]["rss_mib"]}
    res["memory"]["plain_peak_rss_mib"] = res["overhead"][big]["plain"]["rss_mib"]
    if run_suite:
        log("bench: test suite")
        cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not bench"]
        r = bm.run(cmd)
        res["suite"] = {"wall": r["wall"], "rc": r["rc"], "summary": r["log"].strip().splitlines()[-1]}
        res["suite"]["failed"] = [line for line in r["log"].splitlines() if line.startswith(("FAILED", "ERROR"))]
    else:
        res["suite"] = "skipped (--quick or --no-suite)"
    res["meta"]["load_after"] = os.getloadavg()[0]
    return res


def check_tools(check: list[str], data: Path, repo: Path, env: dict, repeats: int) -> dict:
    """`playbook check` with every tool, with `--fast` (no tsc), and without the rules that run tools on the
    blocks, alternated run by run so load changes hit all three alike; ratios against the run without tools."""
    from playbook.checks.engine import load_rules

    argv = [str(data) if a == "{data}" else a for a in check]
    plain = [x for r in load_rules().values() if not r.tools for x in ("--rule", r.id)]
    variants = {"tools": argv, "fast": [*argv, "--fast"], "no_tools": [*argv, *plain]}
    runs: dict[str, list[dict]] = {k: [] for k in variants}
    for _ in range(repeats):
        for name, cmd in variants.items():
            runs[name].append(bm.checked(bm.run(cmd, cwd=repo, env={**env, "PLAYBOOK_DATA": str(data)}), name, (0, 1)))
    out: dict = {name: bm.summary(r) for name, r in runs.items()}
    out["ratio_tools"] = ratio(runs["tools"], runs["no_tools"])
    out["ratio_fast"] = ratio(runs["fast"], runs["no_tools"])
    out["ratio_tools_cpu"] = ratio(runs["tools"], runs["no_tools"], "cpu")  # the tools' processes included
    return out


def check_cache(cmds: dict, data: Path, repo: Path, env: dict, cache: Path, repeats: int) -> dict:
    """`playbook check` with its cache warm (filled by one run before), cold (an empty cache folder each run,
    filled as it goes) and `playbook validate`, alternated run by run; ratios of check to validate."""
    check = [str(data) if a == "{data}" else a for a in cmds["check"] if a != "--no-cache"]
    validate = [str(data) if a == "{data}" else a for a in cmds["validate"]]
    env = {**env, "PLAYBOOK_DATA": str(data)}
    warm = {**env, "PLAYBOOK_CACHE_DIR": str(cache / "warm")}
    bm.checked(bm.run(check, cwd=repo, env=warm), "check (filling the cache)", (0, 1))
    runs: dict[str, list[dict]] = {"warm": [], "cold": [], "validate": []}
    for i in range(repeats):
        cold = {**env, "PLAYBOOK_CACHE_DIR": str(cache / f"cold-{i}")}
        runs["warm"].append(bm.checked(bm.run(check, cwd=repo, env=warm), "check, warm cache", (0, 1)))
        runs["cold"].append(bm.checked(bm.run(check, cwd=repo, env=cold), "check, cold cache", (0, 1)))
        runs["validate"].append(bm.checked(bm.run(validate, cwd=repo, env=env), "validate"))
    out: dict = {name: bm.summary(r) for name, r in runs.items()}
    out["ratio_warm"] = ratio(runs["warm"], runs["validate"])
    out["ratio_cold"] = ratio(runs["cold"], runs["validate"])
    return out


def growth(scaling: dict, sizes: list[int]) -> dict:
    """t(largest) / t(previous size) for each phase measured at both sizes (1000/100 in a full run)."""
    if len(sizes) < 2:
        return {}
    hi, lo = str(sizes[-1]), str(sizes[-2])
    out = {"sizes": [int(lo), int(hi)]}
    for phase in ("build", "check", "extract"):
        a, b = scaling[hi].get(phase), scaling[lo].get(phase)
        if isinstance(a, dict) and isinstance(b, dict):
            out[phase] = a["wall"]["median"] / b["wall"]["median"]
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="scripts/bench", description=__doc__)
    p.add_argument("--quick", action="store_true", help="one tiny synthetic size, one run each, no test suite")
    p.add_argument("--sizes", help="comma-separated scenario counts (default 10,100,1000; --quick: 5)")
    p.add_argument("--repeats", type=int, help="runs per measurement (default 3; --quick: 1)")
    p.add_argument("--no-suite", action="store_true", help="do not time the test suite")
    p.add_argument("--out", help="folder for results.json and results.md (default: the project's bench/)")
    p.add_argument("--payload", action="store_true", help="only weigh the search payload (playbook_dev.payload)")
    args = p.parse_args(argv)
    if args.payload:
        from playbook_dev import payload

        return payload.main(["--out", args.out] if args.out else [])
    sizes = [int(x) for x in (args.sizes or ("5" if args.quick else "10,100,1000")).split(",")]
    repeats = args.repeats or (1 if args.quick else 3)
    from playbook.site.benchmarks import render_results

    with tempfile.TemporaryDirectory(prefix="pb-bench-") as tmp:
        res = bench(Path(tmp), sorted(sizes), repeats, not (args.quick or args.no_suite), quick=args.quick)
    out = Path(args.out) if args.out else bm.root() / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(res, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    (out / "results.md").write_text(render_results(res), encoding="utf-8")
    print(f"bench: wrote {out / 'results.json'} and {out / 'results.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
