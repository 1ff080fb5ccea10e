"""Render the held-out search runs and the search payload (bench/search_*.json) for the Benchmarks page."""

from __future__ import annotations

from playbook.markdown import Md, code, table

SEARCH_HELDOUT = "search_heldout.json"  # the held-out search set's one run, written by its test
SEARCH_PAYLOAD = "search_payload.json"  # the search payload of a first visit, by playbook_dev.payload


def render_search_heldout(res: dict | None) -> Md:
    """Each held-out search set's one run (tests/browser/test_search_heldout.py writes them), or why none."""
    sets = (res or {}).get("sets", [])
    if not sets:
        return Md(
            "Not run yet. A held-out set (`tests/fixtures/search_heldout_*.yaml`) is run once, on the\n"
            "current search and the ones before it, by\n"
            "`PB_SEARCH_HELDOUT=<set> pytest tests/browser/test_search_heldout.py`,\n"
            "which writes {}.\n"
        ).format(code(f"bench/{SEARCH_HELDOUT}"))
    out = []
    for one in sets:
        rows = [
            [
                r["label"],
                f"{r['hit1']}/{r['n']} = {r['hit1'] / r['n']:.2f}",
                f"{r['hit3']}/{r['n']} = {r['hit3'] / r['n']:.2f}",
            ]
            for r in one["runs"]
        ]
        head = (
            f"`{one['set']}`: run once on {one['date']}, {one['runs'][0]['n']} queries written from the seed alone.\n\n"
        )
        out.append(head + table(["Search", "hit@1", "hit@3"], rows) + _by_kind(one["runs"][0]))
    return Md("\n").join(out)


def _by_kind(run: dict) -> Md:
    """The run's figures per kind of query and the queries it missed at rank 1 (recorded from set 9 on)."""
    if "by_kind" not in run:
        return Md("")
    rows = [[k, f"{f['hit1']}/{f['n']}", f"{f['hit3']}/{f['n']}"] for k, f in run["by_kind"].items()]
    out = Md("\nBy kind of query ({}):\n\n").format(run["label"]) + table(["Kind", "hit@1", "hit@3"], rows)
    misses = run.get("misses", [])
    if misses:
        out += Md("\nNot first ({}):\n\n").format(len(misses))
        for m in misses:
            where = f"rank {m['rank']}" if m["rank"] else "not in the list"
            out += Md("- {} ({}): {}, first {}\n").format(
                code(m["query"]), m["kind"], where, code(m["top"][0] if m["top"] else "nothing")
            )
    return out


def render_search_payload(res: dict | None) -> Md:
    """The search payload of a first visit, now and before issue 15 (playbook_dev.payload writes it)."""
    if not res:
        return Md("Not measured yet: `scripts/bench --payload` writes {}.\n").format(code(f"bench/{SEARCH_PAYLOAD}"))
    t = res["totals"]
    rows = [
        ["Now (worker, index, rewriter and hints)", f"{t['now'] / 1024:.1f} KiB", "1.000"],
        [f"Before issue 15 (`{res['baseline'][:10]}`)", f"{t['before'] / 1024:.1f} KiB", f"{res['ratio']:.3f}"],
        [
            "The search before, on today's content (worker and index)",
            f"{t['before_on_todays_content'] / 1024:.1f} KiB",
            f"{res['ratio_same_content']:.3f}",
        ],
    ]
    if "at_issue_26" in t:  # weighed since 2026-12-06
        filed = f"When issue 26 was filed (`{res['issue_26'][:10]}`)"
        rows.append([filed, f"{t['at_issue_26'] / 1024:.1f} KiB", f"{res['ratio_issue_26']:.3f}"])
    head = (
        f"Measured on {res['date']}, gzipped, as a first visit of the home page fetches it. The limit is"
        f" growth by {res['limit']:.2f}x; the content grew on its own since the baseline, so the last row"
        " weighs what the search itself added.\n\n"
    )
    return head + table(["Search payload", "Size", "Now ÷ row"], rows)
