"""Checker rules on secrets written as words, not as fields: a token-shaped word anywhere in the data (SEC005), a
credential written in a sentence (SEC006)."""

from __future__ import annotations

import re

from playbook.checks.credentials import placeholder
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.personal import EMAIL
from playbook.data.comments import data_comments
from playbook.data.markup import data_strings, free_strings
from playbook.data.patterns import url_credential
from playbook.data.walk import blocks

_SEGMENT = re.compile(r"[A-Za-z0-9]+")
_CASE_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")  # createClinicalNote: create, Clinical, Note


def token_shaped(segment: str) -> bool:
    """A run of letters and digits that is a generated value, not a word or a number: long and mixing letters and
    digits (a hex or base32 key, a TOTP seed), shorter and mixing capitals, small letters and digits (a base62 key),
    or long letters alone whose case changes as often as chance makes it (base52: its camelCase words are short). A
    short commit id (7–12 hex digits), a number, a word, a camelCase or UPPER_CASE name are none of these."""
    n = len(segment)
    if n < 12:
        return False
    upper = any(c.isupper() for c in segment)
    lower = any(c.islower() for c in segment)
    digit = any(c.isdigit() for c in segment)
    letter = upper or lower
    if digit and letter and (n >= 16 or (upper and lower)):
        return True
    if upper and lower and not digit and n >= 20:  # its words (a capital and small letters) are 3 letters or less
        return len(_CASE_WORD.findall(segment)) * 3 > n
    return False


def tokens(text: str, ids: str) -> list[re.Match]:
    """The token-shaped runs of `text` that no identifier the data declares (`ids`, their text) holds."""
    return [m for m in _SEGMENT.finditer(text) if token_shaped(m.group(0)) and m.group(0) not in ids]


def declared(cat) -> str:
    """The text of every identifier the data declares: the values of its patterned fields (ids, names, fingerprints),
    which their patterns check, joined by new lines."""

    def make() -> str:
        out = []
        open_paths = {(f, path) for f, path, _ in free_strings(cat)}
        out += [text for f, path, text in data_strings(cat) if (f, path) not in open_paths]
        return "\n".join(out)

    return cat.memoized(("secret words", "declared"), make)


def _shown(value: str) -> str:
    return f"{value[:3]}…" if len(value) > 6 else "…"  # the log never shows the secret


