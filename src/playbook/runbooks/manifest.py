"""The generated runbooks' manifest as `playbook run` reads it: a runbook by its id, its steps in page order."""

from __future__ import annotations

import json
from pathlib import Path


def load_manifest(runbooks: Path) -> dict:
    return json.loads((runbooks / "manifest.json").read_text(encoding="utf-8"))


def find_runbook(manifest: dict, name: str) -> tuple[str, dict] | None:
    """A runbook with steps by id (`scenarios/database-down`) or by its last part (`database-down`)."""
    hits = [(rid, rb) for rid, rb in manifest.items() if rb.get("steps") and name in (rid, rid.rsplit("/", 1)[-1])]
    return hits[0] if len(hits) == 1 else None


def units_of(runbook: dict) -> list[dict]:
    """The page's steps in page order (the manifest's `walk`; one per runnable block for an older manifest)."""
    if "walk" in runbook:
        return runbook["walk"]
    return [
        {"title": s["title"], "line": s["line"], "text": [], "blocks": [{**s, "step": s["number"], "label": None}]}
        for s in runbook["steps"]
    ]
