"""The site's public address (the ``SITE_URL`` build setting): one check, used by the generator, the MkDocs hook
and the CLI.

The address goes into every page's canonical link, the sitemap, and the printed route cards and their QR codes,
so it must be a plain absolute http(s) address: a quote or a ``<`` would break out of an HTML attribute, and a
``javascript:`` address would be printed as a QR code. Without it, a build is for previewing: cards print no QR
code and say in words where to find the site, and ``pathfinder check --publishing`` fails.
"""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

__all__ = ["MAX_LENGTH", "PLACEHOLDER", "SiteAddressError", "check_site_url", "configured_site_url",
           "publishing_problem"]

#: The address a build without SITE_URL uses (mkdocs.yml's default site_url). ``.invalid`` can never resolve.
PLACEHOLDER = "https://pharmacy-careers-pathways.invalid/"
#: Longest address accepted. Card addresses add up to about 90 characters to it, and a QR code stays easy to
#: scan below about 250.
MAX_LENGTH = 150
#: Characters a plain web address never needs and that could break out of an HTML attribute, a Markdown link
#: or a QR code's meaning.
_FORBIDDEN = re.compile(r"[\s\"'<>`\\{}|^\[\]]|[\x00-\x1f\x7f]")
_HOST = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?$")


class SiteAddressError(ValueError):
    """SITE_URL is not a usable public address; the message is one plain line."""


def check_site_url(value: str) -> str:
    """``value`` as the site's address, ending in a slash, or SiteAddressError saying in one line what is wrong."""
    shown = value if len(value) <= 60 else value[:57] + "..."
    if len(value) > MAX_LENGTH:
        raise SiteAddressError(f"SITE_URL is {len(value)} characters long: give the site's address, at most "
                               f"{MAX_LENGTH} characters, such as https://careers.example.org/")
    bad = _FORBIDDEN.search(value)
    if bad:
        # The value itself is not repeated: it may hold markup, and the message may reach a page.
        raise SiteAddressError(f"SITE_URL holds {bad.group(0)!r} (character {bad.start() + 1}): give a plain address "
                               "with no quotes, spaces or markup, such as https://careers.example.org/")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https"):
        raise SiteAddressError(f"SITE_URL {shown!r} does not start with https:// or http://: give the site's full "
                               "address, such as https://careers.example.org/")
    if not _HOST.match(parts.netloc):
        raise SiteAddressError(f"SITE_URL {shown!r} has no host name (or a user name or odd characters in it): "
                               "give the site's full address, such as https://careers.example.org/")
    if parts.query or parts.fragment or "?" in value or "#" in value:
        raise SiteAddressError(f"SITE_URL {shown!r} has a '?' or '#' part: give the address of the site's home "
                               "page alone, such as https://careers.example.org/")
    return value if value.endswith("/") else value + "/"


def configured_site_url() -> str | None:
    """The checked address SITE_URL gives, ending in a slash; None when it is unset or empty (a preview build).
    Raises SiteAddressError when it is set but unusable."""
    value = os.environ.get("SITE_URL", "")
    return check_site_url(value) if value else None


def publishing_problem() -> str | None:
    """Why this build may not be published, as one line, or None: SITE_URL must be set, valid and not the
    placeholder, so that printed cards point somewhere."""
    try:
        url = configured_site_url()
    except SiteAddressError as error:
        return str(error)
    if url is None or url == PLACEHOLDER:
        return ("SITE_URL is not set: printed route cards would have no address. Set it to the site's public "
                "address, such as SITE_URL=https://careers.example.org/ make check")
    return None
