"""Printable route cards for schools: one A4 page per job, from the same graph as every other page."""

from __future__ import annotations

from typing import Any

import networkx as nx
import segno
from markupsafe import Markup

from ..graph import Pathways, stage_url
from ..routes import routes_into
from ..schema import Stage
from ..site_address import configured_site_url
from .pages import onward_links
from .render import render
from .route_view import route_view
from .summary import pay_words

__all__ = ["card_pages"]

_PREFIX = "../../../"
#: Most items of each list a card shows, so that every card fits on one sheet.
_MAX_ITEMS = 4
#: The menu a stage's page is under, for a card printed without the site's address.
_SECTION = {"role": "Careers", "training": "Training and qualifications", "start": "Where to start"}


#: The QR data mask, fixed. Any of the eight masks gives a valid code (tests decode every card's); left free, segno
#: draws the code eight times to score each mask, most of a big build's card time. Mask 2 is the one it picks for
#: most of the site's addresses.
QR_MASK = 2


def qr_svg(url: str) -> Markup:
    """A QR code for ``url`` as inline SVG, drawn at build time; hidden from screen readers, since the printed
    address next to it says the same."""
    svg = segno.make(url, error="m", mask=QR_MASK).svg_inline(scale=2, dark="#0b0c0c", svgclass="pf-qr")
    return Markup(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))


def _first_step_needs(G: nx.DiGraph, stages: tuple[str, ...]) -> list[str]:
    """What the first step of a route asks for, such as GCSEs for the trainee job."""
    return list(G.edges[stages[0], stages[1]].get("requires") or []) if len(stages) > 1 else []


def _card(pathways: Pathways, stage: Stage, starts: list[str]) -> str:
    G = pathways.graph
    origins: list[dict[str, Any]] = []
    # The fastest route from each starting point, in the order given: one cost table into this job serves them all.
    for start, found in routes_into(G, stage.id, origins=starts, limit=1, max_origins=None).items():
        if found:
            stages = found[0].stages
            # A route whose steps after the start are another origin's is said once, so the card stays one page.
            same = next((o["title"] for o in origins if o["after_start"] == stages[1:]), None)
            origins.append({"title": G.nodes[start]["title"], "route": route_view(G, found[0], 1, _PREFIX),
                            "after_start": stages[1:], "needs": _first_step_needs(G, stages)[:2], "same_as": same})
    # Without SITE_URL (a preview build) there is no public address to print: no QR code, and the card says in
    # words where to find the page.
    site = configured_site_url()
    address = site + stage_url(stage.id, stage.kind) if site else None
    return render("card.md.j2", stage=stage, prefix=_PREFIX, page_url=stage_url(stage.id, stage.kind),
                  what_you_do=stage.what_you_do[:_MAX_ITEMS], origins=origins[:2],
                  onward=onward_links(G, stage.id, _PREFIX)[:_MAX_ITEMS], pay=pay_words(pathways, stage),
                  address=address, qr=qr_svg(address) if address else None,
                  section=_SECTION[stage.kind])


def card_pages(pathways: Pathways) -> dict[str, str]:
    """A route card for every job, and the list of cards."""
    roles = sorted((loaded.stage for loaded in pathways.stages.values() if loaded.stage.kind == "role"),
                   key=lambda s: s.title)
    G = pathways.graph
    starts = sorted((n for n in G if G.nodes[n]["kind"] == "start"), key=lambda n: str(G.nodes[n]["title"]))
    pages = {f"schools/cards/{s.id}/index.md": _card(pathways, s, starts) for s in roles}
    cards = [{"url": f"{s.id}/", "title": s.title} for s in roles]
    pages["schools/cards/index.md"] = render("cards_index.md.j2", cards=cards)
    return pages
