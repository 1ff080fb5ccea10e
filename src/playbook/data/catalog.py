"""The validated playbook: every data file's model, with lookups by id and source positions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playbook.data import files as registry
from playbook.data import model as m
from playbook.data import model_alerts as a
from playbook.data import model_contacts as mc
from playbook.data import model_dashboard as md
from playbook.data import model_decisions as mdec
from playbook.data import model_incident as mi
from playbook.data import model_oncall as mo
from playbook.data import model_routes as mr
from playbook.data import model_runbook as r
from playbook.data import model_search as ms
from playbook.data.files import DataFile
from playbook.data.positions import locate
from playbook.errors import DataError, Problem
from playbook.project import Project


@dataclass(repr=False)
class Catalog:
    meta: m.Meta
    severities: m.Severities
    oncall: mo.OnCall
    contacts: mc.Contacts
    matrix: mc.Matrix
    data: m.CatalogData
    search: ms.Search
    incident: mi.Incident
    dashboard: md.Dashboard
    decisions: mdec.Decisions
    alerts: a.Alerts
    routes: mr.Routes
    procedures: dict[str, r.Procedure]
    scenarios: dict[str, r.Scenario]
    base: Path
    project: Project
    positions: dict[str, dict[tuple, tuple[int, int]]] = field(default_factory=dict)
    source: dict[str, str] = field(default_factory=dict)  # procedure/scenario id -> rel file
    loaded: dict[str, str] = field(default_factory=dict)  # registry part -> the file or folder it was read from
    # Values derived from the loaded data and used by several rules (a page's Markdown, the git
    # history of the data): computed once per catalog, so no rule re-renders or re-reads per item.
    memo: dict[Any, Any] = field(default_factory=dict, compare=False)

    def memoized(self, key: Any, compute: Callable[[], Any]) -> Any:
        """`compute()` the first time `key` is asked for on this catalog, the stored value after."""
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    def __repr__(self) -> str:
        # Short on purpose: mkdocs-macros logs str() of every variable on each build, and the
        # dataclass default would print every model of every scenario (seconds at 1,000 scenarios).
        return f"<Catalog {self.base}: {len(self.scenarios)} scenarios, {len(self.procedures)} procedures>"

    @classmethod
    def build(
        cls,
        parts: dict[str, Any],
        positions: dict,
        loaded: dict[str, str],
        base: Path,
        rel: Callable[[Path], str],
        project: Project,
    ) -> Catalog:
        source: dict[str, str] = {}
        problems: list[Problem] = []

        def by_id(items: list[tuple[Path, Any]]) -> dict[str, Any]:
            out: dict[str, Any] = {}
            files: dict[str, Path] = {}
            numbers: dict[int, Path] = {}

            def refuse(file: Path, field: str, rule: str, message: str, hint: str) -> None:
                problems.append(Problem(rel(file), *_pos(positions, rel(file), (field,)), rule, message, hint, field))

            for file, item in items:
                if file.stem != item.id:  # the edit link, `playbook new` and the runbooks/ scripts go by the name
                    message = f"id {item.id!r} in a file named {file.name}"
                    # the id is the name: only the extension (.yaml.yaml) or a leading dot (a hidden file) is off.
                    # The file is to be renamed: at line 1, and at the id it declares (the line an editor looks at
                    # for the runbook), which stays as it is, as LOAD007 does for a runbook under another name.
                    if file.name.lstrip(".").split(".")[0] == item.id:
                        hint = f"rename the file: git mv {rel(file)} {rel(file.with_name(item.id + '.yaml'))}"
                        problems.append(Problem(rel(file), 1, 1, "LOAD009", message, hint, "id"))
                        line, col = _pos(positions, rel(file), ("id",))
                        if line != 1:
                            said = f"{message}: the id is right, the file's name is not"
                            problems.append(Problem(rel(file), line, col, "LOAD009", said, hint, "id"))
                    else:
                        refuse(file, "id", "LOAD009", message, _RENAME)
                if item.id in out:  # both files: either may be the one the editor changed
                    for here, there in ((file, files[item.id]), (files[item.id], file)):
                        what = f"duplicate id {item.id!r} (also in {rel(there)})"
                        refuse(here, "id", "LOAD004", what, "give each runbook its own id")
                number = getattr(item, "number", None)
                if number is not None and number in numbers:
                    for here, there in ((file, numbers[number]), (numbers[number], file)):
                        what = f"duplicate scenario number {number} (also in {rel(there)})"
                        refuse(here, "number", "LOAD004", what, "number the scenarios 1, 2, 3… once each")
                if number is not None:
                    numbers.setdefault(number, file)
                out[item.id] = item
                files.setdefault(item.id, file)
                source.setdefault(item.id, rel(file))
            return out

        procedures = by_id(parts[registry.PROCEDURES.part])
        scenarios = by_id(parts[registry.SCENARIOS.part])
        cat = cls(
            **{spec.part: parts[spec.part] for spec in registry.SINGLE},
            procedures=procedures,
            scenarios=dict(sorted(scenarios.items(), key=lambda kv: kv[1].number)),
            base=base,
            project=project,
            positions=positions,
            source=source,
            loaded=loaded,
        )
        problems += cat._duplicate_ids()
        from playbook.data.refs import unknown_refs

        problems += unknown_refs(cat)  # every id named anywhere, through one lookup (LOAD005)
        if problems:
            raise DataError(problems)
        return cat

    def _duplicate_ids(self) -> list[Problem]:
        """Ids must be unique within each list; roles and teams share one namespace."""
        sev, catalog = self.file(registry.SEVERITIES), self.file(registry.CATALOG)
        groups = [
            (sev, "levels", self.severities.levels, {}),
            (sev, "signals", self.severities.signals, {}),
            (self.file(registry.ONCALL), "channels", self.oncall.channels, {}),
            (self.file(registry.MATRIX), "incident_types", self.matrix.incident_types, {}),
            (catalog, "endpoints", self.data.endpoints, {}),
            (catalog, "rate_limits", self.data.rate_limits, {}),
            (self.file(registry.DECISIONS), "decisions", self.decisions.decisions, {}),
            (self.file(registry.SEARCH), "concepts", self.search.concepts, {}),
        ]
        parties: dict[str, tuple[str, int]] = {}
        contacts = self.file(registry.CONTACTS)
        groups += [(contacts, "roles", self.contacts.roles, parties)]
        groups += [(contacts, "teams", self.contacts.teams, parties)]
        out = []
        for file, key, items, seen in groups:
            keys = key if isinstance(key, tuple) else (key,)
            for i, item in enumerate(items):
                at = self.where(file, (*keys, i, "id"))
                if item.id in seen:
                    out.append(
                        Problem(
                            file,
                            *at,
                            "LOAD004",
                            f"duplicate id {item.id!r} (also at {seen[item.id][0]}:{seen[item.id][1]})",
                            "ids must be unique (roles and teams share one namespace)",
                            f"{'.'.join(keys)}[{i}].id",
                        )
                    )
                seen.setdefault(item.id, (file, at[0]))
        from playbook.data.identity import duplicates
        from playbook.data.markup import text_roots

        said = {(p.file, p.line) for p in out}
        for file, model in text_roots(self):  # every other list of named entries, whichever file holds it
            out += [
                p
                for p in duplicates(model, file, lambda path, f=file: self.where(f, path))
                if (p.file, p.line) not in said
            ]
        return out

    # --- lookups ------------------------------------------------------------
    def file(self, spec: DataFile) -> str:
        """The file (or folder) `spec` was loaded from, as findings name it (`data/severities.yaml`,
        `mydata/severities.yaml` with `--data mydata`)."""
        if spec.part in self.loaded:
            return self.loaded[spec.part]
        return self.rel(self.project.data / spec.name)  # a file outside the catalog (drill results)

    def runbook_files(self) -> list[tuple[str, Any]]:
        """(file, model) of every scenario and procedure, each from the file it was loaded from."""
        return [(self.source[rid], rb) for rid, rb in [*self.scenarios.items(), *self.procedures.items()]]

    def rel(self, path: Path) -> str:
        """A file as findings name it: `data/...` under the data's parent, else from the project root."""
        return str(path.relative_to(self.base)) if path.is_relative_to(self.base) else self.project.rel(path)

    def where(self, file: str, path: tuple) -> tuple[int, int]:
        return _pos(self.positions, file, path)

    def level(self, sev: str) -> m.Severity:
        return next(s for s in self.severities.levels if s.id == sev)

    @property
    def roles(self) -> dict[str, mc.Role]:
        return {x.id: x for x in self.contacts.roles}

    @property
    def teams(self) -> dict[str, mc.Team]:
        return {x.id: x for x in self.contacts.teams}

    def party_name(self, pid: str) -> str:
        party = self.roles.get(pid) or self.teams.get(pid)
        return party.name if party else pid

    def safe(self, block: r.Block) -> m.Safe | None:
        """A block's `safe:` reason (the shared one of catalog.yaml safe_reasons when it names one); None if none."""
        if isinstance(block.safe, str):
            return next(x for x in self.data.safe_reasons if x.id == block.safe)
        return block.safe

    @property
    def endpoints(self) -> dict[str, m.Endpoint]:
        return {e.id: e for e in self.data.endpoints}

    @property
    def limits(self) -> dict[str, m.RateLimit]:
        return {x.id: x for x in self.data.rate_limits}

    @property
    def channels(self) -> dict[str, mo.Channel]:
        return {c.id: c for c in self.oncall.channels}

    @property
    def signals(self) -> dict[str, m.Signal]:
        return {s.id: s for s in self.severities.signals}

    @property
    def metric_names(self) -> set[str]:
        return {x.name for x in self.data.metrics}

    @property
    def placeholders(self) -> dict[str, m.Placeholder]:
        return {p.name: p for p in self.meta.placeholders}

    def postmortem_required(self, sev: str) -> bool:
        return sev in self.incident.postmortem.required_for


_RENAME = "name the file after its id (<id>.yaml), or set the id to the file's name"


def _pos(positions: dict, file: str, path: tuple) -> tuple[int, int]:
    return locate(positions.get(file, {}), path)
