"""CAT027: each metric a dashboard row plots is one its text speaks of, when another metric of the catalog is; the
finding is at the row's metric."""

from __future__ import annotations

import pytest

from conftest import edit, line_of
from playbook.checks.said_rows import metric_words, title_words
from playbook.data.load import load_catalog
from playbook.site.checking import check

D = "dashboard.yaml"

FAULTS = [
    # the sweep's kind: a row titled for one metric plotting another
    ("{text: Sessions transitioned, metrics: [write.session.transitioned]}",
     "{text: Sessions transitioned, metrics: [write.note.created]}", "metrics: [write.note.created]"),
    ("{text: Server uptime, metrics: [process.uptime], show: stat}",
     "{text: Server uptime, metrics: [db.pool.in_use], show: stat}", "Server uptime, metrics: [db.pool.in_use]"),
    # one of two metrics of a row swapped for a metric it does not name
    ("metrics: [auth.signin.success, auth.signin.failure]", "metrics: [auth.signin.success, auth.token.refresh]",
     "auth.signin.success, auth.token.refresh"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "marker"), FAULTS, ids=[f[2] for f in FAULTS])
def test_cat027_row_plots_a_metric_it_does_not_name(data_copy, old, new, marker):
    edit(data_copy / D, old, new)
    found = [p for p in check(load_catalog(data_copy), ["CAT027"]) if p.level == "error"]
    assert {(p.file, p.line) for p in found} == {(f"data/{D}", line_of(data_copy / D, marker))}, [
        p.format() for p in found
    ]


def test_cat027_real_data_passes(catalog):
    assert check(catalog, ["CAT027"]) == []


def test_cat027_near_misses(data_copy, catalog):
    # a ratio's denominator is not named by the title ("Rate limit hit rate (%)" over all requests)
    metrics = {x.name: x for x in catalog.data.metrics}
    assert not metric_words(metrics["http.requests"]) & title_words("Rate limit hit rate (%)")
    # a title that names no metric of the catalog at all is left alone
    edit(data_copy / D, "{text: Server uptime,", "{text: Seconds since start,")
    assert check(load_catalog(data_copy), ["CAT027"]) == []
