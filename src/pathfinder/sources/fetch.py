"""Fetching cited pages politely and safely.

One request at a time (so never two at once to a host), a pause between requests to the same host, a User-Agent
that names the project, conditional requests, time limits, a size cap, https only, no credentials or cookies, and
no address on a private network unless ``allow_private`` (for tests against a local server). ``HTTPS_PROXY`` and
``NO_PROXY`` choose a proxy; ``SSL_CERT_FILE`` names the certificates to trust (NHS networks need both).
"""

from __future__ import annotations

import ipaddress
import os
import socket
import ssl
import time
import urllib.request
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urljoin, urlsplit

import certifi
import httpx

__all__ = ["MAX_BYTES", "TIMEOUT", "USER_AGENT", "Fetched", "Fetcher", "Outcome"]

USER_AGENT = ("pharmacy-careers-pathways-source-watch/1.0 (checks once a week whether the official pages cited by "
              "the Pharmacy careers pathways site have changed)")
#: Seconds for each of connecting and each read, and for the whole download of one address.
TIMEOUT = 20.0
#: Bytes: official pages and PDFs are far smaller; anything bigger is not read (and is reported, not trusted).
MAX_BYTES = 20_000_000
MAX_REDIRECTS = 5
#: Seconds between two requests to the same host.
PAUSE = 2.0

Outcome = Literal["ok", "not-modified", "gone", "unreachable"]


@dataclass(frozen=True)
class Fetched:
    """What one address gave. ``moved_to`` is the address a permanent redirect (301 or 308) led to, if any."""

    url: str
    outcome: Outcome
    final_url: str
    status: int | None = None
    content_type: str = ""
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    moved_to: str | None = None
    detail: str = ""
    no_such_host: bool = False
    """The name did not resolve: "gone" only if other names resolved in the same run (else we are offline)."""


class _Refused(Exception):
    def __init__(self, outcome: Outcome, detail: str, *, no_such_host: bool = False) -> None:
        super().__init__(detail)
        self.outcome, self.detail, self.no_such_host = outcome, detail, no_such_host


def _ssl_context() -> ssl.SSLContext:
    return ssl.create_default_context(cafile=os.environ.get("SSL_CERT_FILE") or certifi.where())


