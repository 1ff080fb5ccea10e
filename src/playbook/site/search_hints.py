"""What the browser's search needs beside the index, built from the data: concepts, best bets, the ladder.

pb-search.js reads it (assets/pb-search-hints.js) and rewrites a typed query before the theme's worker
searches the index: the concepts the typed words name (data/catalog.yaml search.concepts) meet best bets
(search.bets), whose answers come first and add their heading words to the query; a number next to a
signal ("error rate 30 percent", "queries over 800ms") names the severity level that number falls in,
as the ladder (data/severities.yaml, playbook.data.ladder) defines it.
"""

from __future__ import annotations

import fnmatch
import json
import re
from collections.abc import Iterable

from playbook.data.addresses import SCENARIO_DIR
from playbook.data.catalog import Catalog
from playbook.data.durations import seconds
from playbook.data.ladder import interval
from playbook.site.search_words import families, stem, words

_SLUG = re.compile(r"[a-z]+|\d+")
_UNITS = {"%": ["%", "percent", "pct"], "ms": ["ms", "millisecond", "milliseconds"], "x": ["x", "times"]}
_UNITS["min"] = ["min", "mins", "minute", "minutes"]


def nav_titles(nav: Iterable) -> dict[str, str]:
    """{page source path: its title in the nav}."""
    out: dict[str, str] = {}
    for item in nav or ():
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    out[value] = title
                else:
                    out.update(nav_titles(value))
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


def concepts(cat: Catalog) -> dict[str, list[list[str]]]:
    """{concept id: its words and phrases, each as its list of words}, from data/catalog.yaml search.concepts.
    A scenario's keywords and synonyms are its page's own search terms (playbook.site.pages): they are on
    the page, so they need no concept."""
    return {c.id: [words(w) for w in c.words] for c in cat.data.search.concepts}


def abbreviations(cat: Catalog) -> dict[str, list[str]]:
    """{short form: the words of its long form}, from data/catalog.yaml search.abbreviations."""
    return {s.lower(): words(a.long) for a in cat.data.search.abbreviations for s in a.short}


def bets(cat: Catalog) -> list[tuple[list[str], str]]:
    """(concepts, answer) of each best bet, in the data's order (which breaks a tie)."""
    return [(list(b.when), b.find) for b in cat.data.search.bets]


def built(find: str) -> str:
    """Where an answer named by its source (page.md or page.md#section) is on the built site."""
    page, _, section = find.partition("#")
    return page.removesuffix(".md") + ".html" + (f"#{section}" if section else "")


def durations(cat: Catalog) -> list[dict]:
    """Each time the data gives a concept that says `times`: the concept, the minutes, the answer (built)
    and its heading words."""
    times = []  # (concept, duration, answer's source)
    for c in cat.data.search.concepts:
        if c.times == "escalation":  # a rule that starts at once (0m) or after the SLA has no time of its own
            rules = [e.after for e in cat.oncall.escalation if e.after != "ack-sla" and seconds(e.after)]
            times += [(c.id, after, "oncall.md#escalation-path") for after in rules]
        elif c.times:
            levels = [lv for lv in cat.severities.levels if getattr(lv, c.times)]
            times += [(c.id, getattr(lv, c.times), f"severities.md#{lv.id.lower()}") for lv in levels]
    return [
        {"when": cid, "minutes": seconds(d) / 60, "find": built(find), "add": answer_words(cat, find, {})}
        for cid, d, find in times
    ]


def runbook_of(cat: Catalog, metric: str | None) -> str | None:
    """The scenario page one of whose symptoms is that metric (`ai.*.error` covers ai.generate_note.error)."""
    for sid, sc in cat.scenarios.items():
        for symptom in sc.symptoms:
            if metric and any(fnmatch.fnmatchcase(metric, m) for m in symptom.metrics):
                return f"{SCENARIO_DIR}/{sid}.html"
    return None


def ladder(cat: Catalog, stop: Iterable[str]) -> list[dict]:
    """Each numeric signal: its words, unit, the levels (highest first) with the range each covers, and the
    runbook whose symptom it is (that runbook comes before the level: "ai errors 90%" is the AI outage)."""
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
                    levels.append([iv.low, iv.low_closed, hi, iv.high_closed, answer_words(cat, find, {}), built(find)])
        if levels:
            said = words(sig.name.replace("p95", "p95 latency"), stop) + words(
                (sig.metric or "").replace(".", " "), stop
            )
            out.append(
                {
                    "words": sorted(set(said)),
                    "units": _UNITS[sig.unit],
                    "levels": levels,
                    "runbook": runbook_of(cat, sig.metric),
                }
            )
    return out


