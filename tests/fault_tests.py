"""What a checker rule's fault test asserts, written once: the errors a rule finds on an edited copy of the data,
and that they stand exactly at the line the editor must change."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import line_of
from playbook.data.load import load_catalog
from playbook.site.checking import check


def errors(data: Path, rules: list[str], render: Callable[[str], str] | None = None) -> list:
    """The error-level findings of `rules` on the data folder `data`, run as `playbook check` runs them."""
    return [p for p in check(load_catalog(data), rules, render=render) if p.level == "error"]


def assert_only_at(found: list, data: Path, file: str, marker: str) -> None:
    """`found` stands at one place only: data file `file`, the one line of it that holds `marker`."""
    assert {(p.file, p.line) for p in found} == {(f"data/{file}", line_of(data / file, marker))}, [
        p.format() for p in found
    ]
