"""The banner ``mkdocs serve`` puts on every page while the pathway data has errors.

The preview keeps serving the last good pages, so the banner says plainly that what you see is out of date and
lists each problem where a maintainer can act on it: the file, line and column, the message, and what to do.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..problems import Problem
from .render import render

__all__ = ["BANNER_ID", "MAX_LISTED", "MAX_MESSAGE", "problems_banner", "what_to_do"]

#: The banner's HTML id, for tests and for anyone styling it.
BANNER_ID = "pathfinder-preview-problems"

#: Short advice per problem code; any other code gets the general advice.
_ADVICE = {
    "yaml-syntax": "Check the indentation at that line and the line above, and put text that holds a colon in "
                   "quotes.",
    "unknown-stage": "Link to the id of a stage that exists: its file name without .yaml.",
    "wrong-type": "Write the value in the form the message names; the stage file reference shows each field.",
    "missing-field": "Add the field named; the stage file reference shows what each kind of stage needs.",
    "unknown-key": "Check the spelling of the key; the stage file reference lists every field.",
    "unreachable": "Link to this stage from another stage's next list.",
    "id-mismatch": "Make the id the same as the file name, or rename the file.",
    "wrong-folder": "Move the file to the folder for its kind: start/, roles/ or training/.",
}
_GENERAL = "Open the file at that line, correct it as the message says, and save."
#: The banner lists this many problems at most (it is on every page; 2,000 broken files made it 4 MB a page) ...
MAX_LISTED = 20
#: ... and shows at most this many characters of a message or a file name: enough to act on, never a whole value.
MAX_MESSAGE = 300


def what_to_do(problem: Problem) -> str:
    """One sentence of advice for a problem."""
    return _ADVICE.get(problem.code, _GENERAL)


def _cut(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE] + "…"


def problems_banner(problems: Iterable[Problem]) -> str:
    """The banner's HTML: a titled alert region listing the problems, sorted by file and position; past
    ``MAX_LISTED`` it says how many more there are and how to see them all."""
    ordered = sorted(problems)
    listed = [{"where": _cut(f"{p.file}:{p.line}:{p.col}"), "severity": p.severity, "code": p.code,
               "message": _cut(p.message), "advice": what_to_do(p)} for p in ordered[:MAX_LISTED]]
    return render("preview_banner.html.j2", banner_id=BANNER_ID, problems=listed, total=len(ordered),
                  hidden=len(ordered) - len(listed))
