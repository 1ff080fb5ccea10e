"""Walk the runbook data: every code block and every prose string, with the file and path it came from."""

from __future__ import annotations

from collections.abc import Iterator

from playbook.data.catalog import Catalog
from playbook.data.model_runbook import Block, Step


def runbooks(cat: Catalog) -> Iterator[tuple[str, object]]:
    """(data file, runbook) for every scenario and procedure."""
    for rid, rb in [*cat.scenarios.items(), *cat.procedures.items()]:
        yield cat.source[rid], rb


def step_blocks(step: Step) -> Iterator[tuple[tuple, Block]]:
    """(path inside the step, block) of a step's own blocks, then its options' blocks: the order of the page."""
    for j, b in enumerate(step.blocks):
        yield ("blocks", j), b
    for k, opt in enumerate(step.options):
        for j, b in enumerate(opt.blocks):
            yield ("options", k, "blocks", j), b


def blocks(cat: Catalog) -> Iterator[tuple[str, tuple, Block]]:
    """(data file, path of the block inside it, block) for every code block of every runbook."""
    for file, rb in runbooks(cat):
        for i, step in enumerate(rb.steps):
            for where, b in step_blocks(step):
                yield file, ("steps", i, *where), b
        for i, q in enumerate(getattr(rb, "queries", [])):
            yield file, ("queries", i, "code"), Block(kind="jq", code=q.code)


def texts(cat: Catalog) -> Iterator[tuple[str, tuple, str]]:
    """(data file, path, text) for the prose of every runbook: intro, reasons, symptoms, step text and items."""
    for file, rb in runbooks(cat):
        for key in ("intro",):
            if getattr(rb, key, None):
                yield file, (key,), getattr(rb, key)
        for i, r in enumerate(getattr(rb, "reasons", [])):
            yield file, ("reasons", i), r
        for i, s in enumerate(getattr(rb, "symptoms", [])):
            yield file, ("symptoms", i, "text"), s.text
        for i, step in enumerate(rb.steps):
            for key in ("text", "verify"):
                if getattr(step, key):
                    yield file, ("steps", i, key), getattr(step, key)
            for j, item in enumerate(step.items):
                yield file, ("steps", i, "items", j), item
            for k, opt in enumerate(step.options):
                if opt.text:
                    yield file, ("steps", i, "options", k, "text"), opt.text
            for where, b in step_blocks(step):
                for key in ("title", "changes", "undo"):
                    if getattr(b, key):
                        yield file, ("steps", i, *where, key), getattr(b, key)
