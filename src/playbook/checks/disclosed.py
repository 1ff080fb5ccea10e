"""Checker rule SEC013: a runnable block never prints a secret at run time (xtrace, an environment dump, a verbose
request, a secret passed to a command that shows its arguments), from a real parse of the shell (tree-sitter-bash)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tree_sitter import Node

from playbook.checks.credentials import names_credential
from playbook.checks.engine import CheckContext, Reporter, rule
from playbook.checks.tools import at, spots
from playbook.runbooks.destructive import _past_wrappers
from playbook.runbooks.shellparse import _argv, _parser, _value, _walk

# Commands that take a secret in their arguments and never show it, as long as no option below makes them show their
# request (deny by default: every other command, echo, printf, cat, jq, tee, watch's title, is taken to print it).
_QUIET = {"curl", "wget", "http", "https", "test", "[", "true", ":"}
# Options that make a quiet client print its request headers (the Authorization header among them) to the terminal.
_LOUD_LONG = {
    "curl": ("--verbose", "--trace", "--trace-ascii", "--libcurl"),
    "wget": ("--debug",),
    "http": ("--verbose", "--print", "--offline", "--debug"),
    "https": ("--verbose", "--print", "--offline", "--debug"),
}
_LOUD_SHORT = {"curl": "v", "wget": "d", "http": "vp", "https": "vp"}
# curl's short options that take a value: in a cluster (-sfo FILE), the letters after one of them are its value.
_CURL_VALUE = set("AbcCDdeEFHKmoPQrtTuUwxXyYz")
_SHELLS = {"bash", "sh", "dash", "zsh", "ksh"}
# Commands that print every variable of the shell, or of its environment, the secret placeholders among them.
_DUMPS = {"env", "printenv", "set", "export", "declare", "typeset", "local", "readonly", "compgen"}
# Commands that print a file's content, and the files that hold credentials: an app's .env, a .netrc, a cloud CLI's
# credentials, a private key.
_PRINTERS = {"cat", "head", "tail", "less", "more", "grep", "egrep", "fgrep", "rg", "bat", "tac", "nl", "strings", "jq",
             "xxd", "od", "base64", "sed", "awk"}  # fmt: skip
_SECRET_FILE = re.compile(r"(?:^|/)\.env(?:\.[\w.-]+)?$|(?:^|/)\.netrc$|(?:^|/)credentials(?:\.json)?$|\.pem$|\.key$|"
                          r"(?:^|/)id_(?:rsa|dsa|ecdsa|ed25519)$|(?:^|/)\.pgpass$|(?:^|/)\.npmrc$")  # fmt: skip


_REMOTE = {"docker", "podman", "kubectl", "ssh", "oc"}  # run a command elsewhere: `docker exec app env`


def _environment(cmd: str, args: list[str]) -> bool:
    """A command that shows an environment: a process's environ file, a script printing os.environ or process.env,
    BSD ps with e (ps eww, ps auxe), `env` or `printenv` run in a container or on a host, `heroku config`."""
    if any("/environ" in a or "os.environ" in a or ("process.env" in a and "process.env." not in a) for a in args):
        return True
    if cmd == "ps":
        return any(not a.startswith("-") and "e" in a and a.isalpha() for a in args)
    if cmd in _REMOTE:
        return bool({"env", "printenv"} & set(args)) and args[-1] in ("env", "printenv")
    return cmd == "heroku" and args[:1] == ["config"]


def _secret_file(path: str) -> bool:
    """A file that holds credentials (a template of one, .env.example, holds none)."""
    return bool(_SECRET_FILE.search(path)) and not path.endswith((".example", ".sample", ".template"))


def _kube_secret(args: list[str]) -> bool:
    """`kubectl get secret(s) NAME -o yaml|json|jsonpath=…`: the values, base64-encoded, in clear."""
    words = [a.lower() for a in args]
    kinds = {"secret", "secrets"} | {w for w in words if w.startswith(("secret/", "secrets/"))}
    printed = any(w in ("-o", "--output") or w.startswith(("-o", "--output=")) for w in words)
    return "get" in words and bool(kinds & set(words)) and printed


# An expansion that shows something about a variable but not its value: its length, or a word when it is set.
_HIDDEN = re.compile(r"^\$\{#|^\$\{\w+:?[+]")


def _secret_refs(node: Node, secrets: set[str]) -> list[Node]:
    """The expansions inside `node` that read a secret's value."""
    return [
        n
        for n in _walk(node)
        if n.type in ("simple_expansion", "expansion")
        and any(c.type == "variable_name" and c.text.decode() in secrets for c in n.children)
        and not _HIDDEN.match(n.text.decode())
    ]


