"""Checker rule ALR007: a rule, a dashboard panel or an Alerting page example that queries a series (or a label)
the metrics bridge does not expose fails at the YAML (or docs) line to change; the real data passes."""

from __future__ import annotations

import shutil

from conftest import ROOT, edit
from playbook.data.load import load_catalog
from playbook.project import find
from playbook.site.checking import check


def line_of(path, text):
    return next(n for n, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in t)


def test_real_data_passes(catalog):
    assert check(catalog, only=["ALR007"]) == []


def test_a_rule_matching_a_label_the_metric_is_not_reported_by_fails_at_its_metric_line(data_copy):
    edit(data_copy / "alerts.yaml", "match: {status_class: 5xx}", "match: {status_code: 5xx}")
    (p,) = check(load_catalog(data_copy), only=["ALR007"])
    assert (p.file, p.line) == ("data/alerts.yaml", line_of(data_copy / "alerts.yaml", "status_code: 5xx"))
    assert p.field == "alerts[0].metric" and "SystemDown: http_errors_total has no label status_code" in p.message


def test_a_mapping_without_the_label_a_rule_needs_fails_at_the_rule_not_the_catalog(data_copy):
    # the bridge's mapping comes from the catalog: http.errors no longer reported by status class
    edit(data_copy / "catalog.yaml", ", status_class: [4xx, 5xx]}, help", "}, help")
    found = check(load_catalog(data_copy), only=["ALR007"])
    at = [(p.file, p.line) for p in found]
    assert ("data/alerts.yaml", line_of(data_copy / "alerts.yaml", "status_class: 5xx")) in at
    dash = line_of(data_copy / "dashboard.yaml", "by: status_class")
    assert ("data/dashboard.yaml", dash) in at  # the panel grouping by it too
    assert len(found) == 2, [p.format() for p in found]


def test_a_denominator_series_is_reported_at_its_per_entry(data_copy):
    edit(data_copy / "alerts.yaml", "per: [{metric: http.requests, match: {category: write}}]",
         "per: [{metric: http.requests, match: {kind: write}}]")  # fmt: skip
    (p,) = check(load_catalog(data_copy), only=["ALR007"])
    assert p.field == "alerts[1].per[0]" and p.line == line_of(data_copy / "alerts.yaml", "match: {kind: write}")


def test_an_alerting_page_example_over_an_unexposed_series_fails_at_its_docs_line(tmp_path):
    project = tmp_path / "project"  # the docs beside a copy of the data: the page the rule reads
    shutil.copytree(ROOT / "data", project / "data")
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("assets"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    edit(project / "docs" / "alerting.md", "clinical_os_scrape_success == 0", "clinical_os_scrape_ok == 0")
    (p,) = check(load_catalog(project=find(project)), only=["ALR007"])
    assert p.file.endswith("docs/alerting.md") and p.line == line_of(project / "docs" / "alerting.md", "scrape_ok")
    assert "clinical_os_scrape_ok is not exposed" in p.message


def test_a_label_value_the_label_does_not_take_names_the_nearest(data_copy):
    """Set 8's M69: `5XX` where the series carry 5xx; the hint names the value meant, the message every value."""
    edit(data_copy / "alerts.yaml", "match: {status_class: 5xx}", "match: {status_class: 5XX}")
    (p,) = check(load_catalog(data_copy), ["ALR010"])
    assert (p.file, p.line) == ("data/alerts.yaml", line_of(data_copy / "alerts.yaml", "status_class: 5XX"))
    assert p.hint.startswith("did you mean 5xx?") and "4xx, 5xx" in p.message, p.format()
