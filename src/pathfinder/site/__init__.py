"""The site generator: the pathway graph as Markdown pages, SVG, JSON and CSV, keyed by site-relative path.

Nothing here imports MkDocs. ``generate_site`` returns ``{path: content}``; the MkDocs hook hands that to
MkDocs, and ``write_site`` (``pathfinder generate DIR``) writes it to disk for any other static-site tool.
Content is Markdown or text (``str``), ``bytes``, or a ``Path`` to copy.
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

from ..graph import Pathways
from ..problems import Problem, report
from .cards import card_pages
from .charts import workforce_page
from .compare import compare_page
from .downloads import data_files, schema_page
from .finder import finder_files
from .funding_page import funding_page
from .glossary_page import glossary_page
from .pages import home_page, index_pages, map_page, stage_pages
from .structured import with_description
from .which_job import which_job_page

__all__ = ["Content", "SiteDataError", "build_date", "generate_site", "write_site"]

Content = str | bytes | Path


class SiteDataError(Exception):
    """The data cannot be published: ``problems`` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(report(problems))


def build_date() -> date:
    """Today, or the day SOURCE_DATE_EPOCH names, so a rebuild of the same data can be reproduced."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC).date() if epoch else date.today()


def generate_site(pathways: Pathways, built: date | None = None) -> dict[str, Content]:
    """Every generated file of the site by site-relative path. Raises SiteDataError for data with errors
    (the stages' or the workforce figures', which ``load_pathways`` checks together); warnings do not stop it."""
    if pathways.errors:
        raise SiteDataError(pathways.errors)
    built = built or build_date()
    files: dict[str, Content] = {}
    for part in (home_page(pathways), index_pages(pathways), stage_pages(pathways, built), map_page(pathways),
                 card_pages(pathways), workforce_page(pathways.figures), data_files(pathways, built), schema_page(),
                 finder_files(pathways), glossary_page(pathways), compare_page(pathways),
                 funding_page(pathways, built), which_job_page(pathways)):
        files.update(part)
    # Every page says what it is about in its own words, for search results and link previews.
    return {path: with_description(content) if path.endswith(".md") and isinstance(content, str) else content
            for path, content in files.items()}


def write_site(pathways: Pathways, out_dir: Path) -> int:
    """Write every generated file under ``out_dir``; returns how many were written."""
    files = generate_site(pathways)
    for rel, content in files.items():
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copyfile(content, target)
        elif isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return len(files)
