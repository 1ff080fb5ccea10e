"""Checker rule SEC016: a role's Slack handle and mailbox name the role (or its declared person), so does a handle or
a mailbox written in the data's text, and no word of the search vocabulary is a person's given name."""

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

# The locales of Faker's person provider whose given names are written in Latin letters, as a handle or a search word
# is typed: its tables of first names (Faker: well kept, MIT; the large name datasets on PyPI load for seconds).
_LOCALES = ("en_US", "en_GB", "en_IN", "en_IE", "en_NZ", "es_ES", "es_MX", "fr_FR", "de_DE", "it_IT", "pt_BR", "pl_PL",
            "nl_NL", "tr_TR", "sw", "yo_NG", "zu_ZA", "vi_VN", "id_ID", "ga_IE")  # fmt: skip
_TABLE = re.compile(r"\n    (first|last)_names\w*\s*(?::[^=\n]*)?=")
_NEXT = re.compile(r"\n    (?=[A-Za-z_@])")  # the class's next attribute, method or decorator
_LITERAL = re.compile(r"""["']([a-z][a-z'-]+)["']""")


@functools.cache
def given_names() -> frozenset[str]:
    """Faker's given names of `_LOCALES`, in small letters."""
    return _faker_tables()[0]


@functools.cache
def surnames() -> frozenset[str]:
    """Faker's family names of `_LOCALES`, in small letters."""
    return _faker_tables()[1]


@functools.cache
def _faker_tables() -> tuple[frozenset[str], frozenset[str]]:
    """The words of Faker's first-name and last-name tables in `_LOCALES`. Its tables are plain literals in its
    sources, read as text: importing Faker (its factory, its locale registry) takes 0.1 s and more, reading them
    20 ms."""
    spec = importlib.util.find_spec("faker")
    if spec is None or spec.origin is None:
        return frozenset(), frozenset()
    root = Path(spec.origin).parent / "providers" / "person"
    first: set[str] = set()
    last: set[str] = set()
    for locale in _LOCALES:
        try:
            text = (root / locale / "__init__.py").read_text(encoding="utf-8")
        except OSError:
            continue
        for m in _TABLE.finditer(text):
            end = _NEXT.search(text, m.end())
            section = text[m.end() : end.start() if end else len(text)].lower()  # lowered at once: 20 ms less
            (first if m.group(1) == "first" else last).update(_LITERAL.findall(section))
    return frozenset(first), frozenset(last)


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


def _named(word: str, english: frozenset[str]) -> bool:
    """`word` (small letters) is a person's given name and no word of the language: nadia, priya (not mark, rose)."""
    return len(word) > 2 and not _english(word, english) and word in given_names()


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


def search_names(cat) -> list[tuple[tuple, str, str]]:
    """(path, term, the given name) of each search term (a short form, a concept's word) holding a person's given
    name that no other string of the data uses."""
    dictionary = _dictionary()
    if dictionary is None:
        return []
    outside = _used_outside(cat, cat.file(F.SEARCH))
    search = cat.search
    terms = [
        (("abbreviations", i, "short", j), w) for i, a in enumerate(search.abbreviations) for j, w in enumerate(a.short)
    ]
    terms += [(("concepts", i, "words", j), w) for i, c in enumerate(search.concepts) for j, w in enumerate(c.words)]
    out = []
    for path, term in terms:
        for w in _words(term):
            if w not in outside and _named(w, dictionary[0]):
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
    "person's given name",
    "A role is reached through handles that outlive whoever holds it (@security-lead, security@): a person's own "
    "handle (@nadia.petrova) on a role whose person is TBD or Rotating names someone the data does not declare, on "
    "the Contacts page and in `playbook who`, and keeps paging them after they leave the role; one written in a "
    "step or a template (ask @nadia.petrova, mail nadia.petrova@…) is published on the site likewise. A given name "
    "typed "
    "into the search vocabulary (a short form 'priya' for the engineering manager) publishes the same person in "
    "the site's search and sends readers to whoever held the role once. Given names are Faker's tables of first "
    "names; a word of the language (mark, rose) is not read as one.",
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
        message = f"a search word is a person's given name ({word[:1]}…): the vocabulary names roles, not people"
        yield report(F.SEARCH, path, message, needle=term)
