"""Checker rule on a provider's credential sent to a host its provider does not own (SEC025)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at_node, spots
from playbook.data import files as F
from playbook.runbooks.destructive import runs

# The programs that send a request to an address given among their words
SENDERS = frozenset({"curl", "wget", "http", "https", "xh"})
_URL = re.compile(r"(?i)\bhttps?://([^/\s\"'?#:]+)")
# The first word of a secret's name that names its provider (OPENAI_API_KEY: openai), unless it says what a secret
# is rather than whose (API_TOKEN, AUTH_SECRET): those name no provider, and are the app's own.
_NOT_A_PROVIDER = frozenset(
    {"api", "auth", "access", "app", "token", "secret", "bearer", "session", "admin", "user", "db", "database",
     "service", "client", "private", "master", "root", "basic", "my", "the", "prod", "staging", "dev", "test", "web"}
)  # fmt: skip


def provider(name: str) -> str:
    """The provider a secret placeholder's name names (OPENAI_API_KEY: 'openai'), '' when it names none."""
    first = name.split("_", 1)[0].lower()
    return first if len(first) >= 3 and first.isalpha() and first not in _NOT_A_PROVIDER else ""


def sent_elsewhere(argv: list[str], secrets: dict[str, str]) -> Iterator[tuple[int, str, str, str]]:
    """(index of the word, address, secret, provider) of each address a request sends a provider's secret to whose host
    is not the provider's (`owned`)."""
    used = [(n, p) for n, p in secrets.items() if any(re.search(rf"\$\{{?{n}\b", a) for a in argv[1:])]
    if not used:
        return
    for i, a in enumerate(argv[1:], 1):
        for m in _URL.finditer(a):
            host = m.group(1).lower()
            for name, prov in used:
                if not owned(host, prov):
                    yield i, a, name, prov


def owned(host: str, prov: str) -> bool:
    """Whether `host` is a host of the provider: the name its owner registered (the label before the top-level
    domain, or before a two-letter country's `co.uk`) is the provider's name, or letters around it (googleapis,
    amazonaws); `openai-proxy.dev` and `openai.example.net` are someone else's."""
    labels = host.rstrip(".").split(".")
    if len(labels) < 2:
        return False
    owner = (
        labels[-3]
        if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in ("co", "com", "org", "net")
        else labels[-2]
    )
    return owner == prov or (owner.isalpha() and (owner.startswith(prov) or owner.endswith(prov)))


@rule(
    "SEC025",
    "error",
    "a provider's secret (OPENAI_API_KEY) is sent only to a host of that provider (api.openai.com)",
    "A secret placeholder named for its provider is that provider's credential: a request that carries it (in an "
    "Authorization header, a query, a body) to another host hands the production key to whoever runs that host (a "
    "relay, a proxy, a look-alike domain), in every run of the step; and the step then measures that host, not the "
    "provider. The provider is the first word of the secret's name, and its hosts are in the domain it registered "
    "under that name (openai: api.openai.com; not openai-proxy.dev nor openai.example.net). A secret whose name "
    "names no provider (TOKEN, API_KEY) is the app's own and left alone.",
    "send the request to the provider's own address (the endpoint's path), or send no credential to the other host",
)
def credentials_to_their_hosts(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    secrets = {p.name: prov for p in cat.meta.placeholders if p.secret and (prov := provider(p.name))}
    if not secrets:
        return
    for s in spots(cat):
        if s.kind != "shell":
            continue
        for _node, words, argv in cat.memoized(("credential hosts", "runs", s.code), lambda s=s: list(runs(s.code))):
            if argv[0] not in SENDERS:
                continue
            for i, address, name, prov in sent_elsewhere(argv, secrets):
                message = f"${name} ({prov}'s credential) is sent to {address}, a host {prov} does not own"
                k = next(
                    (k for k, e in enumerate(cat.data.endpoints) if e.path.startswith("http") and e.path in address),
                    None,
                )
                if k is not None:  # an endpoint's full address, quoted: its path is the line to change
                    yield report(
                        F.CATALOG, ("endpoints", k, "path"), message + f" (endpoint {cat.data.endpoints[k].id})"
                    )
                else:
                    yield at_node(report, s, words[i], message)