def _tainted(root: Node, secrets: set[str]) -> set[str]:
    """The secrets and every variable the block assigns from one (AUTH="Bearer $TOKEN" holds the token too)."""
    out = set(secrets)
    while True:
        more = {
            n.child_by_field_name("name").text.decode()
            for n in _walk(root)
            if n.type == "variable_assignment" and n.child_by_field_name("name") is not None and _secret_refs(n, out)
        } - out
        if not more:
            return out
        out |= more


def _loud(cmd: str, args: list[str]) -> str:
    """The option of a quiet client that makes it print its request ('' when none does)."""
    for a in args:
        if a == "--":
            break
        if a.startswith("--"):
            if a.split("=", 1)[0] in _LOUD_LONG.get(cmd, ()):
                return a
        elif a.startswith("-") and len(a) > 1:
            for ch in a[1:]:
                if ch in _LOUD_SHORT.get(cmd, ""):
                    return a
                if cmd == "curl" and ch in _CURL_VALUE:
                    break
    return ""


def _dump(cmd: str, args: list[str], secrets: set[str]) -> bool:
    """Whether `cmd args` prints the shell's variables or its environment (a secret placeholder the reader set)."""
    plain = [a for a in args if not a.startswith("-")]
    if cmd == "printenv":
        return not plain or bool(set(plain) & secrets)
    if cmd == "set":
        return not args
    if cmd in ("export", "declare", "typeset", "readonly", "local"):
        return not plain or (any("p" in a for a in args if a.startswith("-")) and not (set(plain) - secrets))
    return False


def _traces(cmd: str, args: list[str]) -> bool:
    """`set -x`, `set -o xtrace`, `set -v`, `shopt -so xtrace`, `bash -x`: every command is echoed, expanded."""
    if cmd == "set" or cmd in _SHELLS:
        short = [a for a in args if re.fullmatch(r"-[a-zA-Z]+", a)]
        if any(set(a[1:]) & {"x", "v"} for a in short):
            return True
    if cmd in ("set", "shopt") or cmd in _SHELLS:
        return any(a in ("xtrace", "verbose") for a in args) and not any(a in ("+o", "-u") for a in args)
    return False


def _command_string(cmd: str, args: list[str]) -> str | None:
    """The command string `bash -c STRING` runs, or `watch -t STRING` (whose title, that would show it, is off)."""
    flags = [a for a in args if a.startswith("-")]
    if cmd in _SHELLS and any(re.fullmatch(r"-[a-z]*c[a-z]*", a) for a in flags):
        k = next(n for n, a in enumerate(args) if re.fullmatch(r"-[a-z]*c[a-z]*", a)) + 1
        return args[k] if k < len(args) else None
    if cmd == "watch" and any(a in ("-t", "--no-title") or re.fullmatch(r"-[a-z]*t[a-z]*", a) for a in flags):
        rest = [a for a in args if not a.startswith("-") and not a.isdigit()]
        return " ".join(rest) if rest else None
    return None


def _captured(node: Node) -> bool:
    """Whether what a command prints is kept from the terminal: captured by a command substitution
    (AUTH=$(printf 'Bearer %s' "$TOKEN")), or piped into a request tool (printf … "$TOKEN" | curl -H @- …)."""
    while node.parent is not None:
        parent = node.parent
        if parent.type in ("command_substitution", "process_substitution"):
            return True
        if parent.type == "pipeline":
            later = [c for c in parent.named_children if c.start_byte > node.start_byte]
            if not later:
                return False
            argv = [_value(w) for w in _argv(later[0])] if later[0].type == "command" else []
            i = _past_wrappers(argv) if argv else None
            return (
                i is not None
                and i < len(argv)
                and argv[i].rsplit("/", 1)[-1] in _QUIET
                and not _loud(argv[i].rsplit("/", 1)[-1], argv[i + 1 :])
            )
        node = parent
    return False


