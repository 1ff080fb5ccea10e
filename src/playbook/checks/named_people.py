"""Checker rule SEC008: the data's text names no person but its contacts, and gives nobody's date of birth."""

from __future__ import annotations

import calendar
import functools
import re
from pathlib import Path

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.secret_words import declared
from playbook.data import files as F
from playbook.data.kinds import values
from playbook.data.markup import data_strings, free_strings, text_roots
from playbook.data.model import TBD
from playbook.data.model_contacts import ROTATING
from playbook.data.walk import runbooks

# The system's English word list (Debian's wamerican, installed by scripts/setup): its entries in small letters are
# the language's words, its capitalised ones the names of people and places it knows.
WORDS = Path("/usr/share/dict/american-english")

_WORD = r"[A-Z][a-z]+(?:['-][A-Z]?[a-z]+)*"
# Capitalised words side by side (Maria Lopez, Dr. Okafor), or one after a word that names a person's role, its
# initials between them (patient R. Castellanos, Dr J.K. Okafor): initials before it say it is a name.
_RUN = re.compile(rf"\b{_WORD}(?:\.? {_WORD})+\b")
_PERSON = re.compile(
    rf"\b(?:(?i:patient|client|nurse|doctor|clinician|user|customer|resident|carer)|Dr|Mrs?|Ms|Mx|Prof)\.? "
    rf"(?P<initials>(?:[A-Z]\.[ ]?){{0,3}})({_WORD})\b"
)
# A person's record beside their name: a word of a patient's care (notes, a chart, a prescription, a treatment, a scan)
# followed by of/for/from and a capitalised word ("the chemotherapy notes of J. Alvarez", "a prescription for Okafor"),
# or a capitalised word's possessive before one ("Alvarez's chart", "Maria's chemotherapy notes"); and initials before
# a capitalised word anywhere ("J. Alvarez", "M.-L. Okafor"): a name written as a clinician would. The care words are
# kept by hand (no library lists the nouns of a patient's record); an English word after them is no name.
_CARE = (
    r"(?:notes?|charts?|records?|files?|prescriptions?|treatments?|therapy|chemo(?:therapy)?|radiotherapy|dialysis|"
    r"diagnos[ie]s|medications?|meds|results?|labs?|scans?|x-rays?|MRI|biops(?:y|ies)|referrals?|appointments?|"
    r"admission|discharge|surgery|operation|allerg(?:y|ies)|vaccinations?|consultations?|visits?|letters?|"
    r"summary|history|infusions?|transfusions?|dose|doses|care plan|bloods)"
)
_CARED = re.compile(
    rf"\b{_CARE}\s+(?:of|for|from|belonging to)\s+(?:(?:the\s+)?(?i:patient|client|resident|member)\s+)?"
    rf"(?P<initials>(?:[A-Z]\.[ -]?){{0,3}})(?P<name>{_WORD})\b"
    rf"|\b(?P<owner>{_WORD})['’]s\s+(?:[a-z]+\s+){{0,2}}{_CARE}\b"
)
# A person at work, or suspected: a given name (Faker's tables) and a capitalised word after it, in a text that says
# what the person is to the organisation ("the ex-employee Jordan Example, badge 4471"): the surname may be any word.
# The words are kept by hand (no library lists the nouns English puts beside a colleague or a suspect's name).
_AT_WORK = re.compile(r"(?i)\b(?:employee|colleague|co-?worker|contractor|intern|staffer|suspect|attacker|badge)s?\b")
# … or that speaks of someone as he or she: the data speaks of roles ("they"), never of a person so; there a given
# name and a capitalised word after it inside a sentence are a name, though both be words too ("Tom Example")
_SPOKEN_OF = re.compile(r"(?i)\b(?:he|she|him|his|her|hers)\b")
_GIVEN = re.compile(rf"\b(?=(?P<name>{_WORD} {_WORD}\b))")  # each word's run, overlapping: "Ask Jordan X"
_INITIALED = re.compile(rf"(?<![\w.])(?:[A-Z]\.[ -]?){{1,3}}(?P<name>{_WORD})\b")
# A date given as someone's birth: after DOB, born, date of birth, birthday (in any field, of any kind).
# A day written with its ordinal's letters (2nd May 1971, May 2nd, 1971, the 2nd of May 1971) is one too.
_BIRTH = re.compile(
    r"\b(?:DOB|D\.O\.B\.?|born(?: on)?|date of birth|birth ?date|birthday)(?:\b|(?<=\.))[\s:,=#(]*(?:on\s+)?(?:the\s+)?"
    r"(?P<date>\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{1,2}(?:st|nd|rd|th)?(?: of)? [A-Z][a-z]+\.?,? \d{4}"
    r"|[A-Z][a-z]+\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4})",
    re.I,
)


