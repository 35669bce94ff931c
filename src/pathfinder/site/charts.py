"""Workforce charts as SVG, drawn at build time. Each chart stands beside a table of the same numbers, so the
SVG is one picture (role="img" with a text alternative) and the table carries the detail."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..figures import Figure, Figures
from .render import render

__all__ = ["ChartView", "chart_svg", "workforce_page"]

#: Dark colours from the GOV.UK palette: each has at least 3:1 contrast with white.
PALETTE = ("#1d70b8", "#00703c", "#d4351c", "#4c2c92", "#912b88", "#505a5f", "#003078", "#6f4e00")
WIDTH, LABEL_W, RIGHT, ROW_H, TOP, LEGEND_LINE = 680, 190, 70, 22, 12, 20
_FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif" font-size="13"'


@dataclass(frozen=True)
class ChartView:
    """A figure with its drawing and table rows ready for the template."""

    figure: Figure
    svg: Markup
    rows: list[dict[str, object]]


def number(value: float) -> str:
    """A figure as people write it: 1,234 or 12.5."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _svg(figure: Figure, height: int, body: list[str]) -> Markup:
    label = f"{figure.title}, {figure.period}. Chart; the figures are in the table that follows."
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="pf-chart-svg" viewBox="0 0 {WIDTH} {height}" '
            f'width="{WIDTH}" height="{height}" role="img" aria-label="{escape(label)}" {_FONT}>')
    return Markup("".join([head, *body, "</svg>"]))


def _text(x: float, y: float, text: str, anchor: str = "start", weight: str = "400") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-weight="{weight}" '
            f'fill="#0b0c0c">{escape(text)}</text>')


def _label(x: float, y: float, text: str) -> str:
    """A right-aligned row label, on two lines when it is long."""
    lines = textwrap.wrap(text, 26, max_lines=2, placeholder="…") or [""]
    if len(lines) == 1:
        return _text(x, y, text, "end")
    spans = "".join(f'<tspan x="{x:.1f}" dy="{dy}">{escape(line)}</tspan>'
                    for line, dy in zip(lines, ("-0.5em", "1.1em"), strict=False))
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="end" fill="#0b0c0c">{spans}</text>'


def _legend(names: list[str], y: float, x: float = LABEL_W) -> list[str]:
    """A key with one line per name, starting at baseline ``y``; it takes ``LEGEND_LINE`` per name."""
    parts = []
    for i, name in enumerate(names):
        top = y + i * LEGEND_LINE
        colour = PALETTE[i % len(PALETTE)]
        parts.append(f'<rect x="{x:.1f}" y="{top - 11:.1f}" width="13" height="13" fill="{colour}"/>')
        parts.append(_text(x + 19, top, name))
    return parts


def _bar(figure: Figure) -> Markup:
    """Horizontal bars: one group per row, one bar per column."""
    columns = len(figure.columns)
    peak = max((v for row in figure.rows for v in row.values), default=0) or 1
    scale = (WIDTH - LABEL_W - RIGHT) / peak
    body, y = [], float(TOP)
    for row in figure.rows:
        body.append(_label(LABEL_W - 8, y + ROW_H * columns / 2 + 2, row.label))
        for i, value in enumerate(row.values):
            body.append(f'<rect x="{LABEL_W}" y="{y:.1f}" width="{value * scale:.1f}" height="{ROW_H - 4}" '
                        f'fill="{PALETTE[i % len(PALETTE)]}"/>')
            body.append(_text(LABEL_W + value * scale + 4, y + ROW_H - 8, number(value)))
            y += ROW_H
        y += 8
    if columns > 1:
        body += _legend(list(figure.columns), y + 14)
        y += 8 + LEGEND_LINE * columns
    return _svg(figure, int(y + TOP), body)


def nice_ticks(high: float, most: int = 6) -> list[float]:
    """Round axis values from 0 to at least ``high``, at most ``most`` of them (0, 5,000, 10,000, ...).

    >>> nice_ticks(20372)
    [0, 5000, 10000, 15000, 20000, 25000]
    """
    raw = (high if high > 0 else 1) / (most - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [step * i for i in range(math.ceil((high if high > 0 else 1) / step) + 1)]


def _line(figure: Figure) -> Markup:
    """One line per row across the columns, on an axis from zero so that small changes look small."""
    ticks = nice_ticks(max(v for row in figure.rows for v in row.values))
    plot_h, left, right = 220, 70, WIDTH - 40
    step = (right - left) / max(len(figure.columns) - 1, 1)

    def y_of(v: float) -> float:
        return TOP + plot_h - v / ticks[-1] * plot_h

    body = []
    for tick in ticks:
        body.append(f'<line x1="{left}" y1="{y_of(tick):.1f}" x2="{right}" y2="{y_of(tick):.1f}" '
                    f'stroke="{"#505a5f" if tick == 0 else "#dee0e2"}"/>')
        body.append(_text(left - 6, y_of(tick) + 4, number(tick), "end"))
    for i, column in enumerate(figure.columns):
        body.append(_text(left + i * step, TOP + plot_h + 18, column, "middle"))
    for r, row in enumerate(figure.rows):
        colour = PALETTE[r % len(PALETTE)]
        points = " ".join(f"{left + i * step:.1f},{y_of(v):.1f}" for i, v in enumerate(row.values))
        body.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="3"/>')
        body += [f'<circle cx="{left + i * step:.1f}" cy="{y_of(v):.1f}" r="4" fill="{colour}"/>'
                 for i, v in enumerate(row.values)]
    body += _legend([row.label for row in figure.rows], TOP + plot_h + 50, left)
    return _svg(figure, TOP + plot_h + 40 + LEGEND_LINE * len(figure.rows), body)


def _stacked(figure: Figure) -> Markup:
    """One horizontal bar per column, the rows stacked along it."""
    totals = [sum(row.values[i] for row in figure.rows) for i in range(len(figure.columns))]
    scale = (WIDTH - LABEL_W - RIGHT) / (max(totals) or 1)
    body, y = [], float(TOP)
    for i, column in enumerate(figure.columns):
        body.append(_text(LABEL_W - 8, y + ROW_H - 6, column, "end"))
        x = float(LABEL_W)
        for r, row in enumerate(figure.rows):
            width = row.values[i] * scale
            body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{ROW_H + 4}" '
                        f'fill="{PALETTE[r % len(PALETTE)]}" stroke="#ffffff"/>')
            x += width
        body.append(_text(x + 4, y + ROW_H - 6, number(totals[i])))
        y += ROW_H + 12
    body += _legend([row.label for row in figure.rows], y + 12)
    return _svg(figure, int(y + 8 + LEGEND_LINE * len(figure.rows)), body)


_DRAW: dict[str, Callable[[Figure], Markup]] = {"bar": _bar, "line": _line, "stacked-bar": _stacked}


def chart_svg(figure: Figure) -> Markup:
    """The figure drawn as the kind of chart it names."""
    return _DRAW[figure.chart](figure)


def workforce_page(figures: Figures | None) -> dict[str, str]:
    """The Why pharmacy page: key facts, then each figure as a chart beside its table and source."""
    charts = [ChartView(figure=f, svg=chart_svg(f),
                        rows=[{"label": r.label, "cells": [number(v) for v in r.values]} for r in f.rows])
              for f in (figures.figures if figures else [])]
    return {"workforce/index.md": render("workforce.md.j2", figures=figures, charts=charts)}
