"""The glossary page: every term the site explains, in alphabetical order, each with its source."""

from __future__ import annotations

from datetime import date

from ..graph import Pathways
from .render import render

__all__ = ["glossary_page"]


def glossary_page(pathways: Pathways) -> dict[str, str]:
    """``glossary/index.md``, which the pages' term links point at (empty of entries without a glossary)."""
    glossary = pathways.glossary
    entries = sorted(zip(glossary.terms, glossary.anchors(), strict=True), key=lambda e: e[0].term.casefold()) \
        if glossary else []
    terms = [{"term": term, "anchor": anchor} for term, anchor in entries]
    reviewed = glossary.reviewed if glossary else date.today()
    return {"glossary/index.md": render("glossary.md.j2", terms=terms, reviewed=reviewed)}
