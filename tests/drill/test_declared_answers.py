"""The paths an endpoint's help quotes (`.metrics.counters[…]`, REF011's vocabulary of an answer's fields) are
the stand-in's actual answer: the vocabulary jq filters are held to is the one the drills answer with."""

from __future__ import annotations

import re

from playbook.drill.routes import ROUTES
from playbook.drill.target import DrillTarget


def _quoted_paths(help_text: str) -> list[list[str]]:
    spans = re.findall(r"`([^`]*)`", help_text)
    return [
        m.split(".")[1:] for span in spans for m in re.findall(r"(?:\.[A-Za-z_]\w*)+", re.sub(r'"[^"]*"', "", span))
    ]


def test_every_path_an_endpoint_help_quotes_is_in_the_stand_ins_answer(catalog, tmp_path):
    target = DrillTarget(catalog, tmp_path / "dev.db", tmp_path / "app.log")
    checked = 0
    for ep in catalog.data.endpoints:
        paths = _quoted_paths(ep.help)
        if not paths or ep.id not in ROUTES:
            continue
        _status, body, *_ = ROUTES[ep.id](target, {}, {"ip": "127.0.0.1"})
        for path in paths:
            node = body
            for key in path:
                assert isinstance(node, dict) and key in node, f"{ep.id}: .{'.'.join(path)} is not in {body}"
                node = node[key]
            checked += 1
    assert checked >= 3  # .metrics.counters, .metrics.series, .metrics.histograms
