"""Checker rule SEC016: a role's Slack handle and mailbox name the role (or its declared person), so does a handle or
a mailbox written in the data's text, and no word of the search vocabulary is a person's name."""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.named_people import _dictionary, _english
from playbook.data import files as F
from playbook.data.markup import data_strings, free_strings
from playbook.data.model import TBD
from playbook.data.model_contacts import ROTATING

# Faker's person provider: every locale's tables of given and family names (first_names, last_names_female,
# first_romanized_names, ja_JP's first_name_pairs…), read for the names written in Latin letters, as a handle or a
# search word is typed: a table in another script adds none, a romanized one (ja_JP, zh_CN) its Latin column.
# (Faker: well kept, MIT; the large name datasets on PyPI load for seconds.)
_TABLE = re.compile(rb"\n    (first|last)_\w*\s*(?::[^=\n]*)?=")
_NEXT = re.compile(rb"\n    (?=[A-Za-z_@])")  # the class's next attribute, method or decorator
_LITERAL = re.compile(rb'"([A-Za-z][A-Za-z\'-]+)"')  # Faker's sources are black's: its strings in double quotes


@functools.cache
def given_names() -> frozenset[str]:
    """Faker's given names, in small letters."""
    return _faker_tables()[0]


@functools.cache
def surnames() -> frozenset[str]:
    """Faker's family names, in small letters."""
    return _faker_tables()[1]


@functools.cache
def _faker_tables() -> tuple[frozenset[str], frozenset[str]]:
    """The Latin words of Faker's first-name and last-name tables in all its locales. Its tables are plain literals
    in its sources, read as bytes (a string in another script matches no Latin literal): importing Faker (its
    factory, its locale registry) takes 0.1 s and more, reading them 35 ms."""
    spec = importlib.util.find_spec("faker")
    if spec is None or spec.origin is None:
        return frozenset(), frozenset()
    first: set[bytes] = set()
    last: set[bytes] = set()
    for source in (Path(spec.origin).parent / "providers" / "person").glob("*/__init__.py"):
        text = source.read_bytes()
        for m in _TABLE.finditer(text):
            end = _NEXT.search(text, m.end())
            found = _LITERAL.findall(text, m.end(), end.start() if end else len(text))
            (first if m.group(1) == b"first" else last).update(found)
    return _lowered(first), _lowered(last)


def _lowered(words: set[bytes]) -> frozenset[str]:
    return frozenset(b"\n".join(words).decode().lower().split("\n"))  # one decode: 8 ms less than one per word


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def _used_outside(cat, file: str) -> set[str]:
    """The words the data's strings use outside `file`."""

    def make() -> dict[str, frozenset[str]]:  # word -> the files that use it, in one pass over the data's strings
        where: dict[str, set[str]] = {}
        for f, _, text in data_strings(cat):
            for w in set(_words(text)):
                where.setdefault(w, set()).add(f)
        return {w: frozenset(files) for w, files in where.items()}

    where = cat.memoized(("handles", "words by file"), make)
    return {w for w, files in where.items() if files - {file}}


def _person(word: str, english: frozenset[str]) -> bool:
    """`word` (small letters) of a handle is a person's: a given name, a family name, or an initial and a family name
    (npetrova), and no word of the language."""
    if len(word) <= 2 or _english(word, english):
        return False
    return word in given_names() or word in surnames() or (len(word) > 4 and word[1:] in surnames())


def role_handles(cat) -> list[tuple[tuple, str, str]]:
    """(path, handle, the name) of each role's Slack handle or mailbox that holds a person's given or family name
    which is none of the role's own words (its id, its name, its person's name) nor a word the rest of the data
    uses."""
    dictionary = _dictionary()
    if dictionary is None:
        return []
    outside = _used_outside(cat, cat.file(F.CONTACTS))
    fields = []
    for i, r in enumerate(cat.contacts.roles):
        own = {*_words(r.id), *_words(r.name), *(_words(r.person) if r.person not in (TBD, ROTATING) else [])}
        fields += [(("roles", i, "slack"), r.slack, own), (("roles", i, "email"), r.email.split("@")[0], own)]
    out = []
    for path, value, own in fields:
        if value == TBD:
            continue
        for w in _words(value):
            if w not in own and w not in outside and _person(w, dictionary[0]):
                out.append((path, value, w))
                break
    return out


