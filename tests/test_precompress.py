"""Precompressed copies of the built site (site/precompress.py): each decompresses to its file, only files worth
compressing get them, and the result is kept between builds."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli
import pytest

from pathfinder.site import precompress


def test_copies_decompress_to_the_file_and_only_where_worth_it(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(precompress, "_cache_dir", lambda: tmp_path / "cache")
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    page = ("<p>Pharmacy technician</p>\n" * 400).encode()
    (site / "index.html").write_bytes(page)
    (site / "assets" / "runtime.wasm").write_bytes(b"\0asm" + b"\1\2\3\4" * 2000)
    (site / "assets" / "engine-lib-abc.zip").write_bytes(b"PK" + b"def f(): pass\n" * 500)
    (site / "assets" / "other.zip").write_bytes(b"PK" + b"x" * 5000)
    (site / "tiny.css").write_bytes(b"p{}")
    (site / "map.png").write_bytes(b"\x89PNG" + b"\0" * 5000)
    assert precompress.precompress_site(site) == 3
    assert brotli.decompress((site / "index.html.br").read_bytes()) == page
    assert gzip.decompress((site / "index.html.gz").read_bytes()) == page
    assert (site / "assets" / "runtime.wasm.br").is_file()
    assert (site / "assets" / "engine-lib-abc.zip.gz").is_file()
    for skipped in ("assets/other.zip", "tiny.css", "map.png"):
        assert not (site / f"{skipped}.br").exists() and not (site / f"{skipped}.gz").exists()
    # Kept by content: the same content is not compressed again.
    assert len(list((tmp_path / "cache").iterdir())) == 6
    assert precompress.compressed(page, "gz") == (site / "index.html.gz").read_bytes()
