"""TXT001: markup typed into the data's text is an error at its line; text meant literally passes in a code span,
and text that only looks like markup (an `&` that is no reference, a lone `<` or `>`) passes anywhere."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from conftest import edit
from playbook.checks.markup import markup, mojibake, unclosed_code
from playbook.data.load import load_catalog
from playbook.site.checking import check

# What issue 24 names as refused wrongly before, and what editors type that only looks like markup.
FALSE_POSITIVES = ["Q&A sessions", "Q&As", "R&D", "AT&T", "a < b", "x > 5", "5 <= x", "& more", "a&b", "fish & chips;",
                   "p95 <2 s and > 1 s", "a <-> b", "<= 3 and >= 1"]  # fmt: skip
MARKUP = ["<password>", "<b>", "</strong>", "<img src=x onerror=alert(2)>", "<!-- note -->", "&mdash;", "&#60;",
          "&#x3C;", "{: #restore-db }", "{ .big }", "{.tag-danger}", "<@U024BE7LH>", "<!here>",
          "<#C0123|incidents>", "<https://status.example.org/x>", "<ops-desk@example.org>", "<mailto:a@example.org>",
          "<NoteForm>", "<$TOKEN>", "<…>", "<user id>"]  # fmt: skip
# no ";" (so no `&` makes a reference) and no ">" (so no `<` makes a tag), `&` and `<` themselves included
_words = st.text(st.sampled_from("abcxyz 019,.:-'&<"), max_size=12)
# plain text: words, and the false positives between them; those holding ">" stay out, since a word's "<" before
# them makes a tag ("<a x > 5" is one, and is found), and are each tested alone below
_plain = st.lists(st.one_of(_words, st.sampled_from([f for f in FALSE_POSITIVES if ">" not in f])), max_size=6).map(
    " ".join
)
# code spans holding anything but a backtick or a line break (markup and braces included)
_span = st.one_of(st.sampled_from(MARKUP), st.text(st.characters(exclude_characters="`\n"), min_size=1)).map(
    lambda s: f"`{s}`" if s.strip() else "`x`"
)


@given(st.lists(st.one_of(_plain, _span), max_size=6).map(" ".join))
def test_text_and_code_spans_pass(text):
    assert markup(text) == ""


def test_each_false_positive_passes_alone():
    assert [f for f in FALSE_POSITIVES if markup(f)] == []


def test_a_lone_lt_before_a_gt_is_a_tag():
    """What the property above found: "<a" typed before "x > 5" is markup a browser reads as an element."""
    assert markup("<a x > 5")


@given(_plain, st.sampled_from(MARKUP), _plain)
def test_markup_outside_code_is_found(before, found, after):
    assert markup(f"{before} {found} {after}")


def test_txt001_is_an_error_at_the_edited_line_and_a_code_span_passes(data_copy, catalog):
    """A tag typed into a step title fails the check at its line; the same text in a code span passes."""
    assert check(catalog, ["TXT001"]) == []
    path = data_copy / "scenarios" / "database-down.yaml"
    edit(path, "- title: Check disk space\n", "- title: Check the <password> file\n")
    (found,) = check(load_catalog(data_copy), ["TXT001"])
    lines = path.read_text(encoding="utf-8").splitlines()
    assert (found.level, found.file, found.line) == ("error", "data/scenarios/database-down.yaml", 1 + next(
        n for n, line in enumerate(lines) if "<password>" in line
    ))  # fmt: skip
    assert "code span" in found.hint
    edit(path, "- title: Check the <password> file\n", "- title: Check the `<password>` file\n")
    assert check(load_catalog(data_copy), ["TXT001"]) == []


# TXT002: text garbled by a wrong encoding. Expected words written by hand, not computed by the code under test.
GARBLED = [("Partial outage â€” users", ("â€”", "—")), ("rÃ©sumÃ© of the incident", ("rÃ©sumÃ©", "résumé"))]
CLEAN = ["Dr Amal – Clinical OS", "café", "naïve résumé", "→ then", "“quoted”", "5 µs", "×2", "plain ASCII"]


def test_garbled_words_are_named_with_what_they_were():
    assert [mojibake(text) for text, _ in GARBLED] == [want for _, want in GARBLED]
    assert [t for t in CLEAN if mojibake(t)] == []


@given(st.text(st.characters(min_codepoint=0xA0, max_codepoint=0x17F), min_size=1, max_size=8))
def test_any_latin_word_read_through_windows_1252_is_found(word):
    try:
        garbled = word.encode("utf-8").decode("cp1252")
    except UnicodeDecodeError:  # a byte Windows-1252 leaves undefined: no editor shows such a file
        return
    found = mojibake(f"before {garbled} after")
    assert found is not None and found[1].strip() == word.strip(), (word, garbled, found)


@given(st.lists(st.one_of(_plain, _span), max_size=6).map(" ".join))
def test_closed_code_spans_pass_txt004(text):
    assert unclosed_code(text) == -1


@given(st.lists(st.one_of(_plain, _span), max_size=4).map(" ".join), st.sampled_from(["`", "``"]), _plain)
def test_a_code_span_never_closed_is_found_at_its_backtick_txt004(before, tick, after):
    text = f"{before} {tick}{after.replace('`', '')}"
    assert unclosed_code(text) == len(before) + 1


def test_an_escaped_backtick_and_a_longer_fence_pass_txt004():
    assert [unclosed_code(t) for t in ["a \\` b", "``a ` b``", "`a` and `b`"]] == [-1, -1, -1]
