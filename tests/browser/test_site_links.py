"""Every internal link in the built site resolves: pages, files and #anchors, across every HTML page."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_LINK_ATTRS = {"href", "src", "xlink:href"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in _LINK_ATTRS and value:
                self.links.append(value)
            if name in ("id", "name") and value:
                self.ids.add(value)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _target(site: Path, page: Path, link: str) -> tuple[Path, str] | None:
    """The file a link points at and its fragment, or None for links that leave the site."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:", "data:")):
        return None
    base = "/" + page.parent.relative_to(site).as_posix() + "/"
    path = unquote(parts.path)
    resolved = posixpath.normpath(posixpath.join(base, path)) if path else "/" + page.relative_to(site).as_posix()
    target = site / resolved.lstrip("/")
    if target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def test_every_internal_link_resolves(site_dir: Path) -> None:
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 20
    parsed = {page: _parse(page) for page in pages}
    broken = []
    checked = 0
    for page, content in parsed.items():
        for link in content.links:
            found = _target(site_dir, page, link)
            if found is None:
                continue
            target, fragment = found
            checked += 1
            if not target.is_file():
                broken.append(f"{page.relative_to(site_dir)}: {link}")
            elif fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if fragment not in ids:
                    broken.append(f"{page.relative_to(site_dir)}: {link} (no #{fragment})")
    assert checked > 500
    assert broken == [], "\n".join(broken[:30])
