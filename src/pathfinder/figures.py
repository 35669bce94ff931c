"""Workforce figures for the "Why pharmacy" page: small sourced tables, each drawn as a chart at build time.

They live in ``pathways/figures/workforce.yaml`` (not a stage, so the stage loader skips that folder).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .load import load_data_file_of_entries
from .problems import Problem
from .schema import ID_PATTERN, ReviewedDay, ShortText, Source, Text, _Model

__all__ = ["FIGURES_FILE", "Figure", "Figures", "KeyFact", "Row", "load_figures"]

FIGURES_FILE = Path("figures") / "workforce.yaml"
#: A chart value: a count or a percentage, never negative (bars grow from zero) and never past ten million (more
#: people than work in the NHS is a typo).
MAX_CHART_VALUE = 10_000_000
ChartValue = Annotated[float, Field(ge=0, le=MAX_CHART_VALUE, allow_inf_nan=False)]


class Row(_Model):
    """One labelled row of numbers, one number per column."""

    label: ShortText
    """What the row counts, for example a region."""
    values: list[ChartValue]
    """One number per column, in column order, from 0 to 10,000,000."""


class Figure(_Model):
    """A small table of figures from one source, drawn as a chart with the table beside it."""

    id: Annotated[str, Field(pattern=ID_PATTERN)]
    """Stable kebab-case id, used for the chart's anchor."""
    title: ShortText
    """What the table shows, in plain words."""
    chart: Literal["bar", "line", "stacked-bar"]
    """How to draw it: bars per row, a line per row across the columns, or rows stacked per column."""
    unit: ShortText
    """What the numbers count, for example "pharmacy technicians" or "percent"."""
    columns: list[ShortText] = Field(min_length=1)
    """Column headings, usually years such as "2018/19"."""
    rows: list[Row] = Field(min_length=1)
    """The rows of numbers."""
    note: Text | None = None
    """Anything a reader needs to read the numbers correctly."""
    source: Source
    """Where the numbers come from."""
    period: ShortText
    """The years the figures cover, for example "2016/17 to 2020/21"."""

    @model_validator(mode="after")
    def _rows_fit_columns(self) -> Figure:
        for row in self.rows:
            if len(row.values) != len(self.columns):
                raise PydanticCustomError("invalid-value", "row {label!r} has {got} values for {want} columns",
                                          {"label": row.label, "got": len(row.values), "want": len(self.columns)})
        return self


class KeyFact(_Model):
    """One headline number with its source and year."""

    value: ShortText
    """The number as it should be shown, for example "2,500" or "9%"."""
    label: Text
    """What the number means, in a plain sentence."""
    year: ShortText
    """The year or period it applies to."""
    source: Source
    """Where it comes from."""


class Figures(_Model):
    """Every workforce figure the site shows."""

    figures: list[Figure] = Field(min_length=1)
    """Tables drawn as charts."""
    key_facts: list[KeyFact] = Field(default_factory=list)
    """Headline numbers shown on their own."""
    reviewed: ReviewedDay
    """The day someone last checked these figures against their sources."""


def load_figures(pathways_dir: Path, *, today: date | None = None) -> tuple[Figures | None, list[Problem]]:
    """Load the workforce figures under ``pathways_dir``; (None, []) when there is no figures file."""
    return load_data_file_of_entries(pathways_dir, FIGURES_FILE, Figures, entries="figures", key="id", noun="figure id",
                                     today=today)
