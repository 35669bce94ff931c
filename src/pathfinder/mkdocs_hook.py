"""MkDocs hook: hands the generated pages to MkDocs and makes ``mkdocs serve`` watch ``pathways/``.

Thin on purpose: the pages come from ``pathfinder.site``, which knows nothing of MkDocs. The data is loaded
and checked in ``on_pre_build``, before MkDocs cleans the output folder, so bad data leaves the last good site
in place. Set PATHFINDER_PATHWAYS to build from another folder (the tests build their fixtures that way).

``mkdocs build`` fails on bad data. ``mkdocs serve`` must not: MkDocs' server holds every request until a
rebuild succeeds, so a failed rebuild would hang the preview. Once serving, a rebuild with bad data therefore
succeeds with the last good generated pages and a banner on every page listing the problems; the next good
save removes it. The first build of ``mkdocs serve`` still fails on bad data, since there is no good site yet.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from pathfinder.graph import load_pathways
from pathfinder.problems import Problem, report
from pathfinder.site import Content, SiteDataError, generate_site
from pathfinder.site.precompress import precompress_site
from pathfinder.site.preview import problems_banner

__all__ = ["BadPathways", "on_files", "on_post_build", "on_post_page", "on_pre_build", "on_serve"]

_generated: dict[str, Content] = {}


@dataclass
class _Preview:
    """What ``mkdocs serve`` needs between rebuilds."""

    serving: bool = False
    banner: str = ""
    """While serving with bad data, the banner every page shows; else empty."""


_preview = _Preview()


class BadPathways(SystemExit, Exception):
    """The pathway data has problems (``problems``, when they are located).

    Both a SystemExit and an Exception, so that each MkDocs command prints the located problems alone: ``mkdocs
    build`` exits with the message and no traceback.
    """

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def _pathways_dir(config: MkDocsConfig) -> Path:
    given = os.environ.get("PATHFINDER_PATHWAYS")
    return Path(given) if given else Path(config.config_file_path).parent / "pathways"


def _generate(root: Path) -> dict[str, Content]:
    if not root.is_dir():
        raise BadPathways(f"pathfinder: no pathways folder at {root}",
                          [Problem(str(root), 1, 1, "no-pathways", "there is no pathways folder here")])
    pathways = load_pathways(root)
    if pathways.errors:
        raise BadPathways(report(pathways.errors) + "\npathfinder: the site was not built; fix the problems above.",
                          pathways.errors)
    try:
        return generate_site(pathways)
    except SiteDataError as error:
        raise BadPathways(str(error), error.problems) from None
    except FileNotFoundError as error:  # a build input, such as the networkx wheel: the message says what to run
        raise BadPathways(f"pathfinder: {error}") from None


def on_pre_build(config: MkDocsConfig) -> None:
    """Load, check and generate before anything is written; while serving, keep the last good pages on error."""
    try:
        fresh = _generate(_pathways_dir(config))
    except BadPathways as bad:
        if not (_preview.serving and _generated and bad.problems):
            raise
        _preview.banner = problems_banner(bad.problems)
        print(f"{report(bad.problems)}\npathfinder: the preview shows the last good pages, with these problems "
              "listed at the top of every page, until you fix them.", file=sys.stderr)
        return
    _preview.banner = ""
    _generated.clear()
    _generated.update(fresh)


def _generated_file(config: MkDocsConfig, path: str, content: Content) -> File:
    if isinstance(content, Path):
        return File.generated(config, path, abs_src_path=str(content))
    return File.generated(config, path, content=content)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add every generated page and file; a hand-written page may not share a generated one's path."""
    clashes = sorted(path for path in _generated if files.get_file_from_path(path) is not None)
    if clashes:
        raise BadPathways(f"pathfinder: docs/ has files the generator also writes: {', '.join(clashes)}")
    for path, content in _generated.items():
        files.append(_generated_file(config, path, content))
    return files


#: Where the banner goes: at the top of the theme's article, else straight after <body>.
_BANNER_SPOTS = (re.compile(r'<article\b[^>]*class="[^"]*md-content__inner[^"]*"[^>]*>'), re.compile(r"<body\b[^>]*>"))


def on_post_page(output: str, page: Any, config: MkDocsConfig) -> str:
    """While serving with bad data, put the problems banner at the top of the page."""
    if not _preview.banner:
        return output
    for spot in _BANNER_SPOTS:
        found = spot.search(output)
        if found:
            return output[:found.end()] + _preview.banner + output[found.end():]
    return _preview.banner + output


def on_post_build(config: MkDocsConfig) -> None:
    """Write Brotli and gzip copies beside the built files for the host to send (not while previewing)."""
    if not _preview.serving:
        precompress_site(Path(config.site_dir))


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Rebuild when a pathway file changes; from now on a rebuild with bad data shows the banner, not fails."""
    _preview.serving = True
    server.watch(str(_pathways_dir(config)))
    return server
