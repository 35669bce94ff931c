"""What a stage page shows about facts that expire: NHS pay in pounds, dated facts, and a due-for-check line.

Kept apart from pages.py so the page layout and the currency rules can change independently.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..currency import dated_fact_text, stage_dated_problems
from ..graph import Pathways
from ..pay import PayRange, UnknownPay, pay_range, pay_text
from ..schema import Stage

__all__ = ["DUE_FOR_CHECK", "dated_context"]

#: The one plain line a page shows when any of its dated facts is due for a check.
DUE_FOR_CHECK = "Some facts on this page are due for a check."


def _pay(pathways: Pathways, stage: Stage) -> tuple[str | None, PayRange | None]:
    if pathways.pay is None or stage.pay is None:
        return None, None
    try:
        return pay_text(pathways.pay, stage.pay), pay_range(pathways.pay, stage.pay)
    except UnknownPay:  # reported by `pathfinder check`; the page then shows the band only
        return None, None


def dated_context(pathways: Pathways, stage: Stage, today: date) -> dict[str, Any]:
    """Template variables: ``pay_amount`` (text), ``pay_range`` (min/max for a summary box), ``dated`` (lines)
    and ``due_for_check`` (the line to show, or None)."""
    loaded = pathways.stages.get(stage.id)
    due = loaded is not None and any(True for _ in stage_dated_problems(loaded, pathways.pay, today=today))
    amount, found = _pay(pathways, stage)
    return {"pay_amount": amount, "pay_range": found, "dated": [dated_fact_text(f) for f in stage.dated_facts],
            "due_for_check": DUE_FOR_CHECK if due else None}
