"""The allow-list of read-only command forms: a command is read-only only in a form listed here.

Deny by default: a command that is not listed (a database reset such as `npx prisma migrate reset`, a
program of the app, a script) is not proven read-only, whatever its name suggests. The list is built from
what the runbooks run (curl, jq, grep, ls, df, sqlite3, git log, vercel logs, ...) and the usual read-only
tools of an incident; each entry that has options which write is listed with the form that does not.
Redirections (`> file`) and sqlite3's SQL are judged where the parse sees them (runbooks/destructive.py).
"""

from __future__ import annotations

from collections.abc import Callable

# Read-only whatever their arguments: they print, compare or look up, and have no option that writes a file
# or changes the system. Shell built-ins that only change the shell itself (cd, read, set) are here too.
ALWAYS = {
    "echo", "printf", "true", "false", ":", "test", "[", "exit", "return", "break", "continue", "shift", "cd",
    "pushd", "popd", "pwd", "read", "mapfile", "readarray", "wait", "sleep", "set", "shopt", "unset", "hash",
    "cat", "tac", "head", "tail", "wc", "grep", "egrep", "fgrep", "zgrep", "jq", "ls", "df", "du", "stat",
    "basename", "dirname", "realpath", "readlink", "id", "whoami", "uname", "uptime", "free", "nproc", "ps",
    "pgrep", "lsof", "cut", "tr", "column", "nl", "paste", "comm", "diff", "cmp", "seq", "which", "type",
    "printenv", "getent", "dig", "nslookup", "host", "ping", "rev", "fold", "od", "hexdump", "strings",
    "md5sum", "sha1sum", "sha256sum", "base64",
}  # fmt: skip
_DEV = ("/dev/null", "/dev/stdout", "/dev/stderr", "/dev/tty", "-")


def _shorts(args: list[str], values: str) -> list[tuple[str, str]]:
    """(option, value) of every option in `args`, short clusters (`-sSo FILE`) split; `values` are the short
    options that take a value (a long option then takes the next word, except `--name=value`)."""
    out, i = [], 0
    while i < len(args):
        a = args[i]
        i += 1
        if a.startswith("--"):
            name, eq, val = a.partition("=")
            out.append((name, val if eq else ""))
            continue
        if not a.startswith("-") or a == "-":
            out.append(("", a))
            continue
        for k, ch in enumerate(a[1:], 1):
            if ch in values:
                rest = a[k + 1 :]
                if not rest and i < len(args):
                    rest = args[i]
                    i += 1
                out.append((f"-{ch}", rest))
                break
            out.append((f"-{ch}", ""))
    return out


_CURL_VALUES = "AbcCdDeEFHKmoPQrtTuUwxXyYz"
_CURL_BODY = {"-d", "--data", "--data-ascii", "--data-binary", "--data-raw", "--data-urlencode", "-F", "--form",
              "--form-string", "-T", "--upload-file", "--json"}  # fmt: skip
_CURL_FILES = {"-o", "--output", "-D", "--dump-header", "-c", "--cookie-jar", "--trace", "--trace-ascii",
               "--libcurl", "--stderr", "--etag-save", "--hsts", "--alt-svc"}  # fmt: skip
_CURL_NEXT = {"--request", "--data", "--data-ascii", "--data-binary", "--data-raw", "--data-urlencode", "--form",
              "--form-string", "--upload-file", "--json", "--output", "--dump-header", "--cookie-jar", "--trace",
              "--trace-ascii", "--libcurl", "--stderr", "--header", "--user", "--config", "--url", "--cookie",
              "--max-time", "--connect-timeout", "--write-out", "--user-agent", "--referer", "--proxy", "--retry",
              "--etag-save", "--hsts", "--alt-svc"}  # fmt: skip


