"""What the browser's search needs beside the index, built from the data: concepts, their answers, bets, rows,
places and the ladder.

pb-search.js reads it (assets/pb-search-hints.js) and rewrites a typed query before the theme's worker
searches the index: the concepts the typed words name (data/search.yaml) give their answers in the order of
their ranks, a bet (an answer none of its concepts gives alone) comes before them, a people question names a
contact or matrix row and a command-shaped query the step or dashboard row that holds it (search_rows), and
a number next to a signal ("error rate 30 percent", "queries over 800ms") names the severity level that
number falls in, as the ladder (data/severities.yaml, playbook.data.ladder) defines it. Every word the data
lists is shipped in its normal spelling (search_words.normal), as the browser reads the typed words.
"""

from __future__ import annotations

import fnmatch
import html
import json
import re
from collections.abc import Iterable

from playbook.data.addresses import SCENARIO_DIR
from playbook.data.catalog import Catalog
from playbook.data.ladder import interval, signal_words
from playbook.data.spelling import normal, words
from playbook.site.search_endpoints import api_paths
from playbook.site.search_levels import level_words
from playbook.site.search_rows import (
    brought_in,
    built,
    chat_places,
    people_rows,
    places,
    staffed,
    table_words,
)
from playbook.site.search_template import shipped, template_words
from playbook.site.search_times import clocks, durations, quantities
from playbook.site.search_words import data_words, families, initialisms, near_words, stem, stop_forms, word_forms

_SLUG = re.compile(r"[a-z]+|\d+")
_TITLE = re.compile(r"^# (.+?)\s*$", re.M)
_UNITS = {"%": ["%", "percent", "pct"], "ms": ["ms", "millisecond", "milliseconds"], "x": ["x", "times"]}
_UNITS["min"] = ["min", "mins", "minute", "minutes"]
_MOST = {"%": 100}  # a value past it is no reading of that signal ("429" is a status code, not a rate)


def nav_titles(nav: Iterable) -> dict[str, str]:
    """{page source path: its title in the nav, as text (a title from the data is HTML there, escaped)}."""
    out: dict[str, str] = {}
    for item in nav or ():
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    out[value] = html.unescape(title)
                else:
                    out.update(nav_titles(value))
    return out


def page_titles(cat: Catalog) -> dict[str, str]:
    """{docs page: its title, the first level-1 heading of its Markdown}, as its search entry is titled."""
    out = {}
    for path in sorted(cat.project.docs.rglob("*.md")):
        m = _TITLE.search(path.read_text(encoding="utf-8"))
        if m and "{{" not in m.group(1):  # a title a macro writes is the nav's
            out[path.relative_to(cat.project.docs).as_posix()] = m.group(1)
    return out


def answer_words(cat: Catalog, find: str, titles: dict[str, str]) -> list[str]:
    """The heading words of an answer: its section's id words ("escalation-path"), else its page's title."""
    page, _, section = find.partition("#")
    levels = {lv.id.lower(): lv for lv in cat.severities.levels}
    if section in levels:  # "sev-1": SEV and its name (CRITICAL); a number alone matches every "1."
        return ["sev", *words(levels[section].name)]
    if section:  # its number is dropped ("3-response-time", "step-5-communicate")
        return [w for w in _SLUG.findall(section) if not w.isdigit()]
    if page.startswith(f"{SCENARIO_DIR}/"):
        sc = cat.scenarios.get(page.removeprefix(f"{SCENARIO_DIR}/").removesuffix(".md"))
        return words(sc.title) if sc else []
    return words(titles.get(page, ""))


def phrases(cat: Catalog) -> dict[str, list[list[str]]]:
    """{concept id: its words and phrases, each as its words in their normal spelling}, from data/search.yaml.
    A scenario's keywords and synonyms are its page's own search terms (playbook.site.pages): they are on
    the page, so they need no concept."""
    return {c.id: [normal(words(w)) for w in c.words] for c in cat.search.concepts}


def bets(cat: Catalog) -> list[tuple[list[str], str]]:
    """(concepts, answer) of each bet, in the data's order (which breaks a tie)."""
    return [(list(b.when), b.find) for b in cat.search.bets]


def runbook_of(cat: Catalog, metric: str | None) -> str | None:
    """The scenario page one of whose symptoms is that metric (`ai.*.error` covers ai.generate_note.error)."""
    for sid, sc in cat.scenarios.items():
        for symptom in sc.symptoms:
            if metric and any(fnmatch.fnmatchcase(metric, m) for m in symptom.metrics):
                return f"{SCENARIO_DIR}/{sid}.html"
    return None


