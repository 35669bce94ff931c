"""MkDocs hook: hands the generated pages to MkDocs and makes ``mkdocs serve`` watch ``pathways/``.

Thin on purpose: the pages come from ``pathfinder.site``, which knows nothing of MkDocs. The data is loaded
and checked in ``on_pre_build``, before MkDocs cleans the output folder, so bad data leaves the last good site
in place. Set PATHFINDER_PATHWAYS to build from another folder (the tests build their fixtures that way).

``mkdocs build`` fails on bad data. ``mkdocs serve`` must not: MkDocs' server holds every request until a
rebuild succeeds, so a failed rebuild would hang the preview. Once serving, a rebuild with bad data therefore
succeeds with the last good generated pages and a banner on every page listing the problems; the next good
save removes it. The first build of ``mkdocs serve`` still fails on bad data, since there is no good site yet.
If the generator itself raises (a bug: data that ``pathfinder check`` passes must always build), the preview does
the same, with the exception in one line and the data file saved last. ``mkdocs serve`` also keeps watching when
the pathways folder is deleted and put back (watchdog stops watching a folder once it is deleted).
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import threading
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from pathfinder.graph import load_pathways
from pathfinder.load import display_path
from pathfinder.problems import Problem, report
from pathfinder.site import Content, SiteDataError, generate_site
from pathfinder.site.feedback import FeedbackSettingError, PageSource, check_settings, feedback_links, page_sources
from pathfinder.site.precompress import precompress_site
from pathfinder.site.preview import problems_banner
from pathfinder.site_address import PLACEHOLDER, SiteAddressError, configured_site_url

__all__ = ["BadPathways", "on_config", "on_files", "on_page_markdown", "on_post_build", "on_post_page", "on_pre_build",
           "on_serve"]

_generated: dict[str, Content] = {}
#: By generated page path: the file a maintainer edits for it, and its stage (for the report and edit links).
_page_sources: dict[str, PageSource] = {}


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


def _generate(root: Path, repo_root: Path) -> tuple[dict[str, Content], dict[str, PageSource]]:
    if not root.is_dir():
        raise BadPathways(f"pathfinder: no pathways folder at {root}",
                          [Problem(str(root), 1, 1, "no-pathways", "there is no pathways folder here")])
    pathways = load_pathways(root)
    if pathways.errors:
        raise BadPathways(report(pathways.errors) + "\npathfinder: the site was not built; fix the problems above.",
                          pathways.errors)
    try:
        return generate_site(pathways), page_sources(pathways, root, repo_root)
    except SiteDataError as error:
        raise BadPathways(str(error), error.problems) from None
    except FileNotFoundError as error:  # a build input, such as the networkx wheel: the message says what to run
        raise BadPathways(f"pathfinder: {error}") from None


def _last_saved(root: Path) -> Path | None:
    """The data file under ``root`` changed most recently: the likeliest cause of a failure that has no location."""
    try:
        files = [path for path in root.rglob("*.y*ml") if path.is_file() and not path.is_symlink()]
        return max(files, key=lambda path: path.stat().st_mtime, default=None)
    except OSError:
        return None


def _crash_problem(root: Path, error: BaseException) -> Problem:
    """A failure of the generator as one located problem: the exception in one line, where in pathfinder's code
    it was raised, and the data file saved last. Nothing is read from any data file."""
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if "pathfinder" in frame.filename]
    where = f" in {Path(frames[-1].filename).name} line {frames[-1].lineno}" if frames else ""
    said = " ".join(str(error).split())
    said = said if len(said) <= 200 else said[:200] + "…"
    saved = _last_saved(root)
    file = display_path(saved) if saved else display_path(root)
    return Problem(file, 1, 1, "build-failed",
                   f"the site generator stopped with {type(error).__name__}{': ' + said if said else ''}{where}, "
                   "after the last change to this file. This is a bug in pathfinder (what pathfinder check accepts "
                   "must build): undo the change to see the preview again, and report it.")


def _generate_or_report(root: Path, repo_root: Path) -> tuple[dict[str, Content], dict[str, PageSource]]:
    """``_generate``, with any other exception turned into BadPathways holding one located problem."""
    try:
        return _generate(root, repo_root)
    except BadPathways:
        raise
    except Exception as error:  # a bug; reported, so the preview never hangs on it
        raise BadPathways(f"pathfinder: the site generator failed: {type(error).__name__}: {error}",
                          [_crash_problem(root, error)]) from error


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check the build settings before anything is built, each bad one stopping the build with one line: SITE_URL
    (it goes into every page's canonical link and the sitemap unescaped), and SITE_REPO or SITE_FEEDBACK_EMAIL
    (they would make broken links)."""
    try:
        config.site_url = configured_site_url() or PLACEHOLDER
        check_settings(*_feedback_settings(config))
    except (SiteAddressError, FeedbackSettingError) as error:
        raise BadPathways(f"pathfinder: {error}") from None
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    """Load, check and generate before anything is written; while serving, keep the last good pages on error."""
    root = _pathways_dir(config)
    try:
        fresh, sources = _generate_or_report(root, Path(config.config_file_path).parent)
    except BadPathways as bad:
        if not (_preview.serving and _generated):
            raise
        _preview.banner = problems_banner(bad.problems or [Problem(display_path(root), 1, 1, "build-failed",
                                                                   " ".join(str(bad).split())[:300])])
        print(f"{report(bad.problems)}\npathfinder: the preview shows the last good pages, with these problems "
              "listed at the top of every page, until you fix them.", file=sys.stderr)
        return
    _preview.banner = ""
    _generated.clear()
    _generated.update(fresh)
    _page_sources.clear()
    _page_sources.update(sources)


