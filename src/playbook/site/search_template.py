"""The post-mortem template's parts as search words, from the data (data/incident.yaml `postmortem:`).

A post-incident question names a part of the write-up by the template's own words: "where do I note data lost",
"what we'll do differently next time", "revenue impact". The template's section and subsection headings, its
field names and its tables' columns are those parts. Each becomes a phrase of the concept whose answer is the
template's page, unless another thing of the search already means it (`collides`): a concept lists it or a
word or phrase inside it ("Rollback strategy" is the rollback's, "Owner" the matrix's), or lists its words in
another order ("Data lost" is corruption's "lost data"), a signal of the ladder is made of its words ("Users
affected", "Error rate" are readings of a level), it is one word (a field or a column named by one word is read
in its table: "Date", "Status", "Time"), or the data writes it outside the template (a phrase the other pages
use is no sign of the template). Every part, kept or not, bar a one-word field or column, is shipped as a place
of the template: a question for where to write it ("where do I note data lost") wants the template (pb-search.js).
"""

from __future__ import annotations

from collections.abc import Iterable

from playbook.data.catalog import Catalog
from playbook.data.spelling import normal, words
from playbook.data.stems import stem
from playbook.site.search_rows import built
from playbook.site.search_words import _strings

# The words that ask where in a document something goes. English, not data: a reader's question about a place
# to write ("where do I note", "where does it go", "which section"), which no list of the playbook holds; kept
# short on purpose (a "where do I see" question is the dashboard's, so no verb of looking is here).
WHERE = ["where", "which section", "what section", "which field", "what field", "which heading", "which part"]
PUT = ["write", "note", "put", "record", "add", "fill", "enter", "document", "list", "track", "mention", "link"]
PUT += ["paste", "include"]
# said of the thing written, after it: "where does data lost go", not "where do I go to see the error rate"
GO = ["go", "goes", "belong"]


def template_parts(cat: Catalog) -> dict[str, str]:
    """The template's parts as the data names them, each once, in the template's order: {name: "heading" (a
    section's or subsection's), "field" (a field's name) or "column" (a table's)}."""
    pm = cat.incident.postmortem
    out = {f.name: "field" for f in pm.fields}
    for sec in pm.sections:
        out.setdefault(sec.heading, "heading")
        out |= {sub.heading: "heading" for sub in sec.subsections if sub.heading not in out}
        out |= {f.name: "field" for f in sec.fields if f.name not in out}
        out |= {c: "column" for c in (sec.table.columns if sec.table else []) if c not in out}
    return out


def _inside(part: list[str], phrase: list[str]) -> bool:
    n = len(phrase)
    return any(part[k : k + n] == phrase for k in range(len(part) - n + 1))


def elsewhere(cat: Catalog) -> list[str]:
    """The data's words outside the post-mortem template, in their normal spelling and order (one list: a
    phrase found in it is written somewhere else)."""
    parts = [getattr(cat, n) for n in cat.__dataclass_fields__ if hasattr(getattr(cat, n), "model_dump")]
    parts += [*cat.procedures.values(), *cat.scenarios.values()]
    dumped = [p.model_dump(mode="json") for p in parts]
    for d in dumped:  # the incident file less its template
        if isinstance(d, dict) and isinstance(d.get("postmortem"), dict):
            d["postmortem"] = {k: v for k, v in d["postmortem"].items() if k not in ("fields", "sections", "title")}
    return normal(words(" ".join(_strings(d) for d in dumped)))


def collides(
    part: list[str], phrases: dict[str, list[list[str]]], own: Iterable[str], signals: Iterable[Iterable[str]]
) -> str | None:
    """Why a part (its normal words) is no phrase of the template: another thing the search reads means it
    (`phrases`: each concept's, `own`: the concepts whose answer is the template; `signals`: each ladder signal's
    words); None when nothing does."""
    own = set(own)
    if len(part) < 2:
        return "one word"
    key = sorted(stem(w) for w in part)
    for cid, ps in phrases.items():
        for p in ps:
            if p == part:
                return f"{cid} lists it"
            if cid not in own and (_inside(part, p) or sorted(stem(w) for w in p) == key):
                return f"{cid}'s {' '.join(p)!r}"
    for sig in signals:  # a count of what a signal measures (requests, users, errors) is a symptom's words too
        if {stem(w) for w in part} & {stem(w) for w in sig}:
            return "a signal's words"
    return None


def template_words(cat: Catalog, phrases: dict[str, list[list[str]]], signals: Iterable[Iterable[str]]) -> dict:
    """The template's parts for the concept whose `parts:` names it: `concept` (its id), `find` (its answer),
    `phrases` (the parts kept as its phrases, normal words), `skipped` ({part as the data names it: why}) and
    `places` (every part's normal words, kept or not); empty when no concept names the template."""
    concept = next((c for c in cat.search.concepts if c.parts == "postmortem"), None)
    if concept is None or not concept.answer:
        return {}
    own = [c.id for c in cat.search.concepts if c.answer == concept.answer]
    text = f" {' '.join(elsewhere(cat))} "
    kept, skipped, places = [], {}, []
    for name, kind in template_parts(cat).items():
        part = normal(words(name))
        if len(part) > 1 or kind == "heading":  # a one-word field or column is a label read in its table
            places.append(part)
        why = collides(part, phrases, own, signals)
        if not why and f" {' '.join(part)} " in text:
            why = "the data writes it outside the template"
        if why:
            skipped[name] = why
        else:
            kept.append(part)
    return {"concept": concept.id, "find": concept.answer, "phrases": kept, "skipped": skipped, "places": places}


def shipped(parts: dict) -> list:
    """What pb-search.js reads of the template's parts: [its answer, the words that ask where, those that say
    writing, those that say a thing goes (after it), each part], each a string of words; [] without a template."""
    if not parts:
        return []
    where = [" ".join(normal(words(w))) for w in WHERE]
    put, go = (" ".join(normal(words(" ".join(ws)))) for ws in (PUT, GO))
    return [built(parts["find"]), "|".join(where), put, go, *(" ".join(p) for p in parts["places"])]
