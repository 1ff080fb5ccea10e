"""Checker rule on the log format: no field holds a credential or a session (SEC024)."""

from __future__ import annotations

import re

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.data import files as F

# The words that name a credential or what stands for a signed-in user, in a field's path (camelCase and snake_case
# split into words) or its help: the field would copy it into every record.
_WORDS = {
    "authorization", "password", "passwd", "passphrase", "secret", "secrets", "token", "tokens", "cookie", "cookies",
    "jwt", "apikey", "credential", "credentials", "bearer", "otp", "sessionid", "sid",
}  # fmt: skip
_PAIRS = {("session", "id"), ("session", "token"), ("session", "key"), ("api", "key"), ("access", "key"),
          ("private", "key"), ("secret", "key"), ("auth", "header"), ("set", "cookie")}  # fmt: skip
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
# A help that says the field holds none: "never the token", "without the cookie", "hashed", "redacted", "masked".
_NONE = re.compile(r"\b(?:never|not|no|without|hash(?:ed)?|redacted|masked|expir\w*|count|number|length)\b", re.I)


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def credential_words(text: str) -> str | None:
    """The word (or pair of words) of `text` that names a credential or a session, or None."""
    words = _words(text)
    for w in words:
        if w in _WORDS:
            return w
    for a, b in zip(words, words[1:], strict=False):
        if (a, b) in _PAIRS:
            return f"{a} {b}"
    return None


@rule(
    "SEC024",
    "error",
    "a log format field holds no credential or session (an Authorization header, a cookie, a token, a password, a "
    "session id), by its path or its help",
    "The log format is what the application writes into every record: a field for the request's Authorization "
    "header, its cookie or its session id puts every user's live session into the log export ($LOG_FILE, copied to "
    "laptops and attached to incidents), and the saved queries that print whole records put it on the terminal and "
    "into the incident's timeline. Whoever reads a log then signs in as the clinicians in it.",
    "log what identifies the request or the user without signing in as them (context.requestId, context.userId); "
    "drop the field",
)
def no_logged_credentials(ctx: CheckContext, report: Reporter):
    for i, f in enumerate(ctx.catalog.data.log_format.fields):
        if f.type != "string":
            continue  # a count, a flag or a duration holds no credential (ai token counts)
        name = f.path.rsplit(".", 1)[-1]
        said = next(
            (
                w
                for text in (" ".join(_words(name)), f.help)
                if not _NONE.search(text) and (w := credential_words(text))
            ),
            None,
        )
        if said:
            message = f"the log field {f.path} holds a credential or a session ({said}): every record would carry it"
            yield report(F.CATALOG, ("log_format", "fields", i, "path"), message)