def search_hints(cat: Catalog, nav: Iterable, stop: Iterable[str]) -> dict:
    """The JSON pb-search.js reads: stop words, abbreviations, concepts (each phrase as one string), best
    bets and durations (with the heading words of their answer and its built address), the ladder, `forms`
    (for each word the hints use, the other words of the data that share its stem and are forms of it, so
    the browser matches "passwords" to "password" as lunr's stemmer would) and `words` (the data's words
    one typo from a concept word, which the browser never takes for typos)."""
    stop = list(stop)
    titles = nav_titles(nav)
    found = []
    for when, find in bets(cat):
        target = [w for w in answer_words(cat, find, titles) if w not in stop]
        found.append({"when": when, "add": target, "find": built(find)})
    named = concepts(cat)
    lad = ladder(cat, stop)
    used = {w for phrases in named.values() for p in phrases for w in p} | {w for s in lad for w in s["words"]}
    vocabulary = _data_words(cat)
    fam = families(vocabulary | used)
    forms = {w: f for w in sorted(used) if (f := word_forms(w, fam[stem(w)]))}
    return {
        "stopwords": stop,
        "abbreviations": abbreviations(cat),
        "concepts": {c: [" ".join(p) for p in phrases] for c, phrases in named.items()},  # split in the browser
        "bets": found,
        "durations": durations(cat),
        "ladder": lad,
        "forms": forms,
        "words": near_words(vocabulary, used),
    }


def word_forms(word: str, family: set[str]) -> list[str]:
    """The other words of `word`'s stem family that are forms of it: they share all but its last letter
    ("severities" for "severity"), which keeps out what Porter's stemmer merely conflates ("several").
    Words under 4 letters have none ("on" is not "one")."""
    if len(word) < 4:
        return []
    return sorted(f for f in family - {word} if f.startswith(word[:-1]) or word.startswith(f[:-1]))


def one_typo(a: str, b: str) -> bool:
    """One letter added, dropped or changed, or two side by side swapped (pb-search.js's oneTypo)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :] or (a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :])
    return a[i + 1 :] == b[i:] if len(a) > len(b) else a[i:] == b[i + 1 :]


def near_words(vocabulary: set[str], used: set[str], least: int = 5) -> list[str]:
    """The words of the data one typo away from a concept word ("wording" for "working"): typed, they are
    meant as themselves, so the browser takes them for no typo."""
    long = [w for w in used if len(w) >= least and w.isalpha()]
    return sorted(
        v
        for v in vocabulary
        if len(v) >= least and v not in used and any(one_typo(v, w) and stem(v) != stem(w) for w in long)
    )


def _data_words(cat: Catalog) -> set[str]:
    parts = [getattr(cat, n) for n in cat.__dataclass_fields__ if hasattr(getattr(cat, n), "model_dump")]
    parts += [*cat.procedures.values(), *cat.scenarios.values()]
    text = " ".join(_strings(p.model_dump(mode="json")) for p in parts)
    return {w for w in words(text) if w.isalpha() and len(w) >= 3}


def _strings(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return " ".join(_strings(v) for v in value.values())
    if isinstance(value, list | tuple):
        return " ".join(_strings(v) for v in value)
    return ""


# lunr multiplies a document's score by its boost: an answer (runbook step, severity level, escalation
# rule, contact row) over a mention (dashboard row, decision), over an aside (benchmarks, checker rules).
PRIOR = {"answer": 1.5, "mention": 0.75, "aside": 0.2}


def page_kind(cat: Catalog, built: str) -> str | None:
    """The kind of the page built at `built` (e.g. scenarios/x.html), from data/catalog.yaml search.pages."""
    src = built.removesuffix(".html") + ".md"
    for rank in cat.data.search.pages:
        if fnmatch.fnmatchcase(src, rank.page):
            return rank.kind
    return None


HINTS_JS = "assets/pb-search-hints.js"
SEARCH_JS = "assets/pb-search.js"  # docs/assets/pb-search.js, the query rewriter


def hints_script(hints: dict) -> str:
    """window.pbSearchHints: the JSON of `search_hints`, as a script a page loads (and caches) once."""
    return "window.pbSearchHints=" + json.dumps(hints, separators=(",", ":")) + ";\n"