def search_terms(search) -> list[tuple[tuple, str]]:
    """(path, term) of every word the search vocabulary writes: short forms and their long forms, concepts' ids and
    words, the concepts a bet names."""
    out = []
    for i, a in enumerate(search.abbreviations):  # a short form written with its long form's letters is that word's
        out += [(("abbreviations", i, "short", j), w) for j, w in enumerate(a.short) if not _shortened(w, a.long)]
        out.append((("abbreviations", i, "long"), a.long))
    for i, c in enumerate(search.concepts):
        out.append((("concepts", i, "id"), c.id))
        out += [(("concepts", i, "words", j), w) for j, w in enumerate(c.words)]
    out += [(("bets", i, "when", j), w) for i, b in enumerate(search.bets) for j, w in enumerate(b.when)]
    return out


def _shortened(short: str, long: str) -> bool:
    """`short` is `long` with letters left out (chan, chnl, rlbk for rollback): its first letter, then the rest of its
    letters in order."""
    short, long = short.lower(), long.lower()
    rest = iter(long[1:])
    return short[:1] == long[:1] and all(c in rest for c in short[1:])


def search_names(cat) -> list[tuple[tuple, str, str]]:
    """(path, term, the name) of each term of the search vocabulary holding a person's given or family name, or an
    initial and a family name, that no other file of the data uses."""
    dictionary = _dictionary()
    if dictionary is None:
        return []
    outside = _used_outside(cat, cat.file(F.SEARCH))
    out = []
    for path, term in search_terms(cat.search):
        for w in _words(term):
            if w not in outside and _person(w, dictionary[0]):
                out.append((path, term, w))
                break
    return out


# A Slack handle (@nadia.petrova) or a mailbox's local part (nadia.petrova@…) written in the data's text.
_MENTION = re.compile(
    r"(?<![\w.@/])@(?P<handle>[A-Za-z][\w.-]*[A-Za-z0-9])|(?P<local>[\w.+-]+)@[A-Za-z0-9-]+\.[A-Za-z]"
)


def text_handles(cat) -> list[tuple[str, tuple, str, str]]:
    """(file, path, handle, the name) of each handle or mailbox written in the data's text (a step, a trigger, a
    template, code) that holds a person's given or family name which no contact declares as its person's."""
    dictionary = _dictionary()
    if dictionary is None:
        return []
    people = {w for r in cat.contacts.roles if r.person not in (TBD, ROTATING) for w in _words(r.person)}
    out = []
    contacts = cat.file(F.CONTACTS)
    for file, path, text in free_strings(cat):
        if "@" not in text or file == contacts:  # a contact's own handles are read as the role's, above
            continue
        for m in _MENTION.finditer(text):
            handle = m.group("handle") or m.group("local")
            name = next((w for w in _words(handle) if w not in people and _person(w, dictionary[0])), None)
            if name:
                out.append((file, path, m.group(0), name))
                break
    return out


@rule(
    "SEC016",
    "error",
    "a role's Slack handle and mailbox, and any handle or mailbox in the text, name a role; no search word is a "
    "person's name",
    "A role is reached through handles that outlive whoever holds it (@security-lead, security@): a person's own "
    "handle (@nadia.petrova) on a role whose person is TBD or Rotating names someone the data does not declare, on "
    "the Contacts page and in `playbook who`, and keeps paging them after they leave the role; one written in a "
    "step or a template (ask @nadia.petrova, mail nadia.petrova@…) is published on the site likewise. A name typed "
    "into the search vocabulary (a short form 'priya' for the engineering manager, a surname among the CTO's "
    "words) publishes the same person in the site's search and sends readers to whoever held the role once. Names "
    "are the Latin ones of Faker's tables of given and family names, of all its locales (romanized Japanese and "
    "Chinese ones too), and an initial before a family name (npetrova); a word of the language (mark, rose, grace) "
    "is not read as one, nor a short form written with its long form's letters (chan for channel).",
    "write the role's own handle or mailbox (@security-lead, security@…); a person is named only in the role's "
    "person field, and the search finds the role by its name",
)
def handles_name_roles(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for path, value, word in role_handles(cat):  # the log shows a name's first letter only (personal data)
        role = cat.contacts.roles[path[1]].id
        message = f"{role}'s {path[-1]} holds a person's name ({word[:1]}…), not the role's"
        yield report(F.CONTACTS, path, message, needle=value)
    for file, path, handle, word in text_handles(cat):
        message = f"a handle or mailbox in the data's text holds a person's name ({word[:1]}…), not a role's"
        yield report(file, path, message, needle=handle)
    for path, term, word in search_names(cat):
        message = f"a search word is a person's name ({word[:1]}…): the vocabulary names roles, not people"
        yield report(F.SEARCH, path, message, needle=term)
