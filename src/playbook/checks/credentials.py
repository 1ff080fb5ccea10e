"""Checker rule SEC004: no literal credential (a credential-named field, a password reader's input) in runnable code."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from playbook.checks.destructive import RUNNABLE
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.personal import EMAIL, reserved
from playbook.checks.tools import at, spots
from playbook.data import files as F
from playbook.data.markup import CODE_SPAN, data_strings

# What a field is named when it holds a credential, compared with its name in lower case without '-' and '_'
# (api_key, X-Api-Key, apiKey are one name) and matched at its end (db_password, clientSecret, X-Auth-Token; not
# max_tokens, author). Basic auth (-u user:pass) and URL credentials are SEC001's (detect-secrets' plugin).
_ENDINGS = (
    "password", "passwd", "passphrase", "pwd", "secret", "token", "apikey", "accesskey", "privatekey",
    "secretkey", "credential", "credentials", "authorization",
)  # fmt: skip
_NAMES = ("pass", "pin", "otp")  # credential names only as the whole name (bypass, spin, footprint are not)
_NAME = r"[A-Za-z_][\w-]*"
_SCHEME = r"(?:(?:Bearer|Basic|Token|Digest|ApiKey|OAuth|SSWS|GenieKey|Key)\s+)?"
# Where a command gives a named field a value: the forms of curl, HTTP clients and the shell.
_FORMS = (
    ("JSON field", re.compile(r""""(?P<name>""" + _NAME + r""")"\s*:\s*"(?P<value>[^"]*)\"""")),
    ("header", re.compile(r"""(?:^|[\s"'])(?P<name>""" + _NAME + r"""):\s*""" + _SCHEME + r"""(?P<value>[^\s"']+)""")),
    ("option", re.compile(r"""(?:^|\s)--(?P<name>""" + _NAME + r""")\s+\\?["']?(?P<value>[^\s"'\\|;&)]+)""")),
    # a form field, a query parameter, an --option=value, an environment assignment
    ("assignment", re.compile(
        r"""(?:^|[\s?&"'])-{0,2}(?P<name>""" + _NAME + r""")=\\?["']?(?P<value>[^\s"'\\&;|)]*)"""
    )),
)  # fmt: skip
# The tools whose short option -p takes the password itself: sshpass -p "…", and mysql's -p"…" written attached
# (`mysql -p db` asks for it; psql's -p is a port, mkdir's takes nothing): its literal value is a password.
_PASSWORD_OPTION = re.compile(
    r"""(?:^|[\s;|&(`])(?:sshpass\b[^|;&\n]*?\s-p\s*|(?:mysql|mysqladmin|mysqldump|mariadb)\b[^|;&\n]*?\s-p)"""
    r"""\\?["']?(?P<value>[^\s"'\\|;&)`]+)"""
)
# A literal written into a command that reads a password on its standard input (sudo -S, --password-stdin, chpasswd,
# passwd --stdin), by echo, printf or a here-string: the value is a password whatever it is named.
_READERS = r"sudo\s+(?:-\w+\s+)*-\w*S\b|\S.*?--password-stdin\b|chpasswd\b|passwd\s+--stdin\b"
_STDIN = re.compile(
    r"""(?:(?:echo|printf)(?:\s+-\w+)*(?:\s+(?P<f>['"])%[^'"]*(?P=f))?\s+(?P<q>['"]?)(?P<value>[^\s'"|;&]+)(?P=q)\s*\|\s*(?P<reader>"""
    + _READERS
    + r""")|(?P<reader2>"""
    + _READERS
    + r""")[^|;&<]*<<<\s*(?P<q2>['"]?)(?P<value2>[^\s'"|;&]+)(?P=q2))"""
)


# A value that stands for one: an expansion ($X, ${X}, $(…)), a <placeholder>, a template, a mask (***, xxx, …).
_PLACEHOLDER = re.compile(r"""^(?:[$<%]|\{\{|\*+$|x{3,}$|X{3,}$|\.\.\.|…|TBD$|REDACTED$|$)""")


@dataclass(frozen=True)
class Credential:
    line: int  # 1-based, in the block's code
    col: int
    form: str  # JSON field, header, option, assignment
    name: str
    value: str


def credential_name(name: str) -> bool:
    flat = name.lower().replace("-", "").replace("_", "")
    return flat in _NAMES or flat.endswith(_ENDINGS)


def placeholder(value: str) -> bool:
    return bool(_PLACEHOLDER.match(value))


def commands(code: str) -> Iterator[list[tuple[int, str]]]:
    """Each command of a block as its (line number, text) lines: a line ending in a backslash goes on."""
    part: list[tuple[int, str]] = []
    for n, text in enumerate(code.split("\n"), 1):
        part.append((n, text))
        if not text.rstrip().endswith("\\"):
            yield part
            part = []
    if part:
        yield part