def _feedback_settings(config: MkDocsConfig) -> tuple[str, str, str]:
    extra = config.extra
    return (str(extra.get("site_repo") or "").strip(), str(extra.get("feedback_email") or "").strip(),
            str(extra.get("site_repo_branch") or "main").strip())


def on_page_markdown(markdown: str, page: Any, config: MkDocsConfig, files: Files) -> str:
    """Give the page its report and edit links (none without SITE_REPO or SITE_FEEDBACK_EMAIL)."""
    repo, email, branch = _feedback_settings(config)
    uri = page.file.src_uri
    source = _page_sources.get(uri) if page.file.generated_by else PageSource(f"{Path(config.docs_dir).name}/{uri}")
    site = config.site_url or ""
    address = (site.rstrip("/") + "/" + page.url) if site and site != PLACEHOLDER else "/" + page.url
    links = feedback_links(source, address, repo=repo, email=email, branch=branch) if source else None
    if links:
        page.meta["pf_feedback"] = {"report_url": links.report_url, "report_by_email": links.report_by_email,
                                    "edit_url": links.edit_url}
    return markdown


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


def _identity(folder: Path) -> tuple[int, int] | None:
    try:
        status = folder.stat()
    except OSError:
        return None
    return (status.st_dev, status.st_ino)


def _rebuild(server: Any) -> None:
    """Ask MkDocs' live-reload server for a rebuild, as its own file watcher does."""
    condition = getattr(server, "_rebuild_cond", None)
    if condition is None:
        return
    with condition:
        server._want_rebuild = True
        condition.notify_all()


def _keep_watching(server: Any, folder: Path, stop: threading.Event, every: float = 0.5) -> None:
    """Watch ``folder`` again whenever it is replaced (deleted and put back, or renamed over), then rebuild."""
    watched = _identity(folder)
    while not stop.wait(every):
        now = _identity(folder)
        if now == watched:
            continue
        watched = now
        if now is not None:
            with contextlib.suppress(Exception):  # the old watch may have ended with the folder
                server.unwatch(str(folder))
            server.watch(str(folder))
        _rebuild(server)


def on_post_build(config: MkDocsConfig) -> None:
    """Write Brotli and gzip copies beside the built files for the host to send (not while previewing)."""
    if not _preview.serving:
        precompress_site(Path(config.site_dir))


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Rebuild when a pathway file changes; from now on a rebuild with bad data shows the banner, not fails."""
    _preview.serving = True
    folder = _pathways_dir(config)
    server.watch(str(folder))
    stop = threading.Event()
    threading.Thread(target=_keep_watching, args=(server, folder, stop), name="pathfinder-rewatch",
                     daemon=True).start()
    return server
