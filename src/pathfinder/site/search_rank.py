"""How much site search favours a stage's page (Material's ``search.boost`` front matter).

Material's search (lunr) scores a page by the words of its title and text but never by the title's length: it
indexes with BM25's length weight switched off. "Pharmacy technician" then ties with "Specialist pharmacy
technician" and every other title holding both words, and the tie falls to whichever page happens to repeat the
words more in its first paragraphs. A page whose title has fewer words is the more general one, so its boost is a
little higher: enough to order such near-ties, far too little to lift a page that matches fewer of the words typed.
"""

from __future__ import annotations

from ..schema import Stage

__all__ = ["search_boost"]

#: Job pages first, then starting points and training, all above the hand-written pages (boost 1).
_KIND_BOOST = {"role": 3.0, "start": 2.0, "training": 2.0}
#: The extra weight of a one-word title; a title of n words gets SHORT_TITLE_BONUS / n.
SHORT_TITLE_BONUS = 0.5


def search_boost(stage: Stage) -> float:
    """The boost of ``stage``'s page: its kind's, raised more the fewer words its title has."""
    words = len(stage.title.replace("-", " ").split())
    return round(_KIND_BOOST[stage.kind] * (1 + SHORT_TITLE_BONUS / words), 3)
