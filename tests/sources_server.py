"""A local HTTPS server for the source watcher's tests: its own certificate (made with the openssl command),
pages a test can change between requests, and a record of the headers each request carried."""

from __future__ import annotations

import contextlib
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@dataclass
class Page:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    send_length: bool = True
    """False: no Content-Length, so only counting the bytes read can enforce a size cap."""


@dataclass
class Site:
    base: str
    pages: dict[str, Page]
    seen: list[tuple[str, dict[str, str]]] = field(default_factory=list)


def article(title: str, paragraphs: list[str], footer: str = "Page last reviewed: 1 December 2026") -> bytes:
    """A page shaped like an official one: cookie banner, navigation, the article, a footer with a date."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html lang='en'><head><title>{title}</title></head><body>"
            "<div id='cookie-banner' class='cookie-banner'>We use cookies. <a href='/cookies?utm_source=x'>"
            "Cookie settings</a></div>"
            "<header><nav><a href='/'>Home</a> <a href='/about?utm_campaign=y'>About us</a></nav></header>"
            f"<main><article><h1>{title}</h1>{body}</article></main>"
            f"<footer><p>{footer}</p><p>Copyright 2026</p></footer></body></html>").encode()


def make_certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    return cert, key


@contextmanager
def https_site(folder: Path) -> Iterator[tuple[Site, Path]]:
    """A running server on 127.0.0.1 (a free port), and the certificate file to trust."""
    cert, key = make_certificate(folder)
    pages: dict[str, Page] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.seen.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            page = pages.get(self.path, Page(b"not here", 404, "text/plain"))
            if page.delay:
                time.sleep(page.delay)
            self.send_response(page.status)
            self.send_header("Content-Type", page.content_type)
            if page.send_length:
                self.send_header("Content-Length", str(len(page.body)))
            else:
                self.close_connection = True
            for name, value in page.headers.items():
                self.send_header(name, value)
            self.end_headers()
            # The client may stop reading (size cap, timeout): that is what is being tested.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError, ssl.SSLError):
                self.wfile.write(page.body)

        def log_message(self, *_: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    site = Site(f"https://127.0.0.1:{server.server_address[1]}", pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site, cert
    finally:
        server.shutdown()
        server.server_close()
