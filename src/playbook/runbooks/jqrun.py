"""The log queries run on the log format's sample: every jq call that reads the log file, with its flags, on the
example record of data/catalog.yaml's log format, in one jq process (TOOL012)."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess

from playbook.data.spelling import words
from playbook.runbooks.blockcheck import ToolFinding, ToolMissing, _where
from playbook.runbooks.toolcheck import Call, jq_parts, logical_lines


def log_files(cat) -> list[str]:
    """The names the log file goes by in commands: each placeholder whose meaning is about the logs (LOG_FILE,
    "Structured log export"), and its default file name."""
    out = []
    for ph in cat.meta.placeholders:
        if "log" in words(ph.meaning):
            out += [ph.name, *([ph.default] if ph.default else [])]
    return out


def log_records(cat) -> list[str]:
    """The sample records of the declared log format, as JSON lines: catalog.yaml's log_format example."""
    example = cat.data.log_format.example
    return [json.dumps(example, default=str)] if example else []


# Commands that pass the lines of the files they read on unchanged (or some of them): jq after one of them in a
# pipeline reads the records of those files.
_LINE_READERS = {"cat", "grep", "egrep", "fgrep", "head", "tail", "tac", "zcat", "zgrep", "less"}
_SEPARATORS = ("|", "||", "&&", ";", "&")
_VAR = re.compile(r"\$\{?(\w+)\}?")


def _names(word: str, logs: set[str]) -> bool:
    """Whether a shell word names one of the files `logs` (a placeholder `$NAME`, or the file's own name)."""
    return word in logs or any(m in logs for m in _VAR.findall(word))


def jq_log_calls(code: str, logs: set[str]) -> list[tuple[list[str], str, int, int]]:
    """(options, filter, line, column) of every jq call of a block that reads one of the files `logs`: as an
    operand, or through a pipe from a command that passes its lines on (grep … "$LOG_FILE" | jq …)."""
    out = []
    for line in logical_lines(code):
        try:
            words = shlex.split(line, comments=True)
        except ValueError:
            continue  # quotes that do not balance: bash -n reports them
        segments: list[tuple[str, list[str]]] = [("", [])]
        for w in words:
            if w in _SEPARATORS:
                segments.append((w, []))
            else:
                segments[-1][1].append(w)
        for k, (sep, seg) in enumerate(segments):
            if not seg or seg[0] != "jq":
                continue
            try:
                opts, filt, files = jq_parts(Call("jq", seg[1:]))
            except IndexError:
                continue
            before = segments[k - 1][1] if k and sep == "|" else []
            piped = bool(before) and before[0] in _LINE_READERS and any(_names(w, logs) for w in before[1:])
            if files and not any(_names(f, logs) for f in files) or not (files or piped):
                continue
            out.append((opts, filt, *_where(code, filt)))
    return out


# jq's short options that are letters of one word (-cn, -rR), by what they do to the input
_JQ_INPUT_FLAGS = {"n": "null", "R": "raw", "s": "slurp"}
_JQ_LONG = {"--null-input": "null", "--raw-input": "raw", "--slurp": "slurp", "--stream": "stream"}
_JQ_OTHER_FILES = ("--slurpfile", "--rawfile", "-f", "--from-file", "--args", "--jsonargs", "--seq")
_JQ_STRING_LIT = re.compile(r'"(?:[^"\\]|\\.)*"')
_JQ_INPUTS = re.compile(r"(?<![.$\w])inputs?\b")
_MARK = "\x01PB:"
# select(f) keeps the records for which f is true. An object is always true, so a condition whose value is the record
# itself (its own keys: `.`, or the record updated by `=`, `|=`, `+=`, typed for `==`) keeps every record: the batch
# shadows jq's select (same definition, paths kept) with one that stops there, marked.
_KEEPS_ALL = "\x01PB-select"
_SELECT = (
    'def select(f): f as $__pb_c | if type == "object" and ($__pb_c | type) == "object" and ($__pb_c | keys) == keys'
    f' then error("{_KEEPS_ALL}") elif $__pb_c then . else empty end;\n'
)
SELECT_KEEPS_ALL = "select()'s condition is the record itself, changed or not, so it keeps every record"


def jq_run_plan(opts: list[str], values: dict[str, str]) -> tuple[set[str], dict[str, tuple[str, str]]] | None:
    """What a jq call's options do to its input (null, raw, slurp, stream) and its named arguments (name: (option,
    value), the placeholders' defaults filled in); None for a call that reads other files or arguments
    (--slurpfile, --rawfile, -f, --args), which a run on a sample cannot stand in for."""
    modes: set[str] = set()
    named: dict[str, tuple[str, str]] = {}
    i = 0
    while i < len(opts):
        a = opts[i]
        if a in _JQ_OTHER_FILES or a.startswith("-L"):
            return None
        if a in ("--arg", "--argjson"):
            name, raw = (opts[i + 1 : i + 3] + ["", ""])[:2]
            value = _VAR.sub(lambda m: values.get(m.group(1), ""), raw)
            named[name] = (a, value or ("null" if a == "--argjson" else ""))
            i += 3
            continue
        if a in _JQ_LONG:
            modes.add(_JQ_LONG[a])
        elif re.fullmatch(r"-[A-Za-z]+", a):
            modes |= {_JQ_INPUT_FLAGS[c] for c in a[1:] if c in _JQ_INPUT_FLAGS}
        i += 1
    return modes, named