def ladder(cat: Catalog, stop: Iterable[str]) -> list[dict]:
    """Each numeric signal: its words, unit (and the most a value of it can be), the levels (highest first) with
    the range each covers, and the runbook whose symptom it is (that runbook comes before the level: "ai errors
    90%" is the AI outage)."""
    out = []
    for sig in cat.severities.signals:
        if sig.unit == "bool":
            continue
        levels = []
        for lv in cat.severities.levels:
            for cond in lv.conditions:
                if cond.signal == sig.id:
                    iv = interval(cond)
                    hi = iv.high if iv.high != float("inf") else None
                    find = f"severities.md#{lv.id.lower()}"
                    levels.append([iv.low, iv.low_closed, hi, iv.high_closed, built(find)])
        if levels:
            most = {"most": _MOST[sig.unit]} if sig.unit in _MOST else {}
            out.append(
                {
                    "words": signal_words(sig, stop),
                    "unit": sig.unit,
                    "levels": levels,
                    "runbook": runbook_of(cat, sig.metric),
                    **most,
                }
            )
    return out


def _reads(cat: Catalog, named: dict) -> dict[str, list[str]]:
    """{a word of a signal: the phrases, normalised, of the concepts whose `reads` is that word}."""
    out: dict[str, list[str]] = {}
    for c in cat.search.concepts:
        if c.reads:
            out.setdefault(normal(words(c.reads))[0], []).extend(" ".join(p) for p in named[c.id])
    return out


def search_hints(cat: Catalog, nav: Iterable, stop: Iterable[str]) -> dict:
    """The JSON pb-search.js reads: stop words, abbreviations, concepts (each phrase as one string, with the
    concept's rank, answer, what row it asks for and whether its answer is a hub), bets, rows, `brought` (the
    people the escalation rule leaves to the matrix: search_rows.brought_in), places, durations, `clocks`, the
    ladder, `near` and `levels` (a level's name and word pairs: search_levels), `graded` (each runbook's severity
    level, which a level question naming its system wants), `template` (search_template.shipped), `targets` (each
    answer's heading words, added to the query so that the index finds it), `forms` (for each word the hints use,
    the other words of the data that share its stem and are forms of it, so the browser matches "escalating" to
    "escalate" as lunr's stemmer would) and `words` (the data's words one typo from a concept word, which the
    browser never takes for typos)."""
    stop = list(stop)
    titles = nav_titles(nav) | page_titles(cat)  # a page's own title is its index entry's
    targets: dict[str, list[str]] = {}

    def target(find: str, add: list[str] | None = None) -> str:
        """The built address of an answer; its heading words go to `targets` unless its anchor says them."""
        said = [w for w in (add or answer_words(cat, find, titles)) if w not in stop]
        if said != anchor_words(built(find), stop):
            targets[built(find)] = said
        return built(find)

    named = phrases(cat)
    lad = ladder(cat, stop)
    parts = template_words(cat, named, [s["words"] for s in lad])  # the post-mortem template's parts, and
    named |= {parts["concept"]: named[parts["concept"]] + parts["phrases"]} if parts else {}  # its concept's
    concepts = {}  # id: [rank, answer, asks, 1 if the answer is no answer page (a hub or a mention), each phrase]
    for c in cat.search.concepts:
        hub = int(page_kind(cat, built(c.answer)) in ("hub", "mention", "record")) if c.answer else 0
        find = target(c.answer) if c.answer else ""
        concepts[c.id] = [c.rank, find, c.asks or "", hub, *(" ".join(p) for p in named[c.id])]
    rows: list[dict] = []  # per table: [find, title, the concepts that name the row through their runbook…]
    for r in people_rows(cat):
        if not rows or rows[-1]["group"] != r["group"]:
            rows.append({"group": r["group"], "table": r["table"], "rows": []})
        # the title is shown as a search result's title, which the theme writes as HTML: escaped (its words too)
        shown = html.escape(r["title"], quote=False)
        rows[-1]["rows"].append([target(f"{r['page']}#{r['anchor']}", words(r["title"])), shown, *r["via"]])
    for level in cat.severities.levels:  # the levels the ladder and the clocks name
        target(f"severities.md#{level.id.lower()}")
    times = [[d["when"], d["minutes"], target(d["find"])] for d in durations(cat)]
    used = {w for ps in named.values() for p in ps for w in p} | {w for s in lad for w in s["words"]}
    used |= {w for r in people_rows(cat) for w in normal(words(r["title"]))}
    used |= {w for p in shipped(parts)[2:] for w in p.split()}
    vocabulary = {w for ws in map(normal, [[v] for v in data_words(cat)]) for w in ws}
    fam = families(vocabulary | used)
    found = places(cat)
    return {
        "stopwords": stop,
        # a short form in capitals is one typed so ("BE": "be" is a word): kept as written
        "abbreviations": {" ".join(a.short): a.long.lower() for a in cat.search.abbreviations}
        | initialisms(cat, vocabulary),
        "concepts": concepts,
        "bets": [[target(find), *when] for when, find in bets(cat)],
        # the bets whose answer a page that mentions signals gives (a dashboard panel): after a symptom's runbook
        "symptoms": [c.id for c in cat.search.concepts if c.says == "symptom"],
        "frames": [c.id for c in cat.search.concepts if c.says == "frame"],
        # the words that put a level named beside them in doubt: the level the rest of the query names answers
        "rechecks": [c.id for c in cat.search.concepts if c.says == "recheck"],
        # a signal's word: the phrases of the concepts that say it beside a number ("calls failing": an error)
        "reads": _reads(cat, named),
        "mentions": sorted({built(find) for _when, find in bets(cat) if page_kind(cat, built(find)) == "mention"}),
        "rows": [{k: v for k, v in t.items() if k != "group"} for t in rows],
        "brought": brought_in(cat),
        "staffed": staffed(cat),
        "places": [_compact(p, set(stop)) for p in found],
        "chats": chat_places(cat),
        "tables": table_words(cat),
        "command_rank": cat.search.command_rank,
        "durations": times,
        "clocks": clocks(cat),
        "quantities": quantities(cat),
        "ladder": lad,
        **level_words(cat, stop),
        **api_paths(cat),
        "graded": {
            built(f"{SCENARIO_DIR}/{sid}.md"): target(f"severities.md#{sc.severity.lower()}")
            for sid, sc in cat.scenarios.items()
        },
        "template": shipped(parts),
        "units": _UNITS,
        "targets": targets,
        "forms": {w: f for w in sorted(used) if (f := word_forms(w, fam[stem(w)]))},
        "words": near_words(vocabulary | stop_forms(stop), used),
    }


