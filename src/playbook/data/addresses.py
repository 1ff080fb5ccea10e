"""Where the site publishes what the data describes: the page of each scenario, shared by every layer."""

from __future__ import annotations

SCENARIO_DIR = "scenarios"


def scenario_uri(sid: str) -> str:
    """The source path of a scenario's generated page (`scenarios/<id>.md`; `.html` once built)."""
    return f"{SCENARIO_DIR}/{sid}.md"
