"""The consistency checker's rule registry: each rule is a function of a CheckContext and its own Reporter."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from playbook.checks.cache import Cache
from playbook.checks.findings_cache import Kept
from playbook.checks.modules import RULE_MODULES
from playbook.checks.pages import Pages
from playbook.data.catalog import Catalog
from playbook.data.files import DataFile
from playbook.errors import DataError, Problem, dotted


@dataclass(frozen=True)
class CheckContext:
    """What one run of the checks works on: the catalog, the site's pages (for the rules that follow links
    into them), the ids of the rules selected (so a rule can skip shared work no selected rule needs), and
    the cache of `playbook check`, if any."""

    catalog: Catalog
    pages: Pages | None = None
    selected: frozenset[str] = field(default_factory=frozenset)
    cache: Cache | None = None  # what the scans and tools found before, by their input (None: run them all)
    # A tool missing on this machine (tsc after `scripts/serve`) is a warning where an editor works, an error
    # where it must not be missing (`check --strict`, CI): there every block must have been read by its tool.
    tools_required: bool = False
    # The site's Markdown of one data text, as HTML (`adapters.mkdocs.markdown.text_renderer`): supplied by whoever
    # runs the checks with the site (check, build, generate); the rules that read it (TXT008) need it.
    render: Callable[[str], str] | None = None

    def page(self, page: str) -> str | None:
        """The Markdown of site page `page` (`severities.md`, `scenarios/x.md`) after macros; None if none."""
        return self._site().markdown(page)

    def page_names(self) -> list[str]:
        """Every page of the site (`index.md`, `scenarios/x.md`)."""
        return self._site().names()

    def _site(self) -> Pages:
        if self.pages is None:
            raise RuntimeError(
                "this rule reads the site's pages: run it with run_checks(cat, pages=...), "
                "e.g. through playbook.site.checking.check(cat)"
            )
        return self.pages

    def selects(self, rule_id: str) -> bool:
        return rule_id in self.selected


@dataclass(frozen=True)
class Rule:
    id: str  # e.g. SEV001
    level: str  # "error" or "warning"
    summary: str  # one line: what must hold
    why: str  # why it matters at incident time
    fix: str  # how to fix a finding
    func: Callable[[CheckContext, Reporter], Iterable[Problem]]
    external: bool = False  # needs a tool outside the wheel (ShellCheck, jq, tsc): `build` and `extract` skip it
    slow: bool = False  # seconds a run: `check --fast` skips it
    tools: bool = False  # reads the blocks' code with a tool or a parser (the bench times check without these)
    tbd: bool = False  # its findings are what the data marks as not known yet: `check` counts them (--verbose lists)
    generated: bool = False  # its findings are of files `playbook generate` writes: generate, which rewrites them, runs


class Reporter:
    """Makes one rule's findings: the rule's id, level and default fix come from its @rule, written once."""

    def __init__(self, rule: Rule, cat: Catalog):
        self.rule, self.cat = rule, cat

    def __call__(
        self, file: DataFile | str, path: tuple, message: str, hint: str = "", needle: str | None = None
    ) -> Problem:
        """A finding at `path` inside data file `file` (a registry entry, or a runbook's file).

        With `needle`, the location moves to the first line at or below the node that contains it, so a
        finding inside a multi-line command points at the offending line itself.
        """
        cat = self.cat
        rel = cat.file(file) if isinstance(file, DataFile) else file
        line, col = cat.where(rel, path)
        if needle:
            lines = self.lines(rel)
            for n in range(line - 1, min(len(lines), line + 200)):
                if needle in lines[n]:
                    line, col = n + 1, lines[n].index(needle) + 1
                    break
        return self.at(rel, line, col, message, hint, dotted(path))

    def at(
        self, file: str, line: int, col: int, message: str, hint: str = "", field: str = "", level: str | None = None
    ) -> Problem:
        """A finding at a line and column already known (a tool's, a scan's); `level` overrides the rule's."""
        r = self.rule
        return Problem(file, line, col, r.id, message, hint or r.fix, field, level or r.level)

    def lines(self, rel: str) -> list[str]:
        """The lines of data file `rel` as written (read once per catalog; none when it cannot be read)."""
        cat = self.cat

        def read() -> list[str]:
            try:
                return (cat.base / rel).read_text(encoding="utf-8").split("\n")
            except OSError:
                return []

        return cat.memoized(("file lines", rel), read)


RULES: dict[str, Rule] = {}


def rule(
    id: str, level: str, summary: str, why: str, fix: str, *, external: bool = False, slow: bool = False,
    tools: bool = False, tbd: bool = False, generated: bool = False,
):  # fmt: skip
    """Register a rule: `func(ctx, report)` yields the findings `report(...)` makes."""

    def wrap(func):
        if id in RULES:
            raise ValueError(f"rule {id} defined twice")
        RULES[id] = Rule(id, level, summary, why, fix, func, external, slow, tools or external, tbd, generated)
        return func

    return wrap


def load_rules() -> dict[str, Rule]:
    """Every rule, in one order whatever imported a module first (a test that imports one rule's module before the
    others would otherwise move it): the order of RULE_MODULES, then each module's own order."""
    for name in RULE_MODULES:
        importlib.import_module(name)
    where = {name: k for k, name in enumerate(RULE_MODULES)}
    ordered = sorted(
        RULES.values(), key=lambda r: (where.get(r.func.__module__, len(where)), r.func.__code__.co_firstlineno)
    )
    if list(RULES) != [r.id for r in ordered]:
        snapshot = {r.id: r for r in ordered}
        RULES.clear()
        RULES.update(snapshot)
    return RULES


def publish_rules() -> list[str]:
    """The rules `build` and `extract` run before they write anything: all but the external ones."""
    return [r.id for r in load_rules().values() if not r.external]


def generate_rules() -> list[str]:
    """The rules `generate` runs before it writes: the publishing ones but those about what it writes itself."""
    rules = load_rules()
    return [r for r in publish_rules() if not rules[r].generated]


def fast_rules() -> list[str]:
    """The rules `check --fast` runs: all but the slow ones."""
    return [r.id for r in load_rules().values() if not r.slow]


def run_checks(
    cat: Catalog,
    only: Iterable[str] | None = None,
    pages: Pages | None = None,
    cache: Cache | None = None,
    tools_required: bool = False,
    render: Callable[[str], str] | None = None,
) -> list[Problem]:
    """Every finding of every rule (or of the rules in `only`), sorted by file and line; the rules that
    follow links into the site read its pages from `pages`; the scans and tools reuse what `cache` holds;
    a missing tool is an error with `tools_required`, else a warning; `render` is the site's Markdown of a data text."""
    rules = load_rules()
    selected = [rules[r] for r in (only or rules)]
    ctx = CheckContext(cat, pages, frozenset(r.id for r in selected), cache, tools_required, render)
    kept = Kept.open(ctx, selected)  # the findings of the rules that run no tool, from a run on the same inputs
    out: list[Problem] = []
    for r in selected:
        if kept is not None and (hit := kept.hit(r)) is not None:
            out.extend(hit)
            continue
        found: list[Problem] = []
        try:
            found.extend(r.func(kept.context(ctx, r) if kept else ctx, Reporter(r, cat)))
        except DataError:  # a located mistake in the data or a page (a macro naming what is gone), not a bug
            raise
        except Exception as e:  # noqa: BLE001 - one rule's bug must not hide every other rule's findings
            out.extend(found)
            out.append(crashed(cat, r, e))
            continue
        out.extend(found)
        if kept is not None:
            kept.ran(r, found)
    if kept is not None:
        kept.save()
    return sorted(out, key=lambda p: (p.file, p.line, p.col, p.rule))


CRASHED = "stopped on an internal error"  # the message of a rule that raised: `playbook check` exits 3 on it


def crashed(cat: Catalog, r: Rule, e: Exception) -> Problem:
    """The finding of a rule that raised instead of reporting: at the data folder, since no line is known."""
    where = cat.rel(cat.project.data)
    return Problem(where, 1, 1, r.id, f"{CRASHED} ({type(e).__name__}: {e})",
                   "a bug in playbook, not a finding about the data: the other rules ran; please report it with "
                   "the change to the data that led to it", level="error")  # fmt: skip