def anchor_words(find: str, stop: Iterable[str] = ()) -> list[str]:
    """The words of an answer's #anchor, else of its page's name, numbers left off (pb-search.js reads an
    answer's heading words there when `targets` does not give them): "step-5-communicate" is step, communicate;
    "scenarios/database-down.html" is database, down."""
    page, _, anchor = find.partition("#")
    named = anchor or page.rsplit("/", 1)[-1].removesuffix(".html")
    return [w for w in re.findall(r"[a-z]+", named) if w not in stop]


def _compact(place: dict, stop: set[str]) -> list[str]:
    """A place as the browser reads it: [answer, its tools, its dims, its times (minutes), the paths it calls, each
    label], each a string of words (paths), no stop word among them."""
    times = [f"{t:g}" for t in place.get("times", [])]
    lists = [place.get("tools", []), place.get("dims", []), times, place.get("calls", []), *place.get("labels", [])]
    return [place["find"], *(" ".join(w for w in words if w.lower() not in stop) for words in lists)]


# lunr multiplies a document's score by its boost: an answer (runbook step, contact row) over a hub (a section
# naming many things: a severity level, the matrix, the escalation rule), over a mention (dashboard row), over a
# record (a decision, which quotes the seed and the facts it settled: every page's words, none of its answers),
# over an aside (benchmarks, checker rules).
PRIOR = {"answer": 1.5, "hub": 1.0, "mention": 0.75, "record": 0.3, "aside": 0.2}


_FIRST_PARAGRAPH = re.compile(r"\s*<p>.*?</p>", re.S)


_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"\s*<pre>.*?</pre>", re.S)
_ASIDE_WORDS = 30  # of an aside that opens with a list or a table: its first words, as text


def indexed_text(kind: str | None, text: str) -> str:
    """What the index keeps of an entry's text: an aside keeps its first paragraph (a rule's summary, a
    benchmark's first line), by which it is found, or, when it opens with a list or a table, that block's first
    words as text; its long text only matched incident words at the bottom of the list, and weighed on every
    first visit. A mention keeps its prose without its code blocks: there they are worked examples' output (the
    incident CLI's sample runs), which mention levels and thresholds the pages they cite answer. Any other
    entry keeps it all."""
    if kind in ("mention", "record"):
        return _BLOCK.sub("", text).strip()
    if kind != "aside":
        return text
    m = _FIRST_PARAGRAPH.match(text)
    if m:
        return m.group(0).strip()
    said = _TAG.sub(" ", text).split()
    return " ".join(said[:_ASIDE_WORDS]) + (" …" if len(said) > _ASIDE_WORDS else "")


def page_kind(cat: Catalog, location: str) -> str | None:
    """The kind of the entry built at `location` (scenarios/x.html, oncall.html#escalation-path), from
    data/search.yaml pages: the first pattern that matches it (a #section pattern matches that section)."""
    page, _, section = location.partition("#")
    src = page.removesuffix(".html") + ".md"
    for rank in cat.search.pages:
        want, _, part = rank.page.partition("#")
        if fnmatch.fnmatchcase(src, want) and (not part or part == section):
            return rank.kind
    return None


HINTS_JS = "assets/pb-search-hints.js"
SEARCH_JS = "assets/pb-search.js"  # docs/assets/pb-search.js, the query rewriter


def hints_script(hints: dict) -> str:
    """window.pbSearchHints: the JSON of `search_hints`, as a script a page loads (and caches) once."""
    return "window.pbSearchHints=" + json.dumps(hints, separators=(",", ":")) + ";\n"