@functools.cache
def _dictionary() -> tuple[frozenset[str], frozenset[str]] | None:
    """(the language's words in small letters, the proper names it knows), one set of the list's entries for both
    (a word looked up in small letters finds only a word, a capitalised one only a name: 14 ms, where two filtered
    sets take 80); None when the word list is missing."""
    try:
        entries = frozenset(WORDS.read_text(encoding="utf-8").split("\n"))
    except OSError:
        return None
    return entries, entries


_DECLARES = ("person", "system")  # the fields that name a holder or the system: their words are declared names


def _declared_words(cat) -> tuple[frozenset[str], dict[str, set[tuple[str, tuple]]]]:
    """(the words of the data's ids, patterned values and the calendar; each word of a VALUE field, with the fields
    that write it: ("", ()) for the declared names, a contact's `person` and the system's name), one walk."""

    def make() -> tuple[frozenset[str], dict[str, set[tuple[str, tuple]]]]:
        texts = [declared(cat), *calendar.day_name, *calendar.month_name]
        base = frozenset(w for t in texts for w in re.findall(r"[A-Za-z]+", t))
        by: dict[str, set[tuple[str, tuple]]] = {}
        for file, model in text_roots(cat):
            for path, text in values(model):
                for w in re.findall(r"[A-Za-z]+", text):
                    by.setdefault(w, set()).add((file, path) if path[-1] not in _DECLARES else ("", ()))
        return base, by

    return cat.memoized(("named people", "declared words"), make)


def _known(cat) -> frozenset[str]:
    """The capitalised words the data declares: its names and labels (VALUE fields: the contacts' names and persons,
    the system's name, the tools'), its ids and patterned values, and the calendar's days and months."""
    base, by = _declared_words(cat)
    return cat.memoized(("named people", "known"), lambda: base | frozenset(by))


def _vouched_alone(cat) -> dict[tuple[str, tuple], frozenset[str]]:
    """For each label (a VALUE field but the declared names), the words only it declares: a label does not vouch for
    itself, so a patient named inside an incident type's name is a name."""

    def make() -> dict[tuple[str, tuple], frozenset[str]]:
        base, by = _declared_words(cat)
        alone: dict[tuple[str, tuple], set[str]] = {}
        for w, where in by.items():
            if len(where) == 1 and w not in base and (only := next(iter(where)))[0]:
                alone.setdefault(only, set()).add(w)
        return {k: frozenset(v) for k, v in alone.items()}

    return cat.memoized(("named people", "vouched alone"), make)


def _english(word: str, words: frozenset[str]) -> bool:
    """`word` is a word of the language, or one of its plural or verb forms (the list holds few of them: "timeouts",
    "retried"); kept by hand, since a stemmer would also read names as inflected words."""
    w = word.lower()
    return w in words or any(w.endswith(end) and w[: -len(end)] + add in words for end, add in _INFLECTIONS)


# Endings of a plural or a verb form, and what the word ends with without them.
_INFLECTIONS = (("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"))


def _name_like(w: str, words: frozenset[str], names: frozenset[str]) -> bool:
    """A capitalised word that may be part of a name: a proper name the list knows (of three letters or more: "In",
    "As" are chemical symbols there) or no word of the language at all."""
    return (w in names and len(w) > 2) or not _english(w, words)