def _curl_writes(args: list[str]) -> tuple[str, str, str]:
    """(the HTTP method of a curl call that asks the server to change something, or ''; why, or ''; why it
    writes or reads a file the block does not show, or '')."""
    opts = _long_values(_shorts(args, _CURL_VALUES), args, _CURL_NEXT)
    if any(a in ("--version", "-V", "--help", "-h", "--manual", "-M") for a in args):
        return "", "", ""
    method, body, get, files = "", "", False, ""
    for name, val in opts:
        if name in ("-X", "--request"):
            method = val.upper()
        elif name in ("-I", "--head"):
            method = method or "HEAD"
        elif name in ("-G", "--get"):
            get = True
        elif name in _CURL_BODY:
            body = name
        elif name in _CURL_FILES and val not in _DEV:
            files = files or f"`curl {name} {val}` writes a file"
        elif name in ("-O", "--remote-name", "--remote-name-all", "-J", "--remote-header-name"):
            files = files or f"`curl {name}` writes a file"
        elif name in ("-K", "--config"):
            files = files or f"`curl {name}` reads options the block does not show"
    if method and method not in ("GET", "HEAD"):
        return method, f"`curl -X {method}` asks the server to change something", files
    if body and not (get and body not in ("-T", "--upload-file")):  # -G sends -d's data in a GET's query
        sent = method or ("PUT" if body in ("-T", "--upload-file") else "POST")
        return sent, f"`curl {body}` sends a body: a write to the server (POST or PUT)", files
    return "", "", files


def _curl(args: list[str]) -> str:
    _, server, files = _curl_writes(args)
    return files or server


def _long_values(opts: list[tuple[str, str]], args: list[str], takes: set[str]) -> list[tuple[str, str]]:
    """`_shorts` with the long options in `takes` given the word after them (`--request POST`)."""
    out: list[tuple[str, str]] = []
    skip = False
    for k, (name, val) in enumerate(opts):
        if skip:
            skip = False
            continue
        if name in takes and not val and k + 1 < len(opts) and opts[k + 1][0] == "":
            out.append((name, opts[k + 1][1]))
            skip = True
        else:
            out.append((name, val))
    return out


def operands(args: list[str]) -> list[str]:
    return [a for a in args if not a.startswith("-") or a == "-"]


def _first(args: list[str], values: set[str]) -> tuple[str, list[str]]:
    """A command's subcommand (its first operand, options with a value in `values` skipped) and what follows."""
    i = 0
    while i < len(args) and args[i].startswith("-"):
        i += 1 + (args[i] in values)
    return (args[i], args[i + 1 :]) if i < len(args) else ("", [])


def _sub(name: str, values: set[str], reads: set[str], more: Callable[[str, list[str]], bool] | None = None):
    def judge(args: list[str]) -> str:
        sub, rest = _first(args, values)
        if sub in reads or (more is not None and more(sub, rest)):
            return ""
        return (
            f"`{name} {sub}`".replace(" `", "`")
            + f" is not one of its read-only forms ({', '.join(sorted(reads - {''}))})"
        )

    return judge


_GIT_READS = {"log", "show", "status", "diff", "rev-parse", "describe", "blame", "shortlog", "ls-files", "ls-tree",
              "cat-file", "grep", "rev-list", "reflog"}  # fmt: skip


def _git(args: list[str]) -> str:
    if any(a.startswith("--output") for a in args):
        return "`git --output` writes a file"
    sub, rest = _first(args, {"-C", "-c", "--git-dir", "--work-tree"})
    if sub == "reflog" and rest and rest[0] in ("expire", "delete"):
        return f"`git reflog {rest[0]}` changes the repository"
    if sub in _GIT_READS or (sub in ("branch", "remote", "tag") and not operands(rest)):
        return ""
    return f"`git {sub}` is not one of its read-only forms ({', '.join(sorted(_GIT_READS))})"


def _vercel(sub: str, rest: list[str]) -> bool:
    return sub == "help" or (sub == "env" and bool(rest) and rest[0] in ("ls", "list"))


def _kubectl(sub: str, rest: list[str]) -> bool:
    return (sub == "config" and bool(rest) and rest[0] in ("view", "current-context", "get-contexts")) or (
        sub == "auth" and bool(rest) and rest[0] == "can-i"
    )


def _docker(sub: str, rest: list[str]) -> bool:
    lists = ("ls", "inspect", "logs", "ps", "top", "images", "config")
    return sub in ("container", "image", "volume", "network", "compose") and bool(rest) and rest[0] in lists


def _only_options(name: str, bad: tuple[str, ...], what: str) -> Callable[[list[str]], str]:
    def judge(args: list[str]) -> str:
        hit = next((a for a in args if a.startswith(bad)), None)
        return f"`{name} {hit}` {what}" if hit else ""

    return judge


def _operand_count(name: str, most: int, what: str) -> Callable[[list[str]], str]:
    return lambda args: f"`{name}` with {most + 1} operands {what}" if len(operands(args)) > most else ""


