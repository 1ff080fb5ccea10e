"""The one registry of data files: each catalog part, the file or folder it is read from, its model and schema.

The loader reads exactly these, the catalog keeps each part under `part`, the markup walk and the id
lookup visit them, the schema export names its files from them, and every rule asks the catalog for the
path a part was actually loaded from (`Catalog.file(SEVERITIES)`), so a data folder of any name
(`--data mydata`) reports its findings at the file and line that are really there.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

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
from playbook.data.model_drill import AlertDrillResults, DrillResults


@dataclass(frozen=True)
class DataFile:
    part: str  # the Catalog attribute that holds it
    name: str  # the file (or, with `folder`, the folder of files) inside the data folder
    model: type[BaseModel]  # the model of the file (with `folder`: of each file in it)
    schema: str  # the JSON Schema's name in data/schema/, without `.schema.json`
    folder: bool = False  # a folder of YAML files, one item (a runbook) each
    written_by: str = ""  # the command that writes it (a recorded file, sealed: data/seal.py); "" when edited by hand

    @property
    def schema_file(self) -> str:
        return f"{self.schema}.schema.json"


META = DataFile("meta", "meta.yaml", m.Meta, "meta")
SEVERITIES = DataFile("severities", "severities.yaml", m.Severities, "severities")
ONCALL = DataFile("oncall", "oncall.yaml", mo.OnCall, "oncall")
CONTACTS = DataFile("contacts", "contacts.yaml", mc.Contacts, "contacts")
MATRIX = DataFile("matrix", "matrix.yaml", mc.Matrix, "matrix")
CATALOG = DataFile("data", "catalog.yaml", m.CatalogData, "catalog")
SEARCH = DataFile("search", "search.yaml", ms.Search, "search")
INCIDENT = DataFile("incident", "incident.yaml", mi.Incident, "incident")
DASHBOARD = DataFile("dashboard", "dashboard.yaml", md.Dashboard, "dashboard")
DECISIONS = DataFile("decisions", "decisions.yaml", mdec.Decisions, "decisions")
ALERTS = DataFile("alerts", "alerts.yaml", a.Alerts, "alerts")
ROUTES = DataFile("routes", "routes.yaml", mr.Routes, "routes")
PROCEDURES = DataFile("procedures", "procedures", r.Procedure, "procedure", folder=True)
SCENARIOS = DataFile("scenarios", "scenarios", r.Scenario, "scenario", folder=True)

# Everything `load_catalog()` reads, in the order it reads it.
CATALOG_FILES: tuple[DataFile, ...] = (
    META,
    SEVERITIES,
    ONCALL,
    CONTACTS,
    MATRIX,
    CATALOG,
    SEARCH,
    INCIDENT,
    DASHBOARD,
    DECISIONS,
    ALERTS,
    ROUTES,
    PROCEDURES,
    SCENARIOS,
)
SINGLE: tuple[DataFile, ...] = tuple(f for f in CATALOG_FILES if not f.folder)
FOLDERS: tuple[DataFile, ...] = tuple(f for f in CATALOG_FILES if f.folder)

# Written by `playbook drill --record`, read by the drills page: a data file, but not part of the catalog.
DRILL_RESULTS = DataFile(
    "drill_results", "drill_results.yaml", DrillResults, "drill_results", written_by="playbook drill --all --record"
)

# Written by `playbook drill --all --alerts --record`: the end-to-end alert drills, shown on the drills page.
ALERT_DRILL_RESULTS = DataFile(
    "alert_drill_results",
    "alert_drill_results.yaml",
    AlertDrillResults,
    "alert_drill_results",
    written_by="playbook drill --all --alerts --record",
)

ALL: tuple[DataFile, ...] = (*CATALOG_FILES, DRILL_RESULTS, ALERT_DRILL_RESULTS)
BY_PART: dict[str, DataFile] = {f.part: f for f in ALL}
