"""A page's fingerprint: of its main text for a web page (so cookie banners, navigation, footer dates and
tracking parameters in links do not count as changes), of its bytes for a PDF or any other file."""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from typing import Literal

import trafilatura

__all__ = ["Kind", "fingerprint", "main_text"]

Kind = Literal["text", "bytes"]

# trafilatura logs every page it finds thin; the watcher reports in its own words.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def main_text(html: str) -> str:
    """The page's main text as trafilatura extracts it (boilerplate removed), whitespace and Unicode forms
    normalised; the whole visible text when no main text can be found."""
    text = trafilatura.extract(html, include_comments=False, include_tables=True, include_links=False,
                               include_images=False, with_metadata=False, deduplicate=False)
    if not text:
        text = trafilatura.html2txt(html) or ""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def _is_html(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower() in _HTML_TYPES


def _charset(content_type: str) -> str:
    match = re.search(r"charset=([\w.:-]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else "utf-8"


def fingerprint(body: bytes, content_type: str) -> tuple[Kind, str]:
    """``("text", "sha256:...")`` for a web page, ``("bytes", "sha256:...")`` for anything else."""
    if _is_html(content_type):
        try:
            html = body.decode(_charset(content_type), errors="replace")
        except LookupError:  # an unknown charset name
            html = body.decode("utf-8", errors="replace")
        return "text", "sha256:" + hashlib.sha256(main_text(html).encode("utf-8")).hexdigest()
    return "bytes", "sha256:" + hashlib.sha256(body).hexdigest()
