"""What a stage page shows about facts that expire: dated facts and a due-for-check line.

Kept apart from pages.py so the page layout and the currency rules can change independently. NHS pay in pounds
is worded by ``summary.pay_words`` from the same pay table.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..currency import dated_fact_text, stage_dated_problems
from ..graph import Pathways
from ..schema import Stage

__all__ = ["DUE_FOR_CHECK", "dated_context"]

#: The one plain line a page shows when any of its dated facts is due for a check.
DUE_FOR_CHECK = "Some facts on this page are due for a check."


def dated_context(pathways: Pathways, stage: Stage, today: date) -> dict[str, Any]:
    """Template variables: ``dated`` (lines) and ``due_for_check`` (the line to show, or None)."""
    loaded = pathways.stages.get(stage.id)
    due = loaded is not None and any(True for _ in stage_dated_problems(loaded, pathways.pay, today=today))
    return {"dated": [dated_fact_text(f, today) for f in stage.dated_facts],
            "due_for_check": DUE_FOR_CHECK if due else None}