def _jq_program(k: int, filt: str, modes: set[str]) -> str:
    """One call's filter as a part of the batch: run on the inputs its options make of the sample (raw lines, one
    slurped array, stream events; `inputs` reads them under -n), its outputs dropped, its error printed marked."""
    raw = '($__pb_text | split("\\n") | map(select(length > 0)))'
    if "raw" in modes:
        given = "[$__pb_text]" if "slurp" in modes else raw
    elif "stream" in modes:
        given = "[$__pb_recs[] | tostream]"
    else:
        given = "[$__pb_recs]" if "slurp" in modes else "$__pb_recs"
    masked = _JQ_STRING_LIT.sub(lambda m: "\0" * len(m.group()), filt)
    body, shift = filt, 0
    for m in _JQ_INPUTS.finditer(masked):  # `inputs` outside strings reads the sample's remaining inputs
        new = "$__pb_in[]" if m.group() == "inputs" else "$__pb_in[0]"
        body = body[: m.start() + shift] + new + body[m.end() + shift :]
        shift += len(new) - len(m.group())
    dot = "null" if "null" in modes else "$__pb_in[]"
    return f'({given}) as $__pb_in | {dot} | try (({body}\n) | empty) catch ("{_MARK}{k}:" + tostring)'


def _jq_batch(jq: str, calls: list[tuple[int, str, set[str], dict]], recs: str, text: str) -> dict[int, str] | None:
    """The runtime error of each call of one batch (one jq process), or None when the batch does not run."""
    named = {n: v for _, _, _, args in calls for n, v in args.items()}
    argv = [jq, "-n", "-r", "--argjson", "__pb_recs", recs, "--arg", "__pb_text", text]
    for name, (option, value) in named.items():
        argv += [option, name, value]
    argv.append(_SELECT + ",\n".join(_jq_program(k, filt, modes) for k, filt, modes, _ in calls))
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=20)
    except subprocess.TimeoutExpired:
        return None
    if proc.returncode != 0:
        return None
    out: dict[int, str] = {}
    for line in proc.stdout.splitlines():
        if line.startswith(_MARK):
            k, _, message = line[len(_MARK) :].partition(":")
            out.setdefault(int(k), message)
    return out


def jq_run_logs(codes: list[str], logs: list[str], values: dict[str, str], records: list[str]) -> list[ToolFinding]:
    """Every jq call that reads the log file (`logs`: the names it goes by) run with its flags on the sample
    `records` (JSON lines) of the declared log format: a filter that stops with a runtime error on it ("Cannot
    index string with string", `-R` for `-r`) is found at its filter. jq starts slowly (its builtins compile at each
    start), so every call runs in one jq process, its input flags (-n, -R, -s, --stream) and `inputs` emulated on
    the sample; a batch that does not compile (TOOL003's filters) runs call by call. `--arg` values are the
    placeholders' defaults; calls giving one name two values go to another batch."""
    wanted = set(logs)
    found = [(i, c) for i, code in enumerate(codes) for c in jq_log_calls(code, wanted)]
    if not found or not records:
        return []
    jq = shutil.which("jq")
    if not jq:
        raise ToolMissing("jq", "apt-get install jq (or bash scripts/setup)")
    recs = "[" + ",".join(records) + "]"
    text = "".join(r + "\n" for r in records)
    batches: list[list[tuple[int, str, set[str], dict]]] = []
    for k, (_, (opts, filt, _, _)) in enumerate(found):
        plan = jq_run_plan(opts, values)
        if plan is None:
            continue
        call = (k, filt, *plan)
        home = next((b for b in batches if all(c[3].get(n, v) == v for c in b for n, v in plan[1].items())), None)
        if home is None:
            batches.append([call])
        else:
            home.append(call)
    errors: dict[int, str] = {}
    for batch in batches:
        got = _jq_batch(jq, batch, recs, text)
        if got is None and len(batch) > 1:  # one call does not compile: each on its own
            got = {}
            for call in batch:
                got |= _jq_batch(jq, [call], recs, text) or {}
        errors |= got or {}
    out = []
    for k, (i, (opts, _, line, col)) in enumerate(found):
        if errors.get(k) == _KEEPS_ALL:
            out.append(ToolFinding(i, line, col, SELECT_KEEPS_ALL))
        elif k in errors:
            flags = " ".join(
                o for o in opts if re.fullmatch(r"-[A-Za-z]+|--[a-z-]+", o) and o not in ("--arg", "--argjson")
            )
            how = f"with {flags}, the filter" if flags else "the filter"
            out.append(ToolFinding(i, line, col, f"{how} stops on the log format's example record: {errors[k]}"))
    return out
