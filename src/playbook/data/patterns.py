"""Every pattern a model field must match, written once with its words: what the value is, how it is written.

The models declare their patterns through `worded()`, so an editor's message (LOAD003, `playbook new`) can say
in words what a field wants ("SEV-1 … SEV-9: SEV-, then one digit") instead of quoting the regex, and the
words cannot drift from the pattern they describe: both are written at the same place.
"""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import parse_qsl, urlsplit

from pydantic import AfterValidator, Field

WORDED: dict[str, tuple[str, str]] = {}  # pattern -> (what a value is, how it is written)


def worded(pattern: str, what: str, how: str, default: Any = ..., **field: Any) -> Any:
    """`Field(pattern=...)` that also records the pattern's words (see WORDED)."""
    known = WORDED.setdefault(pattern, (what, how))
    if known != (what, how):
        raise ValueError(f"pattern {pattern} is worded twice: {known} and {(what, how)}")
    return Field(default, pattern=pattern, **field)


SeverityId = Annotated[str, worded(r"^SEV-[1-9]$", "a severity", "SEV-1 … SEV-9: SEV-, then one digit")]
Name = Annotated[
    str,
    worded(r"^[A-Z][A-Z0-9_]*$", "a name", "capital letters, digits and '_', starting with a letter, e.g. BASE_URL"),
]
Id = Annotated[
    str,
    worded(
        r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
        "an id",
        "letters, digits, '.', '_' and '-', starting with a letter or digit, no spaces, e.g. backend-team",
    ),
]
ClockTime = Annotated[
    str, worded(r"^([01]\d|2[0-3]):[0-5]\d$", "a time of day", "HH:MM on the 24-hour clock, 00:00 … 23:59, e.g. 09:00")
]
ClockEnd = Annotated[  # an end of day may be 24:00
    str, worded(r"^([01]\d|2[0-4]):[0-5]\d$", "a time of day", "HH:MM on the 24-hour clock, 00:00 … 24:00, e.g. 17:30")
]
MetricName = Annotated[
    str,
    worded(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$", "a metric name", "lower-case words joined by dots, e.g. http.requests"),
]
LabelName = Annotated[
    str,
    worded(
        r"^[A-Za-z_][A-Za-z0-9_]*$",
        "a label name",
        "letters, digits and '_', starting with a letter or '_', as Prometheus names labels, e.g. status_class",
    ),
]
# A query parameter (or a fragment's: OAuth's #access_token=) named for a credential, compared in lower case without
# '-' and '_' (access_token, X-Amz-Signature, apiKey): its name ends as a credential's does, or is one of the short
# names signed and keyed links use (?key=, ?sig= of a shared-access signature). Kept by hand: no library names them.
_CREDENTIAL_ENDINGS = ("token", "password", "passwd", "secret", "apikey", "accesskey", "privatekey", "signature",
                       "credential", "credentials", "authorization")  # fmt: skip
_CREDENTIAL_NAMES = {"key", "sig", "pass", "pwd", "auth", "jwt", "session", "sessionid", "otp"}
# A value that stands for one: an expansion, a placeholder, a template, a mask
_STANDS_FOR = re.compile(r"^(?:[$<%{]|\*+$|x{3,}$|X{3,}$|TBD$|REDACTED$)")


def url_credential(url: str, users: bool = True) -> str:
    """What credential an address carries ('' when none): a user (and password) before its host (with `users`
    False, a password only: ssh://git@host names a user, no secret), or a query or fragment parameter named for a
    credential with a literal value."""
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        return ""
    if "@" in parts.netloc and (users or (password and not _STANDS_FOR.match(password))):
        return "a user or token before its host (user:password@)"
    for part in (parts.query, parts.fragment):
        for name, value in parse_qsl(part, keep_blank_values=True):
            flat = name.lower().replace("-", "").replace("_", "")
            if (
                value
                and not _STANDS_FOR.match(value)
                and (flat in _CREDENTIAL_NAMES or flat.endswith(_CREDENTIAL_ENDINGS))
            ):
                return f"a credential in its {name}= parameter"
    return ""


def _no_credential(url: str) -> str:
    if found := url_credential(url):
        raise ValueError(
            f"the address carries {found}: it is published on every page that shows the link; write the address "
            "without it (the reader signs in), and rotate the credential"
        )
    return url


# An address the theme writes into href="…" as it is (the site's, the repository's): no space, quote or bracket, and
# no credential (a token in its query, a user and password before its host).
Url = Annotated[
    str,
    worded(
        r"^https?://[A-Za-z0-9._~:/?#@!$&*+,;=%-]+$",
        "an address",
        "http:// or https://, then the address without spaces, quotes or brackets, e.g. https://playbook.dramal.com/",
    ),
    AfterValidator(_no_credential),
]
Word = Annotated[
    str, worded(r"^[A-Za-z0-9]+$", "a word", "letters and digits, one word as it is typed in the search, e.g. inc")
]
# A path of the app's API, or an external address: commands quote it as it is ("$BASE_URL{{ ep.metrics }}"),
# so it holds nothing a shell reads inside double quotes ($, `, \\, ") and no space, bracket or quote.
ApiPath = Annotated[
    str,
    worded(
        r"^(/|https?://)[A-Za-z0-9._~/%:@+,=?#-]*$",
        "an API path",
        "/ then the path (or http(s):// and an address), without spaces, quotes, $ or brackets, e.g. /api/metrics",
    ),
    AfterValidator(_no_credential),
]
Phrase = Annotated[
    str,
    worded(
        r"^[A-Za-z0-9][A-Za-z0-9 '-]*$",
        "words",
        "words as they are typed in the search: letters, digits, spaces, ' and -, e.g. feature flag",
    ),
]