def _date(args: list[str]) -> str:
    if any(a in ("-s", "--set") or a.startswith("--set=") for a in args):
        return "`date --set` sets the system clock"
    values = {"-d", "--date", "-r", "--reference", "-f", "--file"}
    operands = [a for k, a in enumerate(args) if not a.startswith("-") and (k == 0 or args[k - 1] not in values)]
    return "`date MMDDhhmm` sets the system clock" if [a for a in operands if not a.startswith("+")] else ""


def _fuser(args: list[str]) -> str:
    kill = any(a == "--kill" or (a.startswith("-") and not a.startswith("--") and "k" in a) for a in args)
    return "`fuser -k` kills the processes it finds" if kill else ""


def _tee(args: list[str]) -> str:
    files = [a for a in operands(args) if a not in _DEV]
    return f"`tee {files[0]}` writes a file" if files else ""


FORMS: dict[str, Callable[[list[str]], str]] = {
    "curl": _curl,
    "git": _git,
    "vercel": _sub(
        "vercel",
        {"--scope", "--token", "-t", "-A", "--local-config", "--cwd"},
        {"logs", "ls", "list", "inspect", "whoami"},
        _vercel,
    ),  # fmt: skip
    "kubectl": _sub(
        "kubectl",
        {"-n", "--namespace", "--context", "--cluster", "--kubeconfig", "-s", "--server"},
        {"get", "describe", "logs", "top", "explain", "version", "api-resources", "api-versions", "cluster-info"},
        _kubectl,
    ),  # fmt: skip
    "docker": _sub(
        "docker",
        {"-H", "--host", "--context", "--config", "-l", "--log-level"},
        {"ps", "logs", "inspect", "images", "stats", "version", "info", "top", "port", "diff"},
        _docker,
    ),  # fmt: skip
    "systemctl": _sub(
        "systemctl",
        {"-H", "--host", "-M", "--machine", "-p", "--property", "-t", "--type"},
        {
            "",
            "status",
            "is-active",
            "is-enabled",
            "is-failed",
            "is-system-running",
            "show",
            "cat",
            "list-units",
            "list-unit-files",
            "list-timers",
            "list-sockets",
            "list-dependencies",
        },
    ),  # fmt: skip
    "service": lambda args: (
        ""
        if args[-1:] == ["status"] or args == ["--status-all"]
        else "`service` other than `service NAME status` changes a running service"
    ),  # fmt: skip
    "journalctl": _only_options(
        "journalctl",
        (
            "--vacuum",
            "--rotate",
            "--flush",
            "--sync",
            "--relinquish-var",
            "--smart-relinquish-var",
            "--setup-keys",
            "--update-catalog",
        ),
        "changes the journal",
    ),  # fmt: skip
    "find": _only_options(
        "find", ("-delete", "-exec", "-execdir", "-ok", "-okdir", "-fprint", "-fls"), "deletes, writes or runs commands"
    ),  # fmt: skip
    "sort": _only_options("sort", ("-o", "--output", "--compress-program"), "writes a file or runs a program"),
    "uniq": _operand_count("uniq", 1, "writes the second one"),
    "date": _date,
    "hostname": lambda args: "`hostname NAME` renames the machine" if args else "",
    "fuser": _fuser,
    "tee": _tee,
}


def names(cmd: str, args: list[str]) -> tuple[str, ...]:
    """What a `safe:` names to excuse a command that is not proven read-only (its `covers:`): the HTTP method
    of a curl call that writes to the server (POST, PUT, DELETE…), with `curl` when it also writes a file; the
    program's name for every other command (mkdir, cp, git, vercel)."""
    if cmd == "curl":  # and the write with its URL ("POST $BASE_URL/api/notes"): a safe: excuses a declared one only
        method, _, files = _curl_writes(args)
        opts = _long_values(_shorts(args, _CURL_VALUES), args, _CURL_NEXT)
        url = next((v for n, v in opts if n in ("", "--url")), "")
        return tuple(n for n, why in ((method, method), (f"{method} {url}", method and url), ("curl", files)) if why)
    return (cmd,)


def not_read_only(cmd: str, args: list[str]) -> str:
    """Why a command (its name, its arguments as bash passes them) is not proven read-only; '' when it is."""
    if cmd in ALWAYS:
        return ""
    form = FORMS.get(cmd)
    if form is None:
        return f"`{cmd}` is not on the list of read-only commands"
    return form(args)
