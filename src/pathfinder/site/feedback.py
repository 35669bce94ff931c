""""Report a problem with this page" and "Edit this page" links, for every page.

The report link opens a pre-filled issue in the site's repository (or an email, when an address is configured
instead) naming the page, its stage and when the stage was last reviewed; the edit link opens the file a
maintainer edits for that page: a stage's YAML file, never the generated Markdown. Both are set at build time
(``SITE_REPO``, ``SITE_FEEDBACK_EMAIL``); with neither, no link appears. Nothing here imports MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote, urlencode

from ..graph import Pathways
from .pages import source_path

__all__ = ["Feedback", "FeedbackSettingError", "PageSource", "check_settings", "feedback_links", "page_sources"]

#: An https address of a repository on GitHub or a GitHub-style host: https://HOST/OWNER/REPO, nothing after.
REPO_PATTERN = re.compile(r"^https://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
#: A plain address: no name, no spaces, no second address, nothing a mailto: link would treat as a header.
EMAIL_PATTERN = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
BRANCH_PATTERN = re.compile(r"^[A-Za-z0-9._/-]+$")

_TEMPLATES = "src/pathfinder/site/templates/"
#: Generated pages that are not a stage's, and the file whose words they show.
_GENERATED = {
    "index.md": _TEMPLATES + "home.md.j2",
    "start/index.md": _TEMPLATES + "section_index.md.j2",
    "careers/index.md": _TEMPLATES + "section_index.md.j2",
    "training/index.md": _TEMPLATES + "section_index.md.j2",
    "map/index.md": _TEMPLATES + "map.md.j2",
    "finder/index.md": _TEMPLATES + "finder.md.j2",
    "data/index.md": _TEMPLATES + "data.md.j2",
    "schools/cards/index.md": _TEMPLATES + "cards_index.md.j2",
    "maintainers/schema.md": "src/pathfinder/schema.py",
    "glossary/index.md": "pathways/glossary.yaml",
    "workforce/index.md": "pathways/figures/workforce.yaml",
    "compare/index.md": _TEMPLATES + "compare.md.j2",
    "funded-training/index.md": _TEMPLATES + "funding.md.j2",
    "which-job/index.md": _TEMPLATES + "which_job.md.j2",
}


class FeedbackSettingError(ValueError):
    """A setting that would make broken links; the message is one line saying which and what is expected."""


@dataclass(frozen=True)
class PageSource:
    """The file to edit for a page, and the stage it shows (if it shows one) with its reviewed date."""

    edit_path: str
    stage_id: str | None = None
    reviewed: date | None = None


@dataclass(frozen=True)
class Feedback:
    report_url: str
    report_by_email: bool
    edit_url: str | None


def check_settings(repo: str, email: str, branch: str = "main") -> None:
    """Raise FeedbackSettingError for a repository that is not an https repository address, or an email that
    is not one plain address."""
    if repo and not REPO_PATTERN.match(repo):
        raise FeedbackSettingError(f"SITE_REPO must be the https address of the site's repository, such as "
                                   f"https://github.com/ORG/REPO (no .git, no slash at the end): got {repo!r}")
    if email and not EMAIL_PATTERN.match(email):
        raise FeedbackSettingError(f"SITE_FEEDBACK_EMAIL must be one plain email address, such as "
                                   f"careers@example.org: got {email!r}")
    if repo and not BRANCH_PATTERN.match(branch):
        raise FeedbackSettingError(f"SITE_REPO_BRANCH must be a branch name, such as main: got {branch!r}")


def _repo_path(file: str, root: Path, repo_root: Path) -> str:
    """A stage file's path inside the repository (``pathways/roles/x.yaml``)."""
    path = Path(file).absolute()
    try:
        return path.relative_to(repo_root.absolute()).as_posix()
    except ValueError:
        return "pathways/" + path.relative_to(root.absolute()).as_posix()


def page_sources(pathways: Pathways, root: Path, repo_root: Path) -> dict[str, PageSource]:
    """By generated page path: the file to edit and the stage shown. ``root`` is the pathways folder the data came
    from, ``repo_root`` the repository's top folder."""
    sources = {path: PageSource(edit) for path, edit in _GENERATED.items()}
    for loaded in pathways.stages.values():
        stage = loaded.stage
        here = PageSource(_repo_path(loaded.file, root, repo_root), stage.id, stage.reviewed)
        sources[source_path(stage.id, stage.kind)] = here
        if stage.kind == "role":
            sources[f"schools/cards/{stage.id}/index.md"] = here
    return sources


def feedback_links(source: PageSource, page_address: str, *, repo: str, email: str, branch: str = "main"
                   ) -> Feedback | None:
    """The links for one page, or None when neither a repository nor an email is configured."""
    if not (repo or email):
        return None
    title = f"Problem with {page_address}"
    lines = [f"Page: {page_address}"]
    if source.stage_id:
        lines.append(f"Stage: {source.stage_id}")
    if source.reviewed:
        lines.append(f"Last reviewed: {source.reviewed.isoformat()}")
    lines += ["", "What is wrong, and where did you read the right information?", ""]
    body = "\n".join(lines)
    if email:
        report = f"mailto:{email}?" + urlencode({"subject": title, "body": body}, quote_via=quote)
    else:
        report = f"{repo}/issues/new?" + urlencode({"title": title, "body": body}, quote_via=quote)
    edit = f"{repo}/edit/{branch}/{quote(source.edit_path)}" if repo else None
    return Feedback(report, bool(email), edit)
