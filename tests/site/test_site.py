"""The built site: every page renders, every seed fact is on it, nothing is fetched from elsewhere."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, edit, page_text

FACTS = [
    line.split(": ", 1)
    for line in (ROOT / "tests" / "fixtures" / "seed_facts.txt").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def raw(name: str):
    """A data file as pyyaml reads it: the expectations below never go through the playbook's loader."""
    return yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))


SCENARIOS = sorted(
    (raw(f"scenarios/{p.name}") for p in (ROOT / "data" / "scenarios").glob("*.yaml")), key=lambda s: s["number"]
)
TEAMS = {t["id"]: t["name"] for t in raw("contacts.yaml")["teams"]}


def spelled(duration: str) -> str:
    """'5m' -> '5 minutes', '1h' -> '1 hour': how the pages write a duration of the data."""
    n, unit = int(duration[:-1]), {"m": "minute", "h": "hour", "d": "day"}[duration[-1]]
    return f"{n} {unit}" + ("s" if n != 1 else "")


def data_facts() -> dict[str, list[str]]:
    """Text each page must show, read from data/ with pyyaml, for the pages the seed facts leave out."""
    alerts = raw("alerts.yaml")["alerts"]
    meta = raw("meta.yaml")
    decisions = raw("decisions.yaml")["decisions"]
    bench = json.loads((ROOT / "bench" / "results.json").read_text(encoding="utf-8"))
    placeholders = [{**p, "meaning": p["meaning"].replace("`", "")} for p in meta["placeholders"]]  # `code` shows bare
    return {
        "alerting.html": [f"{n}. {a['title']}" for n, a in enumerate(alerts, 1)],
        "placeholders.html": [f"${p['name']} {p['meaning']}" for p in placeholders]
        + [f"{p['meaning']} {p['default']}" for p in placeholders if not p.get("secret")],
        "reference.html": [f"{m['name']} {m['type']} {m['unit']} {m['help']}" for m in raw("catalog.yaml")["metrics"]],
        "decisions.html": [f"{d['topic']}¶ {d['id']}" for d in decisions]
        + sorted({f"Guarded by rule {d['rule']}." for d in decisions if d.get("rule")}),
        "rules.html": sorted({f"{d['rule']}¶" for d in decisions if d.get("rule")}),
        "drills.html": [f"Last recorded: {raw('drill_results.yaml')['date']}."] + [s["title"] for s in SCENARIOS],
        "tags.html": sorted({TEAMS[s["owner"]] for s in SCENARIOS} | {s["severity"] for s in SCENARIOS}),
        "binder.html": [f"Scenario {s['number']}: {s['title']}" for s in SCENARIOS],
        "lifecycle.html": [f"## {sec['heading']}" for sec in raw("incident.yaml")["postmortem"]["sections"]],
        "benchmarks.html": [bench["meta"]["date"]],
    }


DATA_FACTS = [(page, fact) for page, facts in data_facts().items() for fact in facts]


def h1(html: str) -> str:
    (heading,) = re.findall(r"<h1\b[^>]*>(.*?)</h1>", html[html.find("<article") :], flags=re.S)
    return page_text(f"<article>{heading}</article>").replace("¶", "").strip()


def source_h1(page: str) -> str:
    """The first heading of a page's Markdown source, its macro filled from meta.yaml by hand."""
    line = next(t for t in (ROOT / "docs" / page).read_text(encoding="utf-8").splitlines() if t.startswith("# "))
    return line[2:].replace("{{ pb.meta.system }}", raw("meta.yaml")["system"]).strip()


def test_every_nav_page_and_scenario_is_built(site, catalog):
    def pages(nav):
        for item in nav:
            for v in item.values() if isinstance(item, dict) else [item]:
                yield from (pages(v) if isinstance(v, list) else [v])

    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text().replace("!!python", "#"))["nav"]
    titles = {p.replace(".md", ".html"): source_h1(p) for p in pages(nav)}
    titles |= {f"scenarios/{s['id']}.html": f"Scenario {s['number']}: {s['title']}" for s in SCENARIOS}
    assert len(SCENARIOS) == len(catalog.scenarios)
    shown = {page for page, _ in FACTS} | {page for page, _ in DATA_FACTS}
    for rel, title in titles.items():
        html = (site / rel).read_text(encoding="utf-8")
        text = page_text(html)
        assert "{{" not in text and "{%" not in text, rel
        assert "Playbook version" in html, rel
        assert h1(html) == title, rel
        # what the page says is tested by a seed fact or a fact of the data (below)
        assert rel in shown, rel


@pytest.mark.parametrize(("page", "fact"), FACTS, ids=[f"{p}:{f[:40]}" for p, f in FACTS])
def test_seed_fact_is_on_the_site(site, page, fact):
    assert fold(fact) in page_text((site / page).read_text(encoding="utf-8"))


@pytest.mark.parametrize(("page", "fact"), DATA_FACTS, ids=[f"{p}:{f[:40]}" for p, f in DATA_FACTS])
def test_data_fact_is_on_its_page(site, page, fact):
    assert fold(fact) in page_text((site / page).read_text(encoding="utf-8"))


def test_each_severity_shows_its_own_conditions_and_slas(site):
    """Each level's section of the severities page (between its heading and the next level's) holds that level's
    conditions, acknowledge and resolve SLAs and update cadence, as severities.yaml (read with pyyaml) gives them."""
    levels = raw("severities.yaml")["levels"]
    text = page_text((site / "severities.html").read_text(encoding="utf-8"))
    starts = [text.index(f"{lv['id']}: {lv['name']}¶") for lv in levels]
    assert starts == sorted(starts), "the levels in the data's order"
    for lv, start, end in zip(levels, starts, [*starts[1:], len(text)], strict=True):
        section = text[start:end]
        for c in lv["conditions"]:
            assert c["wording"] in section, (lv["id"], c["wording"])
        if "ack" in lv:
            sla = f"SLA: Acknowledge within {spelled(lv['ack'])}, resolve within {spelled(lv['resolve'])}."
        else:
            sla = f"SLA: {lv['sla_note']}."
        assert sla in section, lv["id"]
        if "update_every" in lv:
            assert f"Post updates every {spelled(lv['update_every'])} to #incidents" in section, lv["id"]


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


RUNBOOK_PAGES = [(f"scenarios/{s['id']}.yaml", f"scenarios/{s['id']}.html") for s in SCENARIOS]
RUNBOOK_PAGES += [("procedures/disable-ai.yaml", "disable-ai.html"), ("procedures/rollback.yaml", "rollback.html")]


@pytest.mark.parametrize(("source", "page"), RUNBOOK_PAGES, ids=[p for _, p in RUNBOOK_PAGES])
def test_code_blocks_carry_their_kind(site, source, page):
    """Each code block of a runbook page says its kind, in the order of the YAML's blocks. (Copy buttons are
    Material's, added in the browser: tests/browser/test_copy.py clicks every one of them.)"""
    kinds = [
        b["kind"]
        for step in raw(source)["steps"]
        for b in [*step.get("blocks", []), *(b for o in step.get("options", []) for b in o["blocks"])]
    ]
    assert kinds, source
    assert re.findall(r'data-kind="(\w+)"', (site / page).read_text(encoding="utf-8")) == kinds


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
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    tagged = {d["location"]: d["tags"] for d in index["docs"] if "tags" in d}
    assert tagged == {
        f"scenarios/{sid}.html": [sc.severity, catalog.party_name(sc.owner)] for sid, sc in catalog.scenarios.items()
    }
    inlined = (site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert json.dumps(index, separators=(",", ":")) in inlined  # the offline build searches the same index
