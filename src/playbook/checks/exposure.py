"""Checker rules on where a runnable block sends a credential: never in clear or unchecked TLS (SEC018), never to a
host other than its own (SEC019), never an SSH agent lent to another host (SEC020), from a parse of the shell."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from playbook.checks.credentials import names_credential
from playbook.checks.disclosed import _CURL_VALUE
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.data import files as F
from playbook.runbooks.destructive import runs

_CLIENTS = {"curl", "wget", "http", "https", "xh"}  # request tools: their operand is the address they send to
# Options of the clients that send a credential whatever the variables are named: a user and password, a cookie.
_HTTPIE = {"-a", "--auth"}
_CREDENTIAL_OPTIONS = {
    "curl": {"-u", "--user", "--oauth2-bearer", "-b", "--cookie", "--proxy-user"},
    "wget": {"--user", "--password", "--http-user", "--http-password"},
    "http": _HTTPIE, "https": _HTTPIE, "xh": _HTTPIE,
}  # fmt: skip
_CREDENTIAL_HEADER = re.compile(r"^\s*(?:authorization|proxy-authorization|cookie|x-api-key|api-key)\s*:", re.I)
# Options that turn the check of the server's certificate off: the credential goes to whoever answers.
_UNCHECKED = {"-k", "--insecure", "--no-check-certificate", "--verify=no", "--verify=false", "--proxy-insecure"}
_LOOPBACK = re.compile(r"^(?:localhost|127(?:\.\d+){3}|\[?::1\]?|[\w.-]+\.localhost|0\.0\.0\.0)$", re.I)
_REF = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)")


@dataclass(frozen=True)
class Request:
    line: int  # of the word that carries the credential, 1-based in the block's code
    col: int
    url: str  # as written, quotes removed
    resolved: str  # with a leading placeholder replaced by its default
    credentials: tuple[str, ...]  # the secrets (placeholder names) or options that carry one
    unchecked: str  # the option that turns the certificate's check off ('' when none)


def requests(code: str, secrets: set[str], defaults: dict[str, str]) -> list[Request]:
    """Every request of a shell block that carries a credential, with the address it is sent to."""
    out = []
    for _node, words, argv in runs(code):
        if argv[0] not in _CLIENTS:
            continue
        carried, where, url, unchecked = [], None, "", ""
        for k, (word, value) in enumerate(zip(words[1:], argv[1:], strict=False), 1):
            names = [n for n in _REF.findall(value) if n in secrets or names_credential(n)]
            option = value.split("=", 1)[0]
            options = _CREDENTIAL_OPTIONS[argv[0]]
            if option in options or (k > 1 and _CREDENTIAL_HEADER.match(value) and argv[k - 1] in
                                                ("-H", "--header")):  # fmt: skip
                names = names or [option if option in options else value.split(":", 1)[0]]
            if value in _UNCHECKED or (argv[0] == "curl" and _curl_k(value)):
                unchecked = value
            if names:
                carried += names
                where = where or (word.start_point[0] + 1, word.start_point[1] + 1)
            if not url and re.match(r"https?://", resolve(value, defaults), re.I):  # $BASE_URL/… too
                url = value
        if not carried or not url or where is None:
            continue
        out.append(Request(*where, url, resolve(url, defaults), tuple(dict.fromkeys(carried)), unchecked))
    return out


def _curl_k(word: str) -> bool:
    """A cluster of curl's short options (-sSk) that holds -k, before any letter that takes a value."""
    if not re.fullmatch(r"-[A-Za-z0-9#:]+", word):
        return False
    for ch in word[1:]:
        if ch == "k":
            return True
        if ch in _CURL_VALUE:
            return False
    return False


def resolve(url: str, defaults: dict[str, str]) -> str:
    """`url` with the placeholder it starts with ($BASE_URL/…) replaced by the placeholder's default."""
    m = re.match(r"\$\{?([A-Za-z_]\w*)\}?", url)
    if m and defaults.get(m.group(1)):
        return defaults[m.group(1)] + url[m.end() :]
    return url


def host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower() if "://" in url else ""
    except ValueError:
        return ""


def clear(url: str) -> bool:
    """An address reached without TLS on the network: http:// to a host other than this machine."""
    return url.lower().startswith("http://") and not _LOOPBACK.match(host(url) or "localhost")


def _found(cat) -> list[tuple[object, Request]]:
    secrets = {p.name for p in cat.meta.placeholders if p.secret}
    defaults = {p.name: p.default for p in cat.meta.placeholders if p.default}

    def make():
        out = []
        for s in spots(cat):
            if s.kind == "shell" and any(c in s.code for c in _CLIENTS):
                out += [(s, r) for r in requests(s.code, secrets, defaults)]
        return out

    return cat.memoized(("exposure", "requests"), make)


