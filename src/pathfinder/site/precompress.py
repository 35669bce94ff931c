"""Precompressed copies of the built site's files: ``NAME.br`` (Brotli) and ``NAME.gz`` (gzip) beside ``NAME``.

A host serves them in place of the file when the browser accepts that encoding (the README shows the settings),
so the route finder's engine (the WebAssembly runtime above all) travels at the best compression there is
rather than at whatever level a server compresses on the fly, if it compresses ``.wasm`` at all.

Brotli at its best level takes about a minute for the 9.6 MB runtime, so each result is kept in
build/precompressed/ under a hash of the content and made again only when the content changes.
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import brotli  # type: ignore[import-untyped]  # no type information shipped

__all__ = ["COMPRESSIBLE", "STORED_ZIP_PREFIX", "compressed", "precompress_site"]

#: Files worth compressing (the others are images or archives that are compressed already).
COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".csv", ".graphml", ".txt", ".wasm")
#: Zip files whose entries are stored uncompressed so that the whole file compresses better.
STORED_ZIP_PREFIX = "engine-lib-"
#: Below this size the header costs more than compression saves.
_SMALLEST = 1024


def _cache_dir() -> Path:
    from .finder import _project_root  # the checkout holding build/

    return _project_root() / "build" / "precompressed"


def compressed(data: bytes, encoding: str, cache: Path | None = None) -> bytes:
    """``data`` compressed as ``br`` (quality 11) or ``gz`` (level 9, no name or time, so builds repeat)."""
    folder = cache or _cache_dir()
    key = folder / f"{hashlib.sha256(data).hexdigest()}.{encoding}"
    if key.is_file():
        return key.read_bytes()
    if encoding == "br":
        out = bytes(brotli.compress(data, quality=11))
    elif encoding == "gz":
        out = gzip.compress(data, compresslevel=9, mtime=0)
    else:
        raise ValueError(f"unknown encoding {encoding!r}")
    folder.mkdir(parents=True, exist_ok=True)
    partial = key.with_suffix(key.suffix + ".part")
    partial.write_bytes(out)
    partial.replace(key)
    return out


def _worth_it(path: Path) -> bool:
    # The finder's engine library is a zip of stored (uncompressed) entries, made to be compressed whole.
    return path.is_file() and path.stat().st_size >= _SMALLEST and (
        path.suffix in COMPRESSIBLE or path.name.startswith(STORED_ZIP_PREFIX))


def precompress_site(site: Path) -> int:
    """Write ``.br`` and ``.gz`` beside every compressible file of ``site``; returns how many got them."""
    count = 0
    for path in sorted(site.rglob("*")):
        if not _worth_it(path):
            continue
        data = path.read_bytes()
        for encoding in ("br", "gz"):
            packed = compressed(data, encoding)
            if len(packed) < len(data):
                path.with_name(f"{path.name}.{encoding}").write_bytes(packed)
        count += 1
    return count