def typed(code: str) -> list[Credential]:
    """The credentials a block's code types as literal values, but in a command whose identity is a test one
    (an e-mail address on a domain reserved for examples: the request is a deliberate test, its password too)."""
    found = []
    for command in commands(code):
        if any(reserved(m.group(1)) for _, text in command for m in EMAIL.finditer(text)):
            continue
        for n, text in command:
            seen = set()
            for form, pattern in _FORMS:
                for m in pattern.finditer(text):
                    name, value = m.group("name"), m.group("value")
                    if m.start("value") in seen or not credential_name(name) or placeholder(value):
                        continue
                    seen.add(m.start("value"))
                    found.append(Credential(n, m.start("value") + 1, form, name, value))
            for m in _PASSWORD_OPTION.finditer(text):
                if not placeholder(m.group("value")):
                    found.append(Credential(n, m.start("value") + 1, "option", "-p (a password)", m["value"]))
            for m in _STDIN.finditer(text):
                group = "value" if m.group("value") is not None else "value2"
                reader = (m.group("reader") or m.group("reader2")).split()[0]
                if not placeholder(m.group(group)):
                    found.append(Credential(n, m.start(group) + 1, "standard input", f"{reader}'s password", m[group]))
    return found


@rule(
    "SEC004",
    "error",
    "a credential (a password field or option, a token, a secret, an API key …) in a runnable block or in a code span "
    "of the data's text holds a placeholder, not a value",
    "A password typed into a command is published on the page, the binder, the search index and the generated "
    "script, and whoever runs the step signs in as that account; so is a literal echoed into a command that reads "
    "a password on its input (sudo -S, --password-stdin, chpasswd) or a password option (sshpass -p). A command "
    "quoted in a code span of a step's text or a decision is published the same way, and copied as readily. A test "
    "request names a test identity (an address on a reserved domain, such as test@example.com) and may then carry a "
    "deliberate wrong password.",
    "write a placeholder ($PASSWORD, ${API_KEY}, <password>) and keep the value in the environment, or send the "
    "request as a test identity on a reserved domain (test@example.com); rotate a leaked credential",
)
def no_typed_credentials(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for s in spots(cat):
        if s.kind not in RUNNABLE:
            continue
        for c in cat.memoized(("credentials", s.code), lambda s=s: typed(s.code)):
            shown = f"{c.value[:2]}…" if len(c.value) > 2 else "…"  # the log never shows the credential
            yield at(report, s, c.line, c.col, f"{c.name} ({c.form}) holds a literal value ({shown})")
    for file, path, text in data_strings(cat):
        for span in CODE_SPAN.finditer(text) if "`" in text else ():
            for c in typed(span.group(2)):
                shown = f"{c.value[:2]}…" if len(c.value) > 2 else "…"
                message = f"{c.name} ({c.form}) in a code span holds a literal value ({shown})"
                yield report(file, path, message, needle=c.value)


# The last word of a placeholder's name says what it holds (OPENAI_API_KEY is a key, TOKEN_TTL a duration): these
# words name a credential, besides the endings a credential field has (credential_name: DB_PASSWORD, CLIENTSECRET).
_HOLDS_CREDENTIAL = {
    "key", "auth", "authorization", "cookie", "credential", "credentials", "pass", "passcode", "pin", "otp",
    "session", "jwt",
}  # fmt: skip


def names_credential(name: str) -> bool:
    """A placeholder named for a credential: its last word (split at _ or -) is a credential's noun, or the name ends
    as a credential field does. Only the last word counts: TOKEN_TTL, AUTH_URL, KEY_ID name what a credential has."""
    last = re.split(r"[_-]", name.strip("_-"))[-1].lower()
    nouns = {last, last.removesuffix("s")}  # API_TOKENS, SESSION_COOKIES
    return bool(nouns & _HOLDS_CREDENTIAL) or any(credential_name(w) for w in nouns) or credential_name(name)


@rule(
    "SEC011",
    "error",
    "a placeholder named for a credential (a token, a secret, a password, a key, a cookie …) is `secret: true`, "
    "and a secret placeholder has no default",
    "A secret placeholder's value is asked for without echo by `playbook run`, masked in its transcripts and in "
    "`--dry-run`, and never given a default on the site. One named OPENAI_API_KEY or SESSION_COOKIE but not marked "
    "secret is printed in clear wherever a command that reads it is shown, and pasted with the transcript into the "
    "incident's timeline. The name decides: what it holds is what its last word says (TOKEN_TTL is a duration). A "
    "secret's default is a credential written in the data, in every clone of the repository.",
    "write `secret: true` on the placeholder (and no default); if it holds no credential, rename it for what it holds",
)
def credential_placeholders_secret(ctx: CheckContext, report: Reporter):
    for i, p in enumerate(ctx.catalog.meta.placeholders):
        if p.secret and p.default is not None:
            yield report(F.META, ("placeholders", i, "default"), f"secret placeholder {p.name} has a default")
        if p.secret or not names_credential(p.name):
            continue
        field = "secret" if "secret" in p.model_fields_set else "name"
        message = f"placeholder {p.name} is named for a credential but is not secret: true"
        yield report(F.META, ("placeholders", i, field), message)
