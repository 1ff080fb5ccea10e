"""Recorded results (the drills', the alert drills'): read and validated at the data's own boundary."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from playbook.data.load import read_yaml, validate
from playbook.data.markup import model_problems
from playbook.data.positions import locate
from playbook.errors import DataError

M = TypeVar("M")


def load_recorded(path: Path, model: type[M]) -> M | None:
    """A file of recorded results (the drills', the alert drills'), validated as `model` and at the same boundary as
    the rest of the data (DataError with file:line:col); None if never recorded."""
    if not path.exists():
        return None
    rel = f"{path.parent.name}/{path.name}"  # as findings name every data file: from the data folder's parent
    raw, positions = read_yaml(path, rel)
    results = validate(model, raw, rel, positions)
    problems = model_problems(results, rel, lambda where: locate(positions, where))
    if problems:  # shown on the drills page
        raise DataError(problems)
    return results
