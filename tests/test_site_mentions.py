"""Stage mentions: the title pattern finds the same mentions as a plain longest-first alternation of titles."""

from __future__ import annotations

import re

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathfinder.site.mentions import _any_of, link_stage_mentions

_TITLES = ["pharmacy technician", "pharmacy technician manager", "pharmacy technicians", "pharmacist",
           "pharmacy", "accuracy checking training", "accuracy checking training for support staff", "a-b", "a"]


def _plain(names: list[str]) -> re.Pattern[str]:
    ordered = sorted(names, key=len, reverse=True)
    return re.compile(rf"(?<![\w-])({'|'.join(re.escape(n) for n in ordered)})s?(?![\w-])", re.IGNORECASE)


def _trie(names: list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])({_any_of(names)})s?(?![\w-])", re.IGNORECASE)


@pytest.mark.parametrize("text", [
    "Pharmacy technician managers lead pharmacy technicians and pharmacists.",
    "Accuracy checking training for support staff, then accuracy checking training.",
    "a-b a-bs a a- pharmacy-technician Pharmacy Technician Manager.",
])
def test_title_pattern_takes_the_longest_title_that_fits(text: str) -> None:
    spans = [m.span(1) for m in _trie(_TITLES).finditer(text)]
    assert spans == [m.span(1) for m in _plain(_TITLES).finditer(text)]
    assert spans  # the cases above all mention something


@given(st.lists(st.text("abs -", min_size=1, max_size=6), min_size=1, max_size=8, unique=True),
       st.text("abs -.", max_size=40))
def test_title_pattern_matches_a_plain_alternation(names: list[str], text: str) -> None:
    names = [n.casefold() for n in names]
    assert [m.span(1) for m in _trie(names).finditer(text)] == [m.span(1) for m in _plain(names).finditer(text)]


def test_first_mention_of_each_other_stage_is_linked_once() -> None:
    G = nx.DiGraph()
    for node, title in [("tech", "Pharmacy technician"), ("manager", "Pharmacy technician manager"),
                        ("self", "Pharmacist")]:
        G.add_node(node, title=title, kind="role")
    page = "<p>Pharmacist, pharmacy technician manager, pharmacy technicians and a pharmacy technician.</p>"
    linked = link_stage_mentions(page, G, "self", "../../")
    assert linked.count('href="../../careers/manager/"') == 1
    assert linked.count('href="../../careers/tech/"') == 1
    assert '">pharmacy technicians</a>' in linked  # the plural is the first mention
    assert "careers/self/" not in linked
