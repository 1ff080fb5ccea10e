"""The post-mortem template's parts are search words, from the data: the phrases of the concept whose `parts:`
names the template, those another thing of the search means skipped, and every part a place a where-to-write
question names (search_template)."""

from __future__ import annotations

import yaml

from playbook.data.load import load_catalog
from playbook.site.search_hints import ladder, phrases, search_hints
from playbook.site.search_template import GO, PUT, WHERE, collides, template_parts, template_words

STOP = ["the", "what", "we", "do", "where"]


def _words(cat) -> dict:
    return template_words(cat, phrases(cat), [s["words"] for s in ladder(cat, STOP)])


def _phrases(hints: dict, concept: str) -> list[str]:
    return hints["concepts"][concept][4:]


def test_the_parts_are_the_templates_headings_fields_and_columns(catalog):
    pm = catalog.incident.postmortem
    parts = template_parts(catalog)
    assert {s.heading for s in pm.sections} <= {p for p, kind in parts.items() if kind == "heading"}
    assert parts["Revenue impact"] == "field" and parts["Due Date"] == "column"
    assert parts["What We'll Do Differently"] == "heading"
    assert parts["Owner"] == "field", "a name used twice is one part, the first kind it has"


def test_the_parts_nothing_else_means_are_phrases_of_the_concept_that_names_the_template(catalog):
    found = _words(catalog)
    assert found["concept"] == "writeup" and found["find"] == "postmortem.md"
    kept = [" ".join(p) for p in found["phrases"]]
    assert {"revenue impact", "lesson learned", "what we will do differently"} <= set(kept)
    hints = search_hints(catalog, [], STOP)
    assert set(kept) <= set(_phrases(hints, "writeup"))


def test_a_part_another_thing_means_is_skipped(catalog):
    skipped = _words(catalog)["skipped"]
    assert skipped["Users affected"] == "a signal's words"  # a reading of a level
    assert skipped["Error rate"] == "a signal's words"
    assert skipped["Requests failed"] == "a signal's words"
    assert skipped["Rollback strategy"] == "rollback's 'rollback'"  # a word of another concept inside it
    assert skipped["Data lost"] == "corruption's 'lost data'"  # another concept's phrase, in another order
    assert skipped["Incident channel"] == "declare lists it"
    assert skipped["Owner"] == skipped["Severity"] == skipped["Date"] == "one word"
    assert skipped["Code changes"] == "the data writes it outside the template"  # the procedures say it
    assert skipped["Root Cause"] == "postmortem lists it", "a phrase the template's own concepts list is theirs"
    hints = search_hints(catalog, [], STOP)
    assert not {"user affected", "rollback strategy", "data lost", "owner"} & set(_phrases(hints, "writeup"))


def test_collides_reads_concepts_and_signals():
    named = {"rollback": [["rollback"]], "corruption": [["lost", "data"]], "writeup": [["timeline"]]}
    assert collides(["rollback", "plan"], named, ["writeup"], []) == "rollback's 'rollback'"
    assert collides(["data", "lost"], named, ["writeup"], []) == "corruption's 'lost data'"
    assert collides(["user", "affected"], named, ["writeup"], [["affected", "share", "user"]]) == "a signal's words"
    assert collides(["timeline", "table"], {"writeup": [["timeline", "table"]]}, ["writeup"], []) == "writeup lists it"
    assert collides(["timeline"], named, ["writeup"], []) == "one word"
    assert collides(["revenue", "impact"], named, ["writeup"], []) is None


def _rename(data, old: str, new: str) -> None:
    path = data / "incident.yaml"
    text = path.read_text(encoding="utf-8")
    assert f"name: {old}," in text
    path.write_text(text.replace(f"name: {old},", f"name: {new},"), encoding="utf-8")


def test_a_renamed_field_changes_the_phrase(data_copy):
    _rename(data_copy, "Revenue impact", "Financial loss")
    cat = load_catalog(data_copy)
    kept = [" ".join(p) for p in _words(cat)["phrases"]]
    assert "financial loss" in kept and "revenue impact" not in kept
    hints = search_hints(cat, [], STOP)
    assert "financial loss" in _phrases(hints, "writeup")
    assert "financial loss" in hints["template"][4:]


def test_a_field_renamed_into_another_concepts_words_is_skipped(data_copy):
    _rename(data_copy, "Revenue impact", "Rollback cost")
    cat = load_catalog(data_copy)
    assert _words(cat)["skipped"]["Rollback cost"] == "rollback's 'rollback'"
    hints = search_hints(cat, [], STOP)
    assert "rollback cost" not in _phrases(hints, "writeup")
    assert "rollback cost" in hints["template"][4:], "still a place a where-to-write question names"


def test_no_concept_naming_the_template_ships_no_template_words(data_copy):
    path = data_copy / "search.yaml"
    tree = yaml.safe_load(path.read_text(encoding="utf-8"))
    for c in tree["concepts"]:
        c.pop("parts", None)
    path.write_text(yaml.safe_dump(tree, sort_keys=False), encoding="utf-8")
    cat = load_catalog(data_copy)
    assert _words(cat) == {}
    assert search_hints(cat, [], STOP)["template"] == []


def test_the_places_are_every_part_bar_one_word_labels(catalog):
    hints = search_hints(catalog, [], STOP)
    find, where, put, go, *places = hints["template"]
    assert find == "postmortem.html"
    assert {"data lost", "user affected", "due date", "summary", "impact"} <= set(places)
    assert not {"owner", "status", "date", "action"} & set(places), "a one-word field or column is a label"
    assert where.split("|")[0] == "where" and len(where.split("|")) == len(WHERE)
    assert "note" in put.split() and len(put.split()) == len(PUT)
    assert "goe" in go.split() and len(go.split()) == len(GO), "shipped in the normal spelling the browser reads"
