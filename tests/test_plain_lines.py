"""Generated lines read as sentences: lists of needs end each item with one full stop, no line ends in two, and
counts of months agree with their number ("1 month", never "1 months")."""

from __future__ import annotations

import re
from datetime import date

import pytest

from pathfinder.graph import load_pathways
from pathfinder.site import generate_site
from pathfinder.site.render import sentences

from .conftest import ROOT


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    files = generate_site(load_pathways(ROOT / "pathways"), built=date(2026, 12, 5))
    return {path: content for path, content in files.items() if path.endswith(".md") and isinstance(content, str)}


def _text(page: str) -> str:
    """What a visitor reads: tags (and the addresses inside them) left out."""
    return re.sub(r"<[^>]*>", " ", page)


def test_items_become_sentences_with_one_full_stop_each() -> None:
    assert sentences(["A job or apprenticeship", "Usually four GCSEs."]) == \
        "A job or apprenticeship. Usually four GCSEs."
    assert sentences("Already a sentence!") == "Already a sentence!"
    assert sentences(["", "  spaced   out  "]) == "spaced out."


def test_no_generated_line_ends_in_two_full_stops(pages: dict[str, str]) -> None:
    doubled = {path: found.group(0) for path, page in pages.items()
               if (found := re.search(r"(?<!\.)[.!?]\.(?![.\w/])", _text(page)))}
    assert doubled == {}


def test_a_card_says_each_thing_you_need_to_start_as_its_own_sentence(pages: dict[str, str]) -> None:
    needs = [line for path, page in pages.items() if path.startswith("schools/cards/")
             for line in re.findall(r'data-pf-fact="needs">(.*?)</p>', page)]
    assert needs
    for line in needs:
        assert ";" not in line and line.rstrip().endswith("."), line


def test_no_page_counts_one_month_in_the_plural(pages: dict[str, str]) -> None:
    assert {path for path, page in pages.items() if re.search(r"\b1 (months|years)\b", _text(page))} == set()
