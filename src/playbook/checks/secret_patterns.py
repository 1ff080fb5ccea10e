"""A detect-secrets plugin for what its own detectors miss in runbook commands: tokens typed on a command line.

detect-secrets loads this file by path (its way of adding a detector); it imports nothing of the playbook.
A value written as a placeholder (`$TOKEN`, `${TOKEN}`, `<password>`) is never a finding.
"""

import re

from detect_secrets.plugins.base import RegexBasedDetector

_VALUE = r"""["']?(?!\$)([A-Za-z0-9._~+/=-]{12,})"""
# A literal value: not an expansion ($X, ${X}, $(…)), not a <placeholder>, not masked (***, xxx, …).
_LITERAL = r"""(?![$<{%*…]|\.\.\.|x{3,}\b|X{3,}\b|TBD\b|REDACTED\b)"""


class CommandLineSecretDetector(RegexBasedDetector):
    """A token, password or API key typed as the value of a flag, an Authorization header or an assignment."""

    secret_type = "Secret typed on a command line"
    denylist = (
        re.compile(r"--(?:token|password|passwd|secret|api[-_]?key|auth)[= ]+" + _VALUE, re.I),
        re.compile(r"\b[Bb]earer\s+(?!\$)([A-Za-z0-9._~+/=-]{12,})"),
        re.compile(r"\b(?:token|password|passwd|secret|api[-_]?key)\s*[:=]\s*" + _VALUE, re.I),
    )


class CredentialDetector(RegexBasedDetector):
    """A password written beside its user or its name: basic auth on a command line (`curl -u user:pass`,
    `--user`, `Authorization: Basic …`), a URL with a user and password, a `*PASSWORD=`/`*_SECRET=` assignment."""

    secret_type = "Credentials typed in the data"
    denylist = (
        # curl -u user:pass, -uuser:pass, --user user:pass (the user a plain name, so `date -u +%H:%M` is not one)
        re.compile(r"""(?:^|\s)(?:-u\s*|--user[= ]+)\\?["']?[A-Za-z0-9._@-]+:""" + _LITERAL + r"""([^\s"'\\]+)"""),
        re.compile(r"\bAuthorization:\s*Basic\s+" + _LITERAL + r"([A-Za-z0-9+/=]{4,})", re.I),
        # scheme://user:password@host
        re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s/:@$<{]+:" + _LITERAL + r"([^\s/@]+)@", re.I),
        # DB_PASSWORD=…, export API_SECRET="…", ADMIN_TOKEN=… (a shell assignment: no space around =)
        re.compile(
            r"\b\w*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY)\w*=\\?[\"']?" + _LITERAL + r"""([^\s"'\\]+)""", re.I
        ),
    )
