"""Search words: lunr's stop words (for the query) and word forms from the data (for each indexed section).

Material's search appends a trailing wildcard to every query word and matches word prefixes. Two
things follow. A stop word, which the index never holds, still matches every word it begins ("in*"
finds "information", "to*" finds "tools"): playbook.js drops the stop words from the query, with
the very list the index drops (`stop_words` of the MkDocs adapter, read from the theme's bundled lunr). And a reader who
types "escalate" never reaches a section titled "Escalation": `with_word_forms` adds to each section
the other forms of its heading and search-term words that the data itself uses, in a hidden line.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from functools import cache

from playbook.data.catalog import Catalog

# Suffixes stripped to group a word with its other forms, longest first; one is stripped at most.
_SUFFIXES = ("ations", "ation", "ating", "ated", "ates", "ate", "ions", "ion", "ings", "ing")
_SUFFIXES += ("ures", "ure", "ed", "es", "s", "e")
_MIN_STEM = 3
_WORD = re.compile(r"[A-Za-z]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_TERMS = re.compile(r'<p class="pb-keywords" hidden>Search terms: (.*?)</p>')
_ATTRS = re.compile(r"\{[^}]*\}\s*$")
FORMS_CLASS = "pb-forms"


@cache
def stem(word: str) -> str:
    """A crude stem: the word without one common suffix, so "escalation", "escalated" and "escalate"
    share one; a stem never gets shorter than three letters ("notes" and "note" share "not")."""
    w = word.lower()
    if w.endswith(("ies", "ied")) and len(w) > 4:  # "queries", "retried" -> "query", "retry"
        return w[:-3] + "y"
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= _MIN_STEM:
            s = w[: -len(suffix)]
            if len(s) > _MIN_STEM and s[-1] == s[-2] and s[-1] not in "aeiousl":
                s = s[:-1]  # "stopped" -> "stop"
            return s
    return w


def words(text: str, stop: Iterable[str] = ()) -> list[str]:
    """The lower-case words of `text` as the search splits them (also at camelCase), bar stop words and
    one- or two-letter words."""
    stop = stop if isinstance(stop, set | frozenset) else set(stop)
    out = []
    for token in _WORD.findall(text):
        simple = token.islower() or token.isupper() or token[1:].islower()  # no camelCase boundary inside
        for w in (token,) if simple else _CAMEL.split(token):
            w = w.lower()
            if len(w) >= _MIN_STEM and w not in stop:
                out.append(w)
    return out


def _strings(value) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


class WordForms:
    """The data's words grouped by stem: the forms a reader may type for a word of a heading."""

    def __init__(self, vocabulary: Iterable[str], stop: Iterable[str] = ()):
        self.stop = frozenset(stop)
        self.families: dict[str, set[str]] = {}
        for w in vocabulary:
            if w not in self.stop:
                self.families.setdefault(stem(w), set()).add(w)

    def __repr__(self) -> str:  # short: mkdocs-macros logs its variables
        return f"<WordForms: {len(self.families)} stems>"

    @classmethod
    def of_catalog(cls, cat: Catalog, stop: Iterable[str] = ()) -> WordForms:
        """The forms of every word in every string of the data (models as loaded and expanded)."""
        parts = [getattr(cat, name) for name in cat.__dataclass_fields__ if hasattr(getattr(cat, name), "model_dump")]
        parts += [*cat.procedures.values(), *cat.scenarios.values()]
        texts = [text for part in parts for text in _strings(part.model_dump(mode="json"))]
        tokens = set(_WORD.findall("\n".join(texts)))  # each distinct token once
        return cls(set(words(" ".join(sorted(tokens)))), stop)

    def forms(self, present: Iterable[str]) -> list[str]:
        """Other forms of the `present` words that a prefix search for them would not reach: the data's
        "escalate" for a heading's "escalation" ("escalate*" misses it), not "error" for "errors"."""
        present = set(present)
        out = set()
        for w in present:
            for v in self.families.get(stem(w), ()):
                if v not in present and not w.startswith(v):
                    out.add(v)
        return sorted(out)


def forms_line(forms: list[str]) -> str:
    """A hidden paragraph the search indexes with its section; nobody sees it, print included."""
    return f'<p class="{FORMS_CLASS}" hidden>{html.escape(" ".join(forms))}</p>'


def with_word_forms(markdown: str, wf: WordForms) -> str:
    """`markdown` with a hidden word-forms line at the end of each section (before the next heading).

    Sections split at headings outside fenced code, as the search splits them; the page's own section
    runs from the top to its first subheading. A section is about its heading's words and those of its
    search-terms lines; one whose words have no other forms in the data is left as it is.
    """
    out: list[str] = []
    about: list[str] = []
    fence = ""

    def close() -> None:
        forms = wf.forms(about)
        if forms:
            while out and not out[-1].strip():
                out.pop()
            out.extend(["", forms_line(forms), ""])

    for line in markdown.split("\n"):
        m = _FENCE.match(line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line[m.end() :].strip():
                fence = ""
        elif m:
            fence = m.group(1)
        elif h := _HEADING.match(line):
            if len(h.group(1)) > 1 and out:
                close()
                about = []
            about += words(_ATTRS.sub("", h.group(2)), wf.stop)
        else:
            for terms in _TERMS.findall(line):
                about += words(html.unescape(terms), wf.stop)
        out.append(line)
    close()
    return "\n".join(out)