@rule(
    "SEC005",
    "error",
    "no generated token (a key, a seed, a hook's secret path) is written anywhere in the data",
    "A long run of letters and digits mixed as a generator mixes them (a PagerDuty routing key, a TOTP seed, the "
    "secret part of a deploy hook's URL, an API key with no prefix detect-secrets knows) is a credential by its "
    "shape, whatever it is named and wherever it is written: in a step's text, a trigger, a URL, a code block, a "
    "key, or a YAML comment (in every clone of the repository). It is published on the site, the binder, the "
    "search index and the generated scripts. Only what the data declares as an identifier (a patterned field: an "
    "id, a fingerprint) may look like one.",
    "write a placeholder ($ROUTING_KEY, <deploy-hook-url>) and keep the value in the paging tool or the "
    "environment; rotate a leaked one. A commit is written short (its first 7 to 12 hex digits)",
)
def no_token_words(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    ids = declared(cat)
    for file, path, text in free_strings(cat):
        for m in tokens(text, ids)[:1]:
            message = f"a generated token ({_shown(m.group(0))}, {len(m.group(0))} characters) in the data"
            yield report(file, path, message, needle=m.group(0))
    for file, line, col, text in data_comments(cat):  # a comment is in every clone of the repository
        for m in tokens(text, ids)[:1]:
            message = f"a generated token ({_shown(m.group(0))}, {len(m.group(0))} characters) in a YAML comment"
            yield report.at(file, line, col + 1 + m.start(), message)


# A user and a password written side by side: an address or a labelled user, or any user after a word of signing in
# (log in as admin/…, credentials ops / …), then `/` or `:`, then a literal.
_PAIR = re.compile(
    r"(?:" + EMAIL.pattern + r"|\b(?:login|user(?:name)?|account)\s*[:=]\s*[\w.@-]+"
    r"|\b(?:log(?:ged)?[ -]?in|sign(?:ed)?[ -]?in|creds|credentials?)(?:\s+(?:as|with|is|are))?\s*[:=]?\s*[\w.@-]+)"
    r"""\s*(?:/|:)\s*["'`]?(?P<value>[^\s"'`,;)]+)""",
    re.I,
)
# A value introduced by what it is: "password: …", "pw …", "PIN 4471", "2FA seed is …", "routing key …" (a lookahead:
# "TOTP code" is read as a whole and from "code" on), the label a whole word ("pinned", "passing" are none). "The
# seed" alone is the seed data, not a second factor's.
_LABELLED = re.compile(
    r"(?=\b(?P<label>(?P<pw>pass(?:word|phrase|code|wd)?|pwd|pw|pin)|"
    r"(?:otp|totp|2fa|mfa|authenticator)(?:[ -]?(?:seed|secret|code))?|secret|token|"
    r"(?:api|access|routing|integration|secret|service|deploy|signing)[ _-]?key)\b(?P<sep>\s+is\s+|\s*[:=]\s*|\s+)"
    r"""["'`]?(?P<value>[^\s"'`,;)]+))""",
    re.I,
)


# A login and a password side by side with nothing to name them (`dba / EXAMPLE-Tmp-Adm1n-26`, set 16 M22, spent): a
# login as typed (small letters), ` / ` (a path spaces no slash), then a value no word, number or name is, by its shape
# alone (capitals, small letters and digits, 8 characters or more: "GPT-4o / Claude-3-Opus" has no login); with a cue,
# less (_PAIR).
_BARE_PAIR = re.compile(r"""(?<![\w/.@-])[a-z][a-z0-9._-]{0,31}[ \t]+/[ \t]+["'`]?(?P<value>[^\s"'`,;)/]+)""")
_CUE = re.compile(r"@|pass|pwd|pw|pin|otp|2fa|mfa|authenticator|secret|token|key|log|sign|cred|user|account|/", re.I)
_SECRET_LIKE = re.compile(r"(?=.*[A-Za-z])(?=.*[0-9!#%&*+=?@^~])")
_DIGITS = re.compile(r"\d{4,8}")  # a PIN


# A .netrc entry (`machine HOST login USER password SECRET`, or `default …`): its tokens in any order, on one line or
# several, wherever it is quoted (a shell comment, a step's text, a YAML comment).
_NETRC_HEAD = r"\b(?:machine\s+\S+|default)"
_NETRC_PAIR = r"(?:login|account|port|macdef)\s+\S+\s+"
_NETRC = re.compile(
    rf"{_NETRC_HEAD}\s+(?:{_NETRC_PAIR})*?(?:login|account)\s+\S+\s+(?:{_NETRC_PAIR})*password\s+(?P<value>[^\s)\"'`]+)"
    rf"|{_NETRC_HEAD}\s+password\s+(?P<first>[^\s)\"'`]+)\s+(?:login|account)\s+\S+"
)


def netrc_passwords(text: str) -> list[tuple[int, str]]:
    """(offset, value) of the password of every .netrc entry written in `text` with a literal value (any: a netrc
    password is whatever follows the word; a placeholder such as $NETRC_PASSWORD or <password> is none)."""
    if "password" not in text:
        return []
    out = []
    for m in _NETRC.finditer(text):
        group = "value" if m.group("value") is not None else "first"
        if not placeholder(m.group(group)):
            out.append((m.start(group), m.group(group)))
    return out


def prose_credentials(text: str) -> list[tuple[int, str, str]]:
    """(offset, what, value) of every credential written in `text`, in its code spans too: a user and a password
    side by side, or a value after the name of a secret. A word of small letters alone is a word (the password is
    rotated), so is a number (a port, a count): a value is one that mixes letters with digits or symbols, or, where a
    password is asked for (a user and `/`, a password's, PIN's or passcode's label), is shaped as one; a placeholder
    ($PASSWORD, <password>, TBD) stands for one."""
    if not _CUE.search(text):  # neither an address nor a secret's name: nothing to read (most of the data's text)
        return []
    out = []  # code spans included: a `.netrc` line or a config quoted as code is published all the same
    for what, pattern in (("a user and a password", _PAIR), ("a labelled secret", _LABELLED)):
        for m in pattern.finditer(text):
            value = m.group("value").rstrip(".!?:")
            if pattern is _PAIR and _reach(value):  # an address and a handle or a channel: two ways to reach one
                continue
            if not placeholder(value) and (_mixed(value) or _asked(m, pattern) and _password_shaped(value, m)):
                out.append((m.start("value"), what, value))
    for m in _BARE_PAIR.finditer(text) if not out else ():
        value = m.group("value").rstrip(".!?:")
        if len(value) >= 8 and all(re.search(c, value) for c in ("[A-Z]", "[a-z]", "[0-9]")):
            out.append((m.start("value"), "a user and a password", value))
    return out


def _mixed(value: str) -> bool:
    return len(value) >= 6 and bool(_SECRET_LIKE.search(value))


def _asked(m: re.Match, pattern: re.Pattern) -> bool:
    """A password is asked for there: after a user and `/` (or `:`), or after a password's, a PIN's or a passcode's
    label."""
    return pattern is _PAIR or m.group("pw") is not None


def _password_shaped(value: str, m: re.Match) -> bool:
    """Where a password is asked for, `value` is one if it has a capital inside its letters (EXAMPLE-pager-pw) or a
    part naming it (…-pw, pass_…); after a password's label, parts joined (Kestrel-ops) too; after a PIN's or a
    passcode's label, digits alone (PIN in capitals or followed by `:` or "is": "pin 2024 as the year" is a verb)."""
    label = (m.group("pw") or "") if "pw" in m.groupdict() else ""
    if _DIGITS.fullmatch(value):  # beside a user, digits are an extension, a room: a PIN is labelled
        return label.lower() == "passcode" or (label.lower() == "pin" and (label == "PIN" or not m["sep"].isspace()))
    letters = re.sub(r"[^A-Za-z]", "", value)
    inner_capital = bool(re.search(r"[a-z]", letters) and re.search(r"[A-Z]", letters[1:]))
    parts = bool(label and _PARTS.fullmatch(value) and value != value.lower())  # not words: rotated-quarterly
    return len(value) >= 6 and (inner_capital or parts or bool(_NAMED_PW.search(value)))


def _reach(value: str) -> bool:
    """`value` is a handle, a channel, a path or an address: where to reach someone, not a secret."""
    return value[:1] in "@#/<" or "://" in value or "@" in value[1:]


_PARTS = re.compile(r"[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)+")
_NAMED_PW = re.compile(r"(?:^|[-_.])(?:pwd?|pass(?:wd|word)?|pin)(?:$|[-_.\d])", re.I)


@rule(
    "SEC006",
    "error",
    "no password, seed or key is written in the data's sentences, its comments or a .netrc entry",
    "A shared login's password, a second factor's seed or a key written in a step's text or a trigger is published "
    "on the site, the binder and the search index, to everyone who reads the page; detect-secrets reads fields and "
    "command lines, not sentences. A YAML comment is on no page, but in every clone of the repository the pages' "
    "edit links point at, and a shell comment of a block is published with it: both are read as sentences, as is a "
    "chat command, posted to the chat as written. A .netrc "
    "entry (machine, login, password) quoted anywhere, code included, is a login with its password. Where a "
    "password is asked for (after a user and `/`: `oncall@… / EXAMPLE-pager-pw`, `log in as admin/…`; after a "
    "whole-word label: password, pw, PIN, passcode) a capital inside the value's letters or a part naming it is "
    "one too, and a PIN's digits; a login and ` / ` before a value of capitals, small letters and digits "
    "(`dba / EXAMPLE-Tmp-Adm1n-26`) is one with no word naming it.",
    "name where the credential lives (the password manager's entry, the paging tool) instead of its value; rotate "
    "a leaked one",
)
def no_prose_credentials(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for file, path, text in data_strings(cat):
        for _, what, value in prose_credentials(text)[:1]:
            yield report(file, path, f"{what} written in text ({_shown(value)})", needle=value)
    chats = {(file, (*path, "code")) for file, path, b in blocks(cat) if b.kind == "chat"}  # posted as written: prose
    for file, path, text in free_strings(cat):  # code too: a .netrc line, a login quoted in a shell comment
        notes = [line for line in text.split("\n") if line.lstrip().startswith("#")] if path[-1:] == ("code",) else []
        notes = [text] if (file, path) in chats else notes
        found = [(f"{what} written in a comment of code", v) for n in notes for _, what, v in prose_credentials(n)]
        found = [("a .netrc entry's password", v) for _, v in netrc_passwords(text)] + found
        for what, value in found[:1]:
            yield report(file, path, f"{what} ({_shown(value)})", needle=value)
    for file, line, col, text in data_comments(cat):
        found = [(at, f"{what} written in a YAML comment", v) for at, what, v in prose_credentials(text)]
        found += [(at, "a .netrc entry's password in a YAML comment", v) for at, v in netrc_passwords(text)]
        for at, what, value in sorted(found)[:1]:
            yield report.at(file, line, col + 1 + at, f"{what} ({_shown(value)})")


# An address written in text or code: a scheme, then anything up to a space, a quote, a bracket or a backtick.
_ADDRESS = re.compile(r"""\b[a-z][a-z0-9+.-]*://[^\s)\]"'<>`]+""", re.I)


def address_credentials(text: str) -> list[tuple[int, str, str]]:
    """(offset, what, address) of every address in `text` that carries a credential: a parameter named for one in
    its query or fragment (?token=, ?sig=, #access_token=), a password before its host, or any user before an
    http(s) host (a token written as the user: https://ghp_…@host)."""
    if "://" not in text:
        return []
    out = []
    for m in _ADDRESS.finditer(text):
        address = m.group(0).rstrip(".,;:!?")
        if found := url_credential(address, users=address.lower().startswith(("http://", "https://"))):
            out.append((m.start(), found, address))
    return out


@rule(
    "SEC015",
    "error",
    "no address written in the data carries a credential (a token in its query or fragment, a password or a "
    "token before its host)",
    "A signed or keyed link (`?token=…`, `?access_token=…`, `?sig=…` of a shared-access signature, "
    "`X-Amz-Signature=…`, OAuth's `#access_token=…`) or one with a user and password before its host opens the "
    "account to whoever reads it: pasted into a step, a trigger, a command or a YAML comment, it is published on "
    "the site, the binder, the search index and the generated scripts. A parameter named for a credential with a "
    "literal value is one, whatever the value looks like (a short key, an encoded signature).",
    "write the address without the credential, or with a placeholder (`?token=$TOKEN`); the reader signs in, the "
    "script reads it from the environment; rotate a leaked one",
)
def no_credentials_in_addresses(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for file, path, text in free_strings(cat):
        for _, what, address in address_credentials(text)[:1]:
            yield report(file, path, f"an address carries {what}", needle=address)
    for file, line, col, text in data_comments(cat):
        for at, what, _ in address_credentials(text)[:1]:
            yield report.at(file, line, col + 1 + at, f"an address in a YAML comment carries {what}")
