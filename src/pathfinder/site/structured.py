"""What a page says about itself to search engines and link previews: a short description for every page, and
schema.org ``Occupation`` data (JSON-LD) for every job, from the same data as the page.

The description goes into the page's front matter, where the theme puts it in ``<meta name="description">`` and
the Open Graph tags (docs/overrides/main.html). Pay comes from the NHS pay table for the job's bands, exactly as
the page shows it; a fact the data lacks is left out, never guessed.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from ..graph import Pathways, stage_url
from ..pay import UnknownPay, pay_range
from ..schema import Stage
from ..site_address import configured_site_url
from .render import meta_title

__all__ = ["DESCRIPTION_LENGTH", "occupation_json_ld", "with_description", "with_front_matter"]

#: Longest description, in characters: about what a search result or a message preview shows.
DESCRIPTION_LENGTH = 160
_LEDE = re.compile(r'<p class="pf-lede">(.*?)</p>', re.S)
_PARAGRAPH = re.compile(r"^(?!#|<|---|\s*$|[-*|]|\d+\.)(.+)$", re.M)
_TAG = re.compile(r"<[^>]+>")


def _plain(text: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", text)).split())


def _shortened(text: str) -> str:
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    sentence_end = text.rfind(". ", 0, DESCRIPTION_LENGTH)
    if sentence_end >= DESCRIPTION_LENGTH // 3:  # whole sentences read better than a cut one
        return text[:sentence_end + 1]
    cut = text[:DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def page_description(page: str) -> str | None:
    """The page's first lead paragraph (else its first paragraph of text) as plain words, at most
    DESCRIPTION_LENGTH characters; None when it has none."""
    body = page.split("\n---\n", 1)[1] if page.startswith("---\n") and "\n---\n" in page else page
    found = _LEDE.search(body)
    text = _plain(found.group(1)) if found else ""
    if not text:
        paragraph = _PARAGRAPH.search(body)
        text = _plain(paragraph.group(1)) if paragraph else ""
    return _shortened(text) if text else None


def with_front_matter(page: str, key: str, value: str) -> str:
    """``page`` with ``key: value`` (value as a JSON, so YAML, string) first in its front matter, which is
    created when the page has none."""
    page = str(page)  # plain text: joined to a Markup page, the front matter would be HTML-escaped
    line = f"{key}: {json.dumps(value, ensure_ascii=False)}\n"
    # A template may open with Jinja imports that leave blank lines before its front matter.
    stripped = page.lstrip("\n")
    if stripped.startswith("---\n"):
        return "---\n" + line + stripped[4:]
    return "---\n" + line + "---\n" + page


def with_description(page: str) -> str:
    """``page`` with a ``description`` in its front matter (added, or the front matter created), unless it already
    has one or has no text to take it from. Written as the theme can print it unescaped (``meta_title``)."""
    page = str(page)
    stripped = page.lstrip("\n")
    front = stripped.split("\n---\n", 1)[0] if stripped.startswith("---\n") else ""
    if re.search(r"^description:", front, re.M):
        return page
    description = page_description(page)
    if description is None:
        return page
    return with_front_matter(page, "description", json.loads(meta_title(description)))


def occupation_json_ld(pathways: Pathways, stage: Stage) -> str:
    """A job as schema.org ``Occupation`` JSON-LD: name, description, where (England), pay from the NHS pay table
    as a ``MonetaryAmountDistribution`` per year, qualifications and responsibilities. The page's front matter
    holds it (``occupation``) and docs/overrides/main.html puts it in the page's head."""
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "Occupation", "name": stage.title,
        "description": stage.summary,
        "occupationLocation": [{"@type": "AdministrativeArea", "name": "England"}],
    }
    site = configured_site_url()
    if site:
        data["url"] = site + stage_url(stage.id, stage.kind)
    if stage.pay is not None and stage.pay.bands and pathways.pay is not None:  # NHS pay, from the pay table
        try:
            found = pay_range(pathways.pay, stage.pay)
        except UnknownPay:  # reported by `pathfinder check`; no pay is better than a wrong one
            found = None
        if found is not None:
            bands = ", ".join(str(b) for b in found.bands)
            data["estimatedSalary"] = [{
                "@type": "MonetaryAmountDistribution", "name": f"NHS Agenda for Change band {bands}, {found.year}",
                "currency": "GBP", "duration": "P1Y", "minValue": found.low, "maxValue": found.high,
            }]
    if stage.entry_requirements:
        data["qualifications"] = " ".join(stage.entry_requirements)
    if stage.what_you_do:
        data["responsibilities"] = list(stage.what_you_do)
    # "<", ">" and "&" never appear raw, so no text can close the script element the theme puts it in, and the
    # front matter holds no markup characters at all (as for titles: ``meta_title``).
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
