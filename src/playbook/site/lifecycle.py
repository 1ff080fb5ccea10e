"""The Incident Lifecycle page: worked examples made by the library the commands call, at a fixed time, and the
command reference rendered from the commands' definitions (playbook.incident.usage), not by running argparse."""

from __future__ import annotations

from datetime import UTC

from playbook.data.catalog import Catalog
from playbook.incident import usage
from playbook.incident.classify import INPUT_FORMATS, classify, flag, parse_signal, report, typed
from playbook.incident.postmortem import check_record, check_report
from playbook.incident.records import incident_id, log_event, parse_time, render_record
from playbook.markdown import Md, code, fence, table, text

# A fixed start (a Friday before a public holiday, so the due date shows the weekend and the holiday skipped)
# and a fixed version keep the examples, and the runbooks/ extracted from them, identical from build to build.
SAMPLE_START = "2026-01-16T10:30"
SAMPLE_VERSION = "sample"
SAMPLE_TITLE = "Sign-in failures"
SAMPLE_DIR = "incidents"
# The sample values, each typed in its signal's unit as the data declares it (a unit changed in the data changes
# how the example is typed; it once crashed the page, and `playbook check` with it, on "2.5x" for a % signal).
SAMPLE_SIGNALS = [("error_rate", 35), ("audit_logging_down", 40), ("users_affected", 3)]
SAMPLE_SIGNALS += [("p95_vs_baseline", 2.5), ("ai_error_rate", 85)]
SAMPLE_LOG = [("2026-01-16T10:24", "Alert fired"), ("2026-01-16T10:52", "Fix deployed")]


def _quoted(argv: list[str]) -> str:
    return " ".join(f'"{a}"' if " " in a else a for a in argv)


def _samples(cat: Catalog) -> list[tuple[str, list[str], float | bool]]:
    """(signal id, its words on the command line, the value observed): a switch (a bool signal) takes no value."""
    out = []
    for sid, value in SAMPLE_SIGNALS:
        sig = cat.signals[sid]
        words = [typed(sig, value)] if sig.unit != "bool" else []
        out.append((sid, [flag(sig), *words], parse_signal(sig, words[0]) if words else True))
    return out


def sample_classify_argv(cat: Catalog) -> list[str]:
    return ["classify", *(w for _, words, _ in _samples(cat) for w in words), "--started", SAMPLE_START]


def render_classify_example(cat: Catalog) -> Md:
    """`playbook classify` on the sample signals, as it prints (without the YAML locations, which an editor
    reads on the terminal: a comment line added to the data must not change the page)."""
    observed = {sid: value for sid, _, value in _samples(cat)}
    text = report(cat, classify(cat, observed), parse_time(SAMPLE_START, UTC), locations=False)
    return fence("$ playbook " + _quoted(sample_classify_argv(cat)) + "\n" + text, "output")


def sample_record(cat: Catalog) -> tuple[str, str, list[list[str]]]:
    """The sample record as `incident new` and `incident log` write it: (file name, text, the commands)."""
    sev = cat.incident.postmortem.required_for[0]
    started = parse_time(SAMPLE_START, UTC)
    name = f"{incident_id(started)}.md"
    text = render_record(cat, SAMPLE_TITLE, sev, started, SAMPLE_VERSION)
    cmds = [["incident", "new", SAMPLE_TITLE, "--sev", sev, "--started", SAMPLE_START, "--dir", SAMPLE_DIR]]
    for at, event in SAMPLE_LOG:
        try:
            text = log_event(text, parse_time(at, UTC), event, UTC)
        except ValueError:  # the template lost its Timeline table: PM001 says where; the page shows what `new` makes
            break
        cmds.append(["incident", "log", f"{SAMPLE_DIR}/{name}", event, "--at", at])
    return name, text, cmds


def render_incident_example(cat: Catalog) -> Md:
    name, record, cmds = sample_record(cat)
    shown = "\n".join("$ playbook " + _quoted(c) for c in cmds)
    return fence(shown, "output") + Md("\n") + fence(record, "output", title=name)


def render_check_example(cat: Catalog) -> Md:
    name, record, _ = sample_record(cat)
    text = check_report(check_record(cat, record, name, UTC), name)
    return fence(f"$ playbook postmortem check {name}\n{text}", "output")


def render_check_rules() -> Md:
    from playbook.incident.postmortem import RULES

    return table(["Rule", "What it checks"], [[k, v] for k, v in RULES.items()])


def render_input_formats(cat: Catalog) -> Md:
    """How each kind of signal value may be typed, from the table the parser uses."""
    units = {s.unit for s in cat.severities.signals}
    rows = [
        Md("{} ({})").format(what, Md(" or ").join(code(e) for e in ex.split(" or ")))
        for unit, (what, ex) in INPUT_FORMATS.items()
        if unit in units
    ]
    return Md("; ").join(rows)


def _rows(cat: Catalog, arg: usage.Arg) -> list[list[Md]]:
    """The reference's rows for one argument: one per signal for the signals, the levels for a severity."""
    if arg.data == usage.SIGNALS:
        out = []
        for sig in cat.severities.signals:
            if sig.unit == "bool":
                out.append([code(flag(sig)), text(sig.name)])
            else:
                example = code(INPUT_FORMATS[sig.unit][1])
                out.append([code(f"{flag(sig)} VALUE"), Md("{}, e.g. {}").format(sig.name, example)])
        return out
    meaning = text(arg.help)
    if arg.data == usage.SEVERITY:
        levels = Md(", ").join(code(lv.id) for lv in cat.severities.levels)
        meaning = Md("{}: {} (or the number alone)").format(meaning, levels)
    if arg.choices:
        meaning += Md(" (one of ") + Md(", ").join(code(c) for c in arg.choices) + Md(")")
    if arg.required and not arg.positional:
        meaning += Md(" (required)")
    return [[code(arg.shown), meaning]]


def render_cli_reference(cat: Catalog) -> Md:
    """A section per lifecycle command: what it does, its arguments, and how it is called."""
    out = []
    for spec in usage.leaves():
        rows = [row for arg in spec.args if not arg.hidden for row in _rows(cat, arg)]
        examples = "\n".join(spec.examples)
        out.append(
            Md("### {}\n\n{}.\n\n").format(code(f"playbook {spec.name}"), spec.summary[0].upper() + spec.summary[1:])
            + table(["Argument", "Meaning"], rows)
            + Md("\n\n")
            + fence(examples, "output", title="Examples")
        )
    return Md("\n").join(out)
