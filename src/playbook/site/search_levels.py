"""The severity levels' own words for the search, from data/severities.yaml: each level's name and the word pairs
of its conditions and response texts, so that a level named by its other words finds it.

A reader names a level by its name beside a word for a level ("HIGH incident", "medium severity", "low
priority"), or by what its definition or response says ("slow queries", "documentation issues", "business
hours", "next sprint"). The build ships, per level, the search concept that answers with it ("sev-2"), its name's
words, and the pairs of neighbouring words of its texts (stop words left out). A pair is left out where the
vocabulary (data/search.yaml) already reads it (a concept's phrase: "rate limit"), where a text names a system
that has a runbook of its own ("AI service down" is the AI runbook before SEV-2), and where another level's texts
have it too ("issues affecting" tells SEV-2 and SEV-3 apart no more), unless one of them is that pair alone (SEV-2's
condition "Partial outage", which SEV-3's "below a partial outage" only mentions).
"""

from __future__ import annotations

from collections.abc import Iterable

from playbook.data.addresses import SCENARIO_DIR
from playbook.data.catalog import Catalog
from playbook.data.spelling import normal, words


def level_texts(level) -> list[str]:
    """What a level's definition and response say: its conditions' wordings and its response texts (not its SLA
    note: "no immediate action required" says what it is not, and its pairs would say the opposite)."""
    return [c.wording for c in level.conditions] + [a.text for a in level.response if a.text]


def level_words(cat: Catalog, stop: Iterable[str]) -> dict:
    """{`near`: the words a level's name stands beside to name a level (the one-word phrases of the concept that
    asks for a level, of its answer page's title, and the words for what carries a level), `levels`: [concept id,
    name words, pair…] per level}."""
    stop = set(stop)
    said = {c.id: [normal(words(w)) for w in c.words] for c in cat.search.concepts}
    phrases = {" ".join(p) for ps in said.values() for p in ps}
    runbooks = {c.id for c in cat.search.concepts if (c.answer or "").startswith(f"{SCENARIO_DIR}/")}
    systems = {w for cid in runbooks for p in said[cid] for w in p}
    asker = next((c for c in cat.search.concepts if c.asks == "level"), None)
    carriers = {w for c in cat.search.carries_level for w in normal(words(c, stop))}
    near = sorted(({p[0] for p in said[asker.id] if len(p) == 1} if asker else set()) | carriers)
    if asker and asker.answer:
        from playbook.site.search_hints import page_titles

        near = sorted(set(near) | set(normal(words(page_titles(cat).get(asker.answer, ""), stop))))
    texts = {lv.id: [normal(words(t, stop)) for t in level_texts(lv)] for lv in cat.severities.levels}
    seen: dict[str, set[str]] = {}
    for lid, ws_list in texts.items():
        for ws in ws_list:
            for a, b in zip(ws, ws[1:], strict=False):
                seen.setdefault(f"{a} {b}", set()).add(lid)
    whole = {" ".join(ws): lid for lid, ws_list in texts.items() for ws in ws_list if len(ws) == 2}

    def owner(pair: str) -> str | None:
        """The level a pair tells: the one level whose texts have it, or of several, the one a text of which is
        that pair alone (SEV-2's "Partial outage"; SEV-3's "below a partial outage" only mentions it)."""
        if len(seen[pair]) == 1:
            return next(iter(seen[pair]))
        return whole.get(pair)

    out = []
    for level in sorted(cat.severities.levels, key=lambda lv: lv.rank):
        own = normal(words(level.id))
        concept = next(
            (
                c.id
                for c in cat.search.concepts
                if c.answer == f"severities.md#{level.id.lower()}" and own in said[c.id]
            ),
            None,
        )
        if not concept:
            continue
        pairs: list[str] = []
        for ws in texts[level.id]:
            if systems & set(ws):
                continue
            for a, b in zip(ws, ws[1:], strict=False):
                pair = f"{a} {b}"
                if pair not in phrases and owner(pair) == level.id and pair not in pairs and a != b:
                    pairs.append(pair)
        out.append([concept, " ".join(normal(words(level.name, stop))), *pairs])
    return {"near": near, "levels": out, "declared": declared(cat, stop, phrases)}


def declared(cat: Catalog, stop: set[str], phrases: set[str]) -> list[str]:
    """[the declaring step that says what each level's declaration does (its `declare:` texts), then the pairs of
    neighbouring words of those texts]: a level named beside two of them ("page the engineering manager for a
    sev2") asks that step. Empty when no declaring step shows them."""
    from playbook.markdown import slug
    from playbook.site.incident import _step_heading
    from playbook.site.search_rows import built, macro_pages

    page = macro_pages(cat, "declaration").get(None)
    steps = list(enumerate(cat.incident.declaration_steps, 1))
    n, step = next(((n, s) for n, s in steps if s.severity_actions), (0, None))
    if not page or not step:
        return []
    pairs: list[str] = []
    for lv in cat.severities.levels:
        ws = normal(words(lv.declare or "", stop))
        pairs += [f"{a} {b}" for a, b in zip(ws, ws[1:], strict=False) if f"{a} {b}" not in pairs]
    return [built(f"{page}#{slug(_step_heading(n, step.title))}"), *(p for p in pairs if p not in phrases)]
