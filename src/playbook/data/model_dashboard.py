"""Typed model of dashboard.yaml: the panels per system and the tools an engineer opens."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, ValidationInfo, field_validator

from playbook.data.kinds import Value
from playbook.data.model import Id, Prose, Strict, Text
from playbook.data.outputs import GRAFANA_TITLE

DEFAULT_QUANTILES = (0.5, 0.95, 0.99)  # what a histogram panel plots when its item names no quantiles


def _fraction(q: float) -> float:
    """A quantile is a fraction (0.95 is P95): histogram_quantile() of 95 is +Inf, of 0 or 1 the bucket edges."""
    if not 0 < q < 1:
        how = f"write {q / 100:g} for P{q:g}" if 1 < q < 100 else "between 0 and 1 (0.95 for P95)"
        raise ValueError(f"{q:g} is no quantile: a quantile is a fraction, {how}")
    return q


Quantile = Annotated[
    float, AfterValidator(_fraction), Field(json_schema_extra={"exclusiveMinimum": 0, "exclusiveMaximum": 1})
]


# --- dashboard.yaml / decisions.yaml --------------------------------------------
class PanelItem(Strict):
    text: Annotated[Prose, GRAFANA_TITLE]
    metrics: list[str] = Field(min_length=1)
    # How the Grafana panel queries the metrics (dashboards/clinical-os.json):
    by: Id | None = Field(None, description="Label to break the series down by (endpoint, category, ip …)")
    top: int | None = Field(None, gt=0, description="Show only the top N series (topk)")
    ratio: bool = Field(False, description="Plot 100 * rate(first metric) / rate(the others)")
    quantiles: list[Quantile] = Field(
        [], description=f"Histogram quantiles to plot, fractions (default {', '.join(map(str, DEFAULT_QUANTILES))})"
    )
    mean: bool = Field(False, description="Histograms: also plot the average (sum / count)")
    show: Literal["timeseries", "stat"] = "timeseries"

    @property
    def plotted_quantiles(self) -> list[float]:
        """The quantiles the panel plots for a histogram: its own, else the default ones."""
        return list(self.quantiles or DEFAULT_QUANTILES)

    @field_validator("ratio")
    @classmethod
    def _ratio_has_a_denominator(cls, v: bool, info: ValidationInfo) -> bool:
        if v and len(info.data.get("metrics") or []) == 1:
            raise ValueError("a ratio plots the first metric over the others: name the denominator too, or drop ratio")
        return v


class Panel(Strict):
    title: Text
    items: list[PanelItem]


class Tool(Strict):
    name: Value
    role: Text  # a label beside a tool's name: plain (no Markdown), like the name


class Tools(Strict):
    status: Prose
    list: list[Tool]


class Dashboard(Strict):
    title: Text
    panels: list[Panel]
    tools: Tools
