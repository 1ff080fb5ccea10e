"""A detect-secrets plugin for what its own detectors miss in runbook commands: tokens typed on a command line.

detect-secrets loads this file by path (its way of adding a detector); it imports nothing of the playbook.
A value written as a placeholder (`$TOKEN`, `${TOKEN}`) is never a finding.
"""

import re

from detect_secrets.plugins.base import RegexBasedDetector

_VALUE = r"""["']?(?!\$)([A-Za-z0-9._~+/=-]{12,})"""


class CommandLineSecretDetector(RegexBasedDetector):
    """A token, password or API key typed as the value of a flag, an Authorization header or an assignment."""

    secret_type = "Secret typed on a command line"
    denylist = (
        re.compile(r"--(?:token|password|passwd|secret|api[-_]?key|auth)[= ]+" + _VALUE, re.I),
        re.compile(r"\b[Bb]earer\s+(?!\$)([A-Za-z0-9._~+/=-]{12,})"),
        re.compile(r"\b(?:token|password|passwd|secret|api[-_]?key)\s*[:=]\s*" + _VALUE, re.I),
    )
