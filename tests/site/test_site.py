"""The built site: every page renders, every seed fact is on it, nothing is fetched from elsewhere."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import ROOT, edit, page_text
from playbook.adapters.mkdocs.build import build_site
from playbook.errors import DataError

FACTS = [
    line.split(": ", 1)
    for line in (ROOT / "tests" / "fixtures" / "seed_facts.txt").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_every_nav_page_and_scenario_is_built(site, catalog):
    import yaml

    def pages(nav):
        for item in nav:
            for v in item.values() if isinstance(item, dict) else [item]:
                yield from (pages(v) if isinstance(v, list) else [v])

    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text().replace("!!python", "#"))["nav"]
    expected = [p.replace(".md", ".html") for p in pages(nav)]
    expected += [f"scenarios/{sid}.html" for sid in catalog.scenarios]
    for rel in expected:
        html = (site / rel).read_text(encoding="utf-8")
        text = page_text(html)
        assert "{{" not in text and "{%" not in text, rel
        assert "Playbook version" in html, rel
        assert len(text) > 200, rel


@pytest.mark.parametrize(("page", "fact"), FACTS, ids=[f"{p}:{f[:40]}" for p, f in FACTS])
def test_seed_fact_is_on_the_site(site, page, fact):
    assert fold(fact) in page_text((site / page).read_text(encoding="utf-8"))


def test_no_asset_from_another_host(site, catalog):
    # Links a reader may follow, never fetched by the page: the site's own published address (its canonical
    # link, from site_url) and the repository (the header and every page's edit link), both from meta.yaml.
    ours = tuple(catalog.meta.link(i).url for i in ("playbook-site", "playbook-source"))
    offenders = []
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        html = re.sub(r'<link rel="canonical" href="' + re.escape(ours[0]) + '[^"]*">', "", html)
        for tag, url in re.findall(r"<(script|link|img|iframe|source)\b[^>]*?(?:src|href)=\"(https?:)?//", html):
            offenders.append(f"{path.relative_to(site)}: <{tag}> from {url}")
        for m in re.findall(r"(?:src|href)=\"(https?://[^\"]+)\"", html):
            if not m.startswith(("https://vercel.com/", "https://api.openai.com/", *ours)):
                offenders.append(f"{path.relative_to(site)}: {m}")
    assert offenders == []
    assert "fonts.googleapis" not in (site / "index.html").read_text(encoding="utf-8")


def test_offline_shim_is_vendored(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/vendor/iframe-worker/shim.js"' in html
    assert (site / "assets/vendor/iframe-worker/shim.js").stat().st_size > 500
    assert (site / "search" / "search_index.js").exists()


def test_code_blocks_are_classified_and_copyable(site):
    html = (site / "scenarios" / "auth-failure-spike.html").read_text(encoding="utf-8")
    assert html.count('data-kind="shell"') == 3
    mkdocs_yml = (ROOT / "mkdocs.yml").read_text()
    assert "content.code.copy" in mkdocs_yml


def _danger(site, page: str) -> str:
    text = (site / page).read_text(encoding="utf-8")
    danger = re.findall(r'<div class="admonition danger">(.*?)</div>\s*</div>', text, flags=re.S)
    return " ".join(page_text(f"<article>{d}</article>") for d in danger)


def test_destructive_steps_are_in_danger_boxes_saying_what_they_change_and_how_to_undo_it(site):
    joined = _danger(site, "scenarios/database-down.html")
    assert "sudo systemctl restart postgresql" in joined and "df -h" not in joined
    assert "Changes: Every open connection to PostgreSQL is dropped" in joined and "Undo: None" in joined
    joined = _danger(site, "rollback.html")
    assert 'mv -f -- "$restoring" "$DB_PATH"' in joined and "vercel rollback --yes" in joined
    assert "Undo: Stop the app again" in joined and "Changes: Replaces the database file" in joined
    assert "fuser" not in joined and ".dump" not in joined  # the checks and the salvage change nothing


def test_disable_ai_options_are_tabs(site):
    html = (site / "disable-ai.html").read_text(encoding="utf-8")
    assert html.count('class="tabbed-set') == 1
    assert len(re.findall(r"<label[^>]*>Option \d", html)) == 3


def test_scenarios_are_tagged(site):
    html = (site / "scenarios" / "database-down.html").read_text(encoding="utf-8")
    assert "SEV-1" in page_text(html) and "md-tag" in html
    assert "Database Team" in page_text((site / "tags.html").read_text(encoding="utf-8"))


def test_html_in_data_is_refused_before_the_build(data_copy, tmp_path):
    """HTML in a name or a symptom once reached pages escaped and the nav raw; now it never gets that far."""
    edit(data_copy / "contacts.yaml", "name: CTO, person: TBD", 'name: CTO, person: "<script>alert(1)</script>"')
    edit(
        data_copy / "scenarios" / "auth-failure-spike.yaml",
        "{text: Possible brute force attack}",
        '{text: "<b>x</b> & brute force attack"}',
    )
    out = tmp_path / "site"
    with pytest.raises(DataError) as info:
        build_site(out, env={"PLAYBOOK_DATA": str(data_copy)})
    found = sorted((p.file, p.line, p.rule, p.field) for p in info.value.problems)
    assert found == [
        ("data/contacts.yaml", 6, "LOAD006", "roles[0].person"),
        ("data/scenarios/auth-failure-spike.yaml", 13, "LOAD006", "symptoms[2].text"),
    ]
    assert not out.exists()


def test_broken_data_stops_the_build_and_keeps_the_old_site(data_copy, tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("previous build")
    edit(data_copy / "oncall.yaml", "  rotation: 7d", "  rotation: weekly")
    proc = subprocess.run(
        [sys.executable, "-m", "playbook.cli.main", "--data", str(data_copy), "build", "--site-dir", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 2
    assert "data/oncall.yaml:10:3: error: LOAD003 shift.rotation:" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert [p.name for p in out.iterdir()] == ["index.html"]
    assert (out / "index.html").read_text() == "previous build"
    assert not list(tmp_path.glob(".site-*"))


def test_tags_sit_on_a_pages_own_search_entry_only(site, catalog):
    import json

    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    tagged = {d["location"]: d["tags"] for d in index["docs"] if "tags" in d}
    assert tagged == {
        f"scenarios/{sid}.html": [sc.severity, catalog.party_name(sc.owner)] for sid, sc in catalog.scenarios.items()
    }
    inlined = (site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert json.dumps(index, separators=(",", ":")) in inlined  # the offline build searches the same index
