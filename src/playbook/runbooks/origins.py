"""Where each step and block of a generated runbook is written in the data: its YAML file and line, its model."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from playbook.data.model_runbook import Block
from playbook.data.walk import step_blocks


@dataclass(frozen=True)
class Origin:
    """A step or block as the data holds it: `data/scenarios/database-down.yaml:19`, and the block's model."""

    where: str
    block: Block | None = None  # None for a step heading or a log query


@dataclass
class Origins:
    """The origins of one runbook page's steps (by the heading's line on the page) and blocks (by the fence's)."""

    file: str | None = None  # the YAML file most of the page comes from
    units: dict[int, Origin] = field(default_factory=dict)
    blocks: dict[int, Origin] = field(default_factory=dict)
    unmatched: list[int] = field(default_factory=list)  # runnable blocks the data does not hold (a stale manifest)


def _plain(title: str) -> str:
    return re.sub(r"[*_`]", "", title).strip()


def _index(cat) -> dict[tuple[str, str], list[tuple[str, str, tuple, Block | None]]]:
    """(kind, code) -> every (runbook id, file, path, block) holding it, over every scenario and procedure."""
    found: dict[tuple[str, str], list] = {}
    for rid, rb in [*cat.scenarios.items(), *cat.procedures.items()]:
        file = cat.source[rid]
        for i, step in enumerate(rb.steps):
            for where, b in step_blocks(step):
                found.setdefault((b.kind, b.code.rstrip()), []).append((rid, file, ("steps", i, *where), b))
        for q, query in enumerate(getattr(rb, "queries", [])):
            found.setdefault(("jq", query.code.rstrip()), []).append((rid, file, ("queries", q), None))
    return found


def origins(cat, runbook: dict) -> Origins:
    """Match a manifest runbook's blocks to the data's blocks by their code (the page renders the data's text
    verbatim in its fences), and its step headings to the steps of the runbook most of those blocks come from."""
    index = cat.memoized("runbook-origins", lambda: _index(cat))
    blocks = [b for u in runbook.get("walk", []) for b in u["blocks"]]
    hits = {b["line"]: index.get((b["kind"], b["code"].rstrip()), []) for b in blocks}
    votes = Counter(rid for found in hits.values() for rid in {h[0] for h in found})
    home = votes.most_common(1)[0][0] if votes else None
    out = Origins(file=cat.source.get(home) if home else None)

    def where(file: str, path: tuple) -> str:
        return f"{file}:{cat.where(file, path)[0]}"

    for b in blocks:
        found = hits[b["line"]]
        mine = [h for h in found if h[0] == home] or (found if len(found) == 1 else [])
        if mine:
            _, file, path, model = mine[0]
            out.blocks[b["line"]] = Origin(where(file, path), model)
        elif b.get("step"):
            out.unmatched.append(b["line"])
    rb = cat.scenarios.get(home) or cat.procedures.get(home) if home else None
    steps = [(i, _plain(s.title)) for i, s in enumerate(rb.steps)] if rb else []
    for u in runbook.get("walk", []):
        i = next((i for i, title in steps if u["title"] == title or u["title"].startswith(title + " (")), None)
        if i is not None:
            out.units[u["line"]] = Origin(where(out.file, ("steps", i)))
        elif u["blocks"] and u["blocks"][0]["line"] in out.blocks:  # a log query: where its block is
            out.units[u["line"]] = out.blocks[u["blocks"][0]["line"]]
    return out