def named(text: str, known: frozenset[str]) -> list[tuple[str, str]]:
    """(what, the words) of every person `text` names that the data does not declare, and of every birth date: a
    run of capitalised words each a proper name or no English word, one at least unknown to the data and to the
    language; or a capitalised word after a person's title or role (patient, Dr) that is no English word."""
    out = [("a date of birth", m.group("date")) for m in _BIRTH.finditer(text)]
    if text == text.lower() or (dictionary := _dictionary()) is None:  # no capital: no name
        return out
    words, names = dictionary

    def stranger(w: str) -> bool:  # a proper name or no word at all, and not one the data declares
        parts = re.findall(r"[A-Za-z]+", w)
        return not all(p in known for p in parts) and _name_like(w, words, names)

    for m in _RUN.finditer(text):
        # the run's stretches of names (a sentence's first word, a title's words, are words: "Ask Priya Raman")
        stretch: list[re.Match] = []
        for w in [*re.finditer(_WORD, m.group(0)), None]:
            if w and _name_like(w.group(0), words, names):
                stretch.append(w)
                continue
            if len(stretch) > 1 and any(stranger(x.group(0)) for x in stretch):
                out.append(("a person's name", m.group(0)[stretch[0].start() : stretch[-1].end()]))
            stretch = []
    for m in _PERSON.finditer(text):
        if stranger(m.group(2)) and (m.group("initials") or not _english(m.group(2), words)):
            out.append(("a person's name", m.group(0)))
    for m in _CARED.finditer(text):  # beside a patient's record, a proper name the list knows is one too
        name = re.sub(r"['’]s$", "", m.group("name") or m.group("owner"))  # a possessive: the name is before it
        if stranger(name) and (m.group("initials") or name in names or not _english(name, words)):
            out.append(("a person's name beside their care", m.group(0)))
    for m in _INITIALED.finditer(text):
        if stranger(re.sub(r"['’]s$", "", m.group("name"))):
            out.append(("a person's name", m.group(0)))
    spoken_of = bool(_SPOKEN_OF.search(text))
    if spoken_of or _AT_WORK.search(text):
        from playbook.checks.handles import given_names  # handles reads this module's word list: imported here

        for m in _GIVEN.finditer(text):
            given, surname = m.group("name").split(" ")  # a name the language also writes (Will, Page) needs a surname
            inside = spoken_of and surname[:1].isupper() and not re.search(r"(^|[.!?:]\s*)$", text[: m.start()])
            if (
                given.lower() in given_names()
                and given not in known
                and (inside or not all(_english(w, words) for w in (given, surname)))
            ):
                out.append(("a colleague's name", m.group("name")))
    return out


