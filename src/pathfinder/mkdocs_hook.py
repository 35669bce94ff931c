"""MkDocs hook: hands the generated pages to MkDocs and makes ``mkdocs serve`` watch ``pathways/``.

Thin on purpose: the pages come from ``pathfinder.site``, which knows nothing of MkDocs. The data is loaded
and checked in ``on_pre_build``, before MkDocs cleans the output folder, so bad data leaves the last good site
in place. Set PATHFINDER_PATHWAYS to build from another folder (the tests build their fixtures that way).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from pathfinder.graph import load_pathways
from pathfinder.problems import report
from pathfinder.site import Content, SiteDataError, generate_site

__all__ = ["BadPathways", "on_files", "on_pre_build", "on_serve"]

_generated: dict[str, Content] = {}


class BadPathways(SystemExit, Exception):
    """The pathway data has problems.

    Both a SystemExit and an Exception, so that each MkDocs command prints the located problems alone: ``mkdocs
    build`` exits with the message, and the rebuild loop of ``mkdocs serve`` (which catches Exception and prints
    a SystemExit without its traceback) keeps serving the last good site until the data is fixed.
    """


def _pathways_dir(config: MkDocsConfig) -> Path:
    given = os.environ.get("PATHFINDER_PATHWAYS")
    return Path(given) if given else Path(config.config_file_path).parent / "pathways"


def _generate(root: Path) -> dict[str, Content]:
    if not root.is_dir():
        raise BadPathways(f"pathfinder: no pathways folder at {root}")
    pathways = load_pathways(root)
    if pathways.errors:
        raise BadPathways(report(pathways.errors) + "\npathfinder: the site was not built; fix the problems above.")
    try:
        return generate_site(pathways)
    except SiteDataError as error:
        raise BadPathways(str(error)) from None


def on_pre_build(config: MkDocsConfig) -> None:
    """Load, check and generate before anything is written."""
    _generated.clear()
    _generated.update(_generate(_pathways_dir(config)))


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


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Rebuild when a pathway file changes."""
    server.watch(str(_pathways_dir(config)))
    return server