def disclosures(code: str, secrets: set[str]) -> list[tuple[int, int, str]]:
    """(line, column, what) of every command of a shell block that prints a secret's value, or every variable."""
    return list(_scan(_parser().parse(code.encode()).root_node, secrets, (0, 0)))


def _scan(root: Node, secrets: set[str], shift: tuple[int, int]) -> Iterator[tuple[int, int, str]]:
    secrets = _tainted(root, secrets)
    text = root.text.decode()  # a secret in a single-quoted command string (sh -x -c '…$TOKEN…') is used too
    uses = any(re.search(rf"\$\{{?{name}\b", text) for name in secrets)
    for node in _walk(root):
        if node.type not in ("command", "declaration_command"):
            continue
        row, col = node.start_point
        where = (shift[0] + row + 1, (shift[1] if row == 0 else 0) + col + 1)
        argv = [_value(w) for w in _argv(node)] if node.type == "command" else node.text.decode().split()
        if argv[:1] == ["env"] and _past_wrappers(argv) == len(argv):
            yield (*where, "`env` prints every variable of the environment, the secret placeholders among them")
            continue
        i = _past_wrappers(argv)
        if i is None or i >= len(argv):
            continue
        cmd, args = argv[i].rsplit("/", 1)[-1], argv[i + 1 :]
        if cmd in _DUMPS and _dump(cmd, args, secrets):
            shown = " ".join(argv[i:])[:40]
            yield (*where, f"`{shown}` prints the shell's variables, the secret placeholders among them")
        elif _environment(cmd, args):
            yield (*where, f"`{cmd}` shows a process's environment, the secret placeholders among them")
        elif cmd in _PRINTERS and (f := next((a for a in args if _secret_file(a)), None)):
            yield (*where, f"`{cmd}` prints {f}, a file that holds credentials")
        elif cmd == "kubectl" and _kube_secret(args):
            yield (*where, "`kubectl get secret -o …` prints the secret's values (base64 is no mask)")
        elif uses and _traces(cmd, args):
            yield (*where, f"`{' '.join(argv[i:])[:40]}` echoes every command expanded: the secrets it sends too")
        elif (inner := _command_string(cmd, args)) is not None:
            yield from _scan(_parser().parse(inner.encode()).root_node, secrets, (where[0] - 1, where[1] - 1))
        elif _secret_refs(node, secrets):
            if cmd not in _QUIET and not _captured(node):
                yield (*where, f"`{cmd}` is given a secret's value and shows it (only a request tool keeps it)")
            elif loud := _loud(cmd, args):
                yield (*where, f"`{cmd} {loud}` prints the request it sends, the secret in its headers among it")


@rule(
    "SEC013",
    "error",
    "a runnable block never prints a secret at run time: no xtrace, no environment dump, no verbose request, no "
    "secret handed to a command that shows it",
    "A secret placeholder ($TOKEN, $OPENAI_API_KEY) is set in the responder's shell and masked by `playbook run`; "
    "but `set -x` echoes every command with the token expanded, `env` or `printenv` lists it, `curl -v` prints the "
    'Authorization header, `echo "$TOKEN"` or `watch` (whose title shows its command) prints it: into the terminal, '
    "the run transcript pasted into the incident's timeline and any screen share. Deny by default: only a request "
    "tool (curl, wget, httpie) without a verbose option may be given a secret, or a variable assigned from one.",
    'drop the tracing or the dump (check a placeholder is set with `[ -n "$TOKEN" ]`, or `${#TOKEN}`), drop -v '
    "(use -w '%{http_code}' or -i for the response), and pass the secret only to the request that needs it",
)
def no_secret_printed(ctx: CheckContext, report: Reporter):
    cat = ctx.catalog
    secrets = {p.name for p in cat.meta.placeholders if p.secret}
    for s in spots(cat):
        if s.kind not in ("shell", "jq"):
            continue
        names = secrets | {m for m in re.findall(r"\$\{?(\w+)", s.code) if names_credential(m)}
        for line, col, what in cat.memoized(("disclosed", s.code), lambda s=s, n=names: disclosures(s.code, n)):
            yield at(report, s, line, col, what)