@rule(
    "SEC008",
    "error",
    "the data's text names no person but its contacts, and no one's date of birth",
    "What the data publishes is about the system, never about a patient or a member of the public: a name typed "
    "into a timeline row, a chat template or a step (with a birth date or a diagnosis beside it) is personal "
    "health data, published on the site, the binder and the search index. People are named by their role; a role's "
    "holder is a contact (contacts.yaml). A name is told by the English word list (Debian's wamerican): capitalised "
    "words that are proper names or no words at all, which the data does not declare; in a text that says what the "
    "person is to the organisation (an ex-employee, a contractor, a suspect, a badge) or speaks of someone as he or "
    "she (the data speaks of roles, which are they), a given name of Faker's tables "
    "and the word after it, whatever that word is.",
    "write the role (the on-call engineer, the reporting clinician, a patient) instead of the person; a product or "
    "a place the data must name goes in its declared names (contacts.yaml, meta.yaml's system, an id)",
)
def no_named_people(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    known = _known(cat)
    if _dictionary() is None:  # names cannot be told from words: said once, as a missing tool is (dates still are)
        level = "error" if ctx.tools_required else "warning"
        how = "install Debian's wamerican: apt-get install wamerican (scripts/setup does)"
        yield report.at(cat.file(F.CONTACTS), 1, 1, f"the English word list {WORDS} is missing", how, level=level)
    alone = _vouched_alone(cat)
    for file, path, text in free_strings(cat):
        for what, words in named(text, known - alone.get((file, path), frozenset()))[:1]:
            shown = " ".join(f"{w[:1]}…" for w in words.split())  # the log never shows the personal data itself
            yield report(file, path, f"{what} in the data ({shown})", needle=words)
    if (dictionary := _dictionary()) is not None:
        for file, path, text, word in strangers_in_keywords(cat, dictionary[0]):
            message = f"a keyword's word ({word[:1]}…) is no English word and names nothing else of the data: a name?"
            yield report(file, path, message, needle=text)


def keywords(cat) -> list[tuple[str, tuple, str]]:
    """(file, path, keyword) of every runbook's and step's search keywords."""
    out = []
    for file, rb in runbooks(cat):
        out += [(file, ("keywords", j), k) for j, k in enumerate(rb.keywords)]
        for i, step in enumerate(rb.steps):
            out += [(file, ("steps", i, "keywords", j), k) for j, k in enumerate(step.keywords)]
    return out


def strangers_in_keywords(cat, words: frozenset[str]) -> list[tuple[str, tuple, str, str]]:
    """(file, path, keyword, word) of each keyword holding a word of letters that is no English word (a plural or a
    verb form of one) and that no other string of the data uses: typed in lower case, as readers type a search, a
    patient's name ("amy tran note will not save") has no capital for SEC008's runs to see. A product, a tool or a
    term the search knows is written elsewhere in the data (its text, search.yaml's vocabulary)."""
    counts: dict[str, int] = {}
    for _, _, text in data_strings(cat):
        for w in re.findall(r"[a-z]+", text.lower()):
            counts[w] = counts.get(w, 0) + 1
    out = []
    for file, path, k in keywords(cat):
        own: dict[str, int] = {}
        for w in re.findall(r"[a-z]+", k.lower()):
            own[w] = own.get(w, 0) + 1
        for w in re.findall(r"(?<![\w-])[a-z]+(?![\w-])", k.lower()):
            if len(w) > 2 and not _english(w, words) and counts.get(w, 0) <= own[w]:
                out.append((file, path, k, w))
                break
    return out


# A word of a person's name: letters, with an apostrophe or hyphen inside (O'Neill, García-López), or an initial (J.).
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|[^\W\d_]\.")
# The small words a surname may begin with (Jan van der Berg, Ana da Silva): a name writes no other in small letters.
_PARTICLES = {"de", "da", "di", "del", "della", "der", "den", "van", "von", "le", "la", "du", "dos", "das", "bin",
              "ibn", "al", "el", "ter", "ten", "y"}  # fmt: skip


def not_a_name(value: str) -> str:
    """Why a contact's `person` is not a person's name ('' when it is): it is one to five words of letters (an
    apostrophe or a hyphen inside, an initial), each capitalised but a surname's particle, and, with the word list,
    each a proper name or no word of the language; deny by default: anything else (a note, a reason, a diagnosis,
    digits, brackets) is not a name."""
    words = value.split()
    for w in words:
        if not _NAME_WORD.fullmatch(w):
            return f"{w[:1]}… is not a word of a name (letters, an apostrophe or hyphen inside, an initial)"
        if w in _PARTICLES and w is not words[0]:
            continue
        if not w[0].isupper():
            return f"{w[:1]}… is not capitalised: a name's words are"
        dictionary = _dictionary()
        if dictionary is not None and not w.endswith(".") and not _name_like(w, *dictionary):
            return f"{w[:1]}… is a word of the language, not a name"
    return "" if 1 <= len(words) <= 5 else "a name is one to five words"


@rule(
    "SEC012",
    "error",
    "a contact's person is a person's name, TBD or Rotating: nothing else",
    "The person field is published on the Contacts page, printed by `playbook who` and written into the alert "
    "router's receivers. A note typed there (why someone is away, their health, their leave, a private number) is "
    "personal data about a colleague, special-category when it is medical; the field takes a name and nothing "
    "else, told by its shape and the English word list (Debian's wamerican).",
    "write only the name (or TBD, or Rotating); a colleague's absence belongs in the HR system, and cover goes in "
    "the escalation path, not in a note",
)
def person_is_a_name(ctx: CheckContext, report: Reporter):
    for i, r in enumerate(ctx.catalog.contacts.roles):
        if r.person not in (TBD, ROTATING) and (why := not_a_name(r.person)):
            yield report(F.CONTACTS, ("roles", i, "person"), f"{r.id}'s person is not a person's name: {why}")