def _is_private(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    return not ip.is_global or ip.is_multicast


@dataclass
class Fetcher:
    """Fetches one address at a time. Use as a context manager, or call ``close``."""

    allow_private: bool = False
    timeout: float = TIMEOUT
    max_bytes: int = MAX_BYTES
    pause: float = PAUSE
    _last_request: dict[str, float] = field(default_factory=dict)
    reached_any: bool = False
    """True once any address resolved or any server answered: proof that this machine is online."""

    def __post_init__(self) -> None:
        common = {"verify": _ssl_context(), "timeout": httpx.Timeout(self.timeout), "follow_redirects": False,
                  "trust_env": False, "headers": {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate",
                                                  "Accept": "text/html,application/xhtml+xml,application/pdf;"
                                                            "q=0.9,*/*;q=0.5"}}
        # trust_env is off so that no .netrc credentials are ever sent; the proxy is taken from the environment
        # by hand, per address (NO_PROXY applies).
        self._direct = httpx.Client(**common)  # type: ignore[arg-type]
        proxy = urllib.request.getproxies_environment().get("https")
        self._proxied = httpx.Client(proxy=proxy, **common) if proxy else None  # type: ignore[arg-type]

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._direct.close()
        if self._proxied:
            self._proxied.close()

    def _client_for(self, host: str) -> tuple[httpx.Client, bool]:
        if self._proxied and not urllib.request.proxy_bypass_environment(host):  # type: ignore[attr-defined]
            return self._proxied, True
        return self._direct, False

    def _safe(self, url: str, proxied: bool) -> None:
        """Refuse an address that is not https, carries credentials, or (unless allowed) is on a private network.
        A host that does not exist is gone; a name that cannot be looked up right now is unreachable."""
        parts = urlsplit(url)
        if parts.scheme != "https":
            raise _Refused("unreachable", f"refused to follow it to {url}: only https addresses are fetched")
        if parts.username or parts.password:
            raise _Refused("unreachable", "refused: the address carries a user name or password")
        host = parts.hostname or ""
        try:
            literal = [host] if ipaddress.ip_address(host) else []
        except ValueError:
            literal = []
        if proxied and not literal:
            return  # the proxy looks the name up; the local network may not be able to
        try:
            addresses = literal or [str(info[4][0]) for info in socket.getaddrinfo(host, parts.port or 443,
                                                                             type=socket.SOCK_STREAM)]
        except socket.gaierror as error:
            if error.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)):
                raise _Refused("gone", f"the host {host} no longer exists", no_such_host=True) from None
            raise _Refused("unreachable", f"could not look up {host}: {error.strerror}") from None
        self.reached_any = True
        if not self.allow_private and any(_is_private(str(a)) for a in addresses):
            raise _Refused("unreachable", f"refused: {host} is on a private network")

    def _wait_for(self, host: str) -> None:
        last = self._last_request.get(host)
        if last is not None:
            time.sleep(max(0.0, last + self.pause - time.monotonic()))
        self._last_request[host] = time.monotonic()

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """Follow up to five redirects; a permanent one (301, 308) is remembered as ``moved_to``."""
        current, moved_to = url, None
        try:
            for _ in range(MAX_REDIRECTS + 1):
                host = urlsplit(current).hostname or ""
                client, proxied = self._client_for(host)
                self._safe(current, proxied)
                self._wait_for(host)
                headers = {}
                if etag:
                    headers["If-None-Match"] = etag
                if last_modified:
                    headers["If-Modified-Since"] = last_modified
                status, response_headers, body = self._get(client, current, headers)
                if status in (301, 302, 303, 307, 308) and "location" in response_headers:
                    target = urljoin(current, response_headers["location"])
                    if status in (301, 308) and moved_to is None and target != current:
                        moved_to = target
                    current = target
                    continue
                return self._result(url, current, status, response_headers, body, moved_to)
            return Fetched(url, "unreachable", current, moved_to=moved_to, detail="too many redirects")
        except _Refused as refused:
            return Fetched(url, refused.outcome, current, moved_to=moved_to, detail=refused.detail,
                           no_such_host=refused.no_such_host)
        except httpx.TimeoutException:
            return Fetched(url, "unreachable", current, moved_to=moved_to,
                           detail=f"no answer within {self.timeout:g} seconds")
        except httpx.HTTPError as error:
            return Fetched(url, "unreachable", current, moved_to=moved_to,
                           detail=f"could not connect: {error.__class__.__name__}: {error}")

    def _get(self, client: httpx.Client, url: str, headers: dict[str, str]) -> tuple[int, httpx.Headers, bytes]:
        deadline = time.monotonic() + self.timeout
        client.cookies.clear()  # nothing a page set is sent on
        with client.stream("GET", url, headers=headers) as response:
            self.reached_any = True
            if response.status_code >= 300:
                return response.status_code, response.headers, b""
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise _Refused("unreachable", f"the file is larger than {self.max_bytes // 1_000_000} MB: not read")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise _Refused("unreachable", f"the file is larger than {self.max_bytes // 1_000_000} MB: "
                                                  "not read")
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout("too slow")
                chunks.append(chunk)
            return response.status_code, response.headers, b"".join(chunks)

    def _result(self, url: str, final: str, status: int, headers: httpx.Headers, body: bytes,
                moved_to: str | None) -> Fetched:
        common = {"final_url": final, "status": status, "moved_to": moved_to}
        if status == 304:
            return Fetched(url, "not-modified", **common)  # type: ignore[arg-type]
        if status in (404, 410):
            return Fetched(url, "gone", detail=f"the server answers {status} (not found)", **common)  # type: ignore[arg-type]
        if not 200 <= status < 300:
            return Fetched(url, "unreachable", detail=f"the server answers {status}", **common)  # type: ignore[arg-type]
        return Fetched(url, "ok", content_type=headers.get("content-type", ""), body=body,
                       etag=headers.get("etag"), last_modified=headers.get("last-modified"), **common)  # type: ignore[arg-type]
