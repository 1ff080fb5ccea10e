"""The metrics a jq path reads from the metrics endpoint's JSON by dotted keys (REF002): one key is one metric name."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

# `.metrics.<section>.a.b.c`: jq reads the keys a, then b, then c; a metric's name (dots and all) is one key
_DOTTED = re.compile(r"(?<![\w$\])}\"])\.metrics\.([A-Za-z_]\w*)((?:\.[A-Za-z_]\w*)+)")


class DottedRead(NamedTuple):
    written: str  # the path as typed: .metrics.counters.auth.signin.failure
    section: str  # counters
    keys: tuple[str, ...]  # the keys jq reads under the section, in turn: auth, signin, failure
    meant: str | None  # the metric the dotted keys spell together, if one is known: auth.signin.failure


def dotted_reads(code: str, known: Callable[[str], bool]) -> list[DottedRead]:
    """Each `.metrics.<section>.<key>…` path of `code` whose first key is no metric `known` names."""
    out = []
    for m in _DOTTED.finditer(code):
        keys = m.group(2)[1:].split(".")
        if known(keys[0]):
            continue
        joined = [".".join(keys[:n]) for n in range(len(keys), 1, -1)]
        meant = next((name for name in joined if known(name)), None)
        out.append(DottedRead(m.group(0), m.group(1), tuple(keys), meant))
    return out


def message(read: DottedRead) -> tuple[str, str]:
    """What is wrong with a dotted read, and what to write."""
    if read.meant:
        fix = f'.metrics.{read.section}["{read.meant}"]'
        return (
            f"{read.written} reads the nested keys {', '.join(read.keys)}: no metric is named {read.keys[0]!r}, so jq "
            f"prints null; the metric {read.meant!r} is one key",
            f"index the metric by its whole name: {fix}",
        )
    return f"metric {read.keys[0]!r} ({read.written}) is not in the catalog", ""
