"""The search payload of a first visit, now and with the search before issue 15, measured in one run.

`python -m playbook_dev.payload` (or `scripts/bench --payload`) builds the project's site and the site as
it was at the baseline commit (its own code, data and templates), and weighs, gzipped, what a first visit
of the home page fetches for search: the theme's search worker, the index, and the query rewriter with its
hints. The content has grown since the baseline, so the search before is also weighed on today's content
(the worker and today's index, nothing of the rewriter): the ratio to it is what the search itself added. The
site as it was when issue 26 was filed is weighed too: that issue asks the payload not to grow.
It writes bench/search_payload.json, which the Benchmarks page renders.
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from playbook_dev import measure as bm

BASELINE = "d0c4bde23fd98979ad8a86623870c282c3af12f7"  # the search before issue 15
OUT = "search_payload.json"
ISSUE_26 = "1a35ee4aaf11769a02b5493effa75f893474822f"  # the commit before issue 26's first change (held-out set 7)
LIMIT = 1.20  # issue 15: the search payload of a first visit grows by 20% at most


def build_ref(ref: str, root: Path, out: Path) -> Path:
    """Build the site as it was at git `ref` (its own code, data and templates) into `out`/site."""
    tree = out / "tree"
    tree.mkdir(parents=True)
    blob = subprocess.run(["git", "archive", ref], cwd=root, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(blob)) as tar:
        tar.extractall(tree, filter="data")
    site = out / "site"
    # the ref's own package first on the path, so its plugin and macros build its pages
    env = {"PYTHONPATH": str(tree / "src"), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    proc = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True)
    if proc.returncode:
        raise RuntimeError(f"{ref} did not build:\n{proc.stdout}{proc.stderr}")
    return site


def search_part(site: Path) -> dict[str, int]:
    """The gzipped bytes a first visit of the home page fetches for search, by file."""
    items = bm.first_visit(site)["items"]
    return {k: v for k, v in items.items() if "search" in k}


def weigh(now: Path, before: Path, filed: Path | None = None) -> dict:
    """Now, before, the search before on today's content (the worker and today's index), and the site when issue 26
    was filed (`filed`, if weighed), with ratios."""
    cur, old = search_part(now), search_part(before)
    same = {k: v for k, v in cur.items() if "workers/search" in k or k == "search/search_index.json"}
    out = {"now": cur, "before": old, "before_on_todays_content": same}
    if filed is not None:
        out["at_issue_26"] = search_part(filed)
    totals = {k: sum(v.values()) for k, v in out.items()}
    ratios = {"ratio_issue_26": totals["now"] / totals["at_issue_26"]} if filed is not None else {}
    return {
        **out,
        "totals": totals,
        "ratio": totals["now"] / totals["before"],
        "ratio_same_content": totals["now"] / totals["before_on_todays_content"],
        **ratios,
        "limit": LIMIT,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m playbook_dev.payload", description=__doc__)
    p.add_argument("--baseline", default=BASELINE, help="git commit of the search to compare with")
    p.add_argument("--out", help="folder for search_payload.json (default: the project's bench/)")
    args = p.parse_args(argv)
    root = bm.root()
    with tempfile.TemporaryDirectory(prefix="pb-payload-") as tmp:
        now = Path(tmp) / "now"
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(now)]
        bm.checked(bm.run(cmd, cwd=root), "mkdocs build")
        before = build_ref(args.baseline, root, Path(tmp) / "before")
        res = weigh(now, before, build_ref(ISSUE_26, root, Path(tmp) / "issue-26"))
    res = {"date": datetime.date.today().isoformat(), "baseline": args.baseline, "issue_26": ISSUE_26, **res}
    out = Path(args.out) if args.out else root / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / OUT).write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    t = res["totals"]
    print(
        f"search payload: {t['now']} B now, {t['before']} B before ({res['ratio']:.3f}); "
        f"{t['before_on_todays_content']} B for the search before on today's content "
        f"({res['ratio_same_content']:.3f}); "
        f"{t['at_issue_26']} B when issue 26 was filed ({res['ratio_issue_26']:.3f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
