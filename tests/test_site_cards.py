"""Route cards' QR codes: each one printed decodes to the configured address written beside it; a card built
without SITE_URL has no QR code and says in words where to find the page."""

from __future__ import annotations

import html
import re

import pytest
import zxingcpp

from pathfinder.graph import load_pathways, stage_url
from pathfinder.site.cards import card_pages, qr_svg
from pathfinder.site_address import PLACEHOLDER

from .conftest import ROOT

_SVG = re.compile(r'<svg [^>]*class="pf-qr"[^>]*>.*?</svg>', re.S)
_MOVES = re.compile(r"([Mmh])\s*(-?[\d.]+)(?:\s+(-?[\d.]+))?")
#: Pixels per module, and light modules around the code, as a printer or a screen shows them.
_PX, _QUIET = 4, 4


def _modules(svg: str) -> set[tuple[int, int]]:
    """The dark modules (column, row) of segno's SVG: one path of horizontal runs, ``M``/``m`` moves and ``h`` runs
    in module units, each row at y + 0.5."""
    d = re.search(r'\bd="([^"]+)"', svg)
    assert d, svg[:200]
    x = y = 0.0
    dark = set()
    for command, a, b in _MOVES.findall(d.group(1)):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            dark.update((int(x) + i, int(y)) for i in range(int(float(a))))
            x += float(a)
    return dark


def _decode(svg: str) -> list[str]:
    """What a scanner reads from the code drawn by ``svg``, rendered black on white with a quiet zone."""
    dark = _modules(svg)
    size = max(max(c, r) for c, r in dark) + 1 + _QUIET
    side = size * _PX
    pixels = bytearray(b"\xff" * side * side)
    for c, r in dark:
        for dy in range(_PX):
            start = (r * _PX + dy) * side + c * _PX
            pixels[start:start + _PX] = b"\x00" * _PX
    image = memoryview(bytes(pixels)).cast("B", (side, side))
    return [found.text for found in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


@pytest.mark.parametrize("site", ["https://careers.example.org/", "https://example.nhs.uk/pharmacy"])
def test_every_card_qr_code_decodes_to_the_configured_address(site: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITE_URL", site)
    pathways = load_pathways(ROOT / "pathways")
    cards = card_pages(pathways)
    checked = 0
    for path, page in cards.items():
        if path == "schools/cards/index.md":
            continue
        stage_id = path.split("/")[2]
        expected = site.rstrip("/") + "/" + stage_url(stage_id, pathways.stages[stage_id].stage.kind)
        address = re.search(r'<strong class="pf-address">([^<]+)</strong>', page)
        svg = _SVG.search(page)
        assert address and svg, path
        assert html.unescape(address.group(1)) == expected, path
        assert _decode(svg.group(0)) == [expected], path
        assert PLACEHOLDER not in page
        checked += 1
    assert checked == sum(1 for s in pathways.stages.values() if s.stage.kind == "role")


def test_a_card_built_without_site_url_has_no_qr_code_and_says_where_to_look(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITE_URL", raising=False)
    pathways = load_pathways(ROOT / "pathways")
    cards = {p: c for p, c in card_pages(pathways).items() if p != "schools/cards/index.md"}
    assert cards
    for path, page in cards.items():
        title = pathways.stages[path.split("/")[2]].stage.title
        assert not _SVG.search(page) and "pf-address" not in page and "http" not in page.split("pf-card-foot")[1]
        assert "Pharmacy careers pathways" in page and f"<strong>{html.escape(title)}</strong>" in page, path


@pytest.mark.parametrize("url", [
    "https://pharmacy-careers-pathways.invalid/careers/a/",
    "https://example.org/careers/role-01234/",
    "https://careers.example.nhs.uk/pharmacy/careers/primary-care-pharmacy-technician-with-a-long-name/",
])
def test_qr_code_decodes_for_addresses_of_every_length(url: str) -> None:
    assert _decode(str(qr_svg(url))) == [url]