@rule(
    "SEC018",
    "error",
    "a runnable request that carries a credential goes over https, with the server's certificate checked",
    "A token, an API key, a password or a cookie sent to an http:// address crosses the network in clear on the "
    "first request (a redirect to https comes after it): every proxy, Wi-Fi and host on the way can read it. With "
    "the certificate's check off (curl -k, wget --no-check-certificate) it goes to whoever answers for the host. "
    "The address is followed where it is written: an endpoint of the catalog, a placeholder's default, the command.",
    "write the https:// address (the endpoint's path, the placeholder's default) and drop -k / --insecure",
)
def credentials_over_tls(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    endpoints = {e.path: i for i, e in enumerate(cat.data.endpoints) if "://" in e.path}
    defaults = {p.name: i for i, p in enumerate(cat.meta.placeholders) if p.default}
    seen = set()
    for s, r in _found(cat):
        what = ", ".join(r.credentials)
        if r.unchecked:
            yield at(
                report, s, r.line, r.col, f"the request sends {what} with the certificate's check off ({r.unchecked})"
            )
        if not clear(r.resolved):
            continue
        message = f"the request sends {what} in clear to {r.resolved}"
        m = re.match(r"\$\{?([A-Za-z_]\w*)\}?", r.url)
        if m and m.group(1) in defaults:  # the address is the placeholder's default: it is written there
            key = (F.META, m.group(1))
            if key not in seen:
                seen.add(key)
                yield report(F.META, ("placeholders", defaults[m.group(1)], "default"), message + f" (${m.group(1)})")
        elif (e := next((i for p, i in endpoints.items() if r.url.startswith(p)), None)) is not None:
            if ("endpoint", e) not in seen:
                seen.add(("endpoint", e))
                yield report(F.CATALOG, ("endpoints", e, "path"), message + " (this endpoint's address)")
        else:
            yield at(report, s, r.line, r.col, message)


@rule(
    "SEC019",
    "error",
    "each secret placeholder is sent to one host only: the service it is the credential of",
    "A credential opens one service: the app's bearer token the app's API, the provider's key the provider. The "
    "data's own requests say where each secret goes; one sent to another host (the app's token to the AI provider) "
    "is handed to a third party that logs request headers, and its answer (401) is read as the wrong key's fault.",
    "send the credential of the service the request calls (the placeholder the other requests to that host send)",
)
def credentials_to_their_host(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    secrets = {p.name for p in cat.meta.placeholders if p.secret}
    hosts: dict[str, Counter] = {}
    found = _found(cat)
    for _, r in found:
        for name in set(r.credentials) & secrets:
            if h := host(r.resolved):
                hosts.setdefault(name, Counter())[h] += 1
    for s, r in found:
        for name in sorted(set(r.credentials) & secrets):
            counts, h = hosts.get(name, Counter()), host(r.resolved)
            if h and len(counts) > 1 and counts[h] < max(counts.values()):
                home = counts.most_common(1)[0][0]
                message = f"${name} is sent to {h}, though the data's other requests send it to {home}"
                yield at(report, s, r.line, r.col, message)


# ssh's short options that take a value (ssh(1)): in a cluster (-tAp 22), the letters after one of them are its value.
_SSH_VALUE = set("BbcDEeFIiJLlmOoPpQRSWw")
_LENDING = re.compile(r"^(?:forwardagent|gssapidelegatecredentials)\s*[= ]\s*(?:yes|true|on|\S*/)", re.I)


def lends_agent(argv: list[str]) -> str:
    """The option of an ssh command line (or an ssh it runs on the remote host) that lends the responder's agent or
    Kerberos credentials to the host it reaches ('' when none does)."""
    i = 0
    while i < len(argv):
        if argv[i].rsplit("/", 1)[-1] not in ("ssh", "scp", "sftp"):
            i += 1
            continue
        i += 1
        while i < len(argv) and argv[i].startswith("-") and argv[i] != "--":
            a = argv[i]
            if a.startswith("-o"):
                value = a[2:] or (argv[i + 1] if i + 1 < len(argv) else "")
                if _LENDING.match(value):
                    return f"-o {value}"
                i += 1 if a[2:] else 2
                continue
            for n, ch in enumerate(a[1:], 1):
                if ch == "A":
                    return a
                if ch in _SSH_VALUE:
                    i += 0 if a[n + 1 :] else 1
                    break
            i += 1
    return ""


@rule(
    "SEC020",
    "error",
    "a runnable ssh never forwards the responder's agent (-A, ForwardAgent) nor delegates Kerberos credentials",
    "With -A the responder's SSH agent is lent to the host reached: whoever is root there, or has compromised it, "
    "signs with the responder's keys for as long as the session lasts, to every host and repository they open. "
    "ProxyJump (-J) reaches the host behind a bastion without lending anything.",
    "reach the inner host with ssh -J bastion host (ProxyJump), not ssh -A",
)
def no_agent_forwarding(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    for s in spots(cat):
        if s.kind != "shell" or not re.search(r"\b(?:ssh|scp|sftp)\b", s.code):
            continue
        for node, _, argv in runs(s.code):
            if option := lends_agent(argv):
                where = (node.start_point[0] + 1, node.start_point[1] + 1)
                yield at(report, s, *where, f"`{option}` lends the responder's SSH credentials to the remote host")
