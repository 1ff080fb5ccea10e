"""The data of one run of a command: its project and catalog, each found or loaded at most once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from playbook import project as projects

if TYPE_CHECKING:
    from playbook.data.catalog import Catalog


@dataclass
class Session:
    """One run: `--project` and `--data` as given; the project found and the data loaded when first asked for.

    `playbook` makes one per run and hands it to the parser it builds (the choices a help lists come from the
    data) and to the command (as `args.session`): no global, no context variable.
    """

    project_dir: str | None = None
    data: str | None = None
    loaded: Catalog | None = None
    found: projects.Project | None = None

    def project(self) -> projects.Project:
        if self.found is None:
            self.found = self.loaded.project if self.loaded is not None else projects.find(self.project_dir, self.data)
        return self.found

    def catalog(self) -> Catalog:
        if self.loaded is None:
            from playbook.data.load import load_catalog

            self.loaded = load_catalog(project=self.project())
        return self.loaded
