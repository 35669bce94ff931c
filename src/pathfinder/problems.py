"""Located problems in pathway data, and the reporters that print them.

A problem is an ``error`` (the data cannot be used) or a ``warning`` (the data works but a fact is due for a
check: a stale review, an ended pay year, a lapsed offer). Errors stop a build; warnings stop only ``--strict``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

__all__ = ["FORMATS", "Problem", "Severity", "errors_in", "report", "warnings_in"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, at a file, line and column (both counted from 1)."""

    file: str
    line: int
    col: int
    code: str
    message: str
    severity: Severity = "error"

    @property
    def is_error(self) -> bool:
        """True for a problem that stops a build; False for a warning."""
        return self.severity == "error"

    def as_text(self) -> str:
        """``FILE:LINE:COL: error[CODE]: message``, the form editors and CI logs link from. Always one line: any
        character a terminal would act on or hide (newline, escape, bidi override) is shown as an escape."""
        return f"{_shown(self.file)}:{self.line}:{self.col}: {self.severity}[{self.code}]: {_shown(self.message)}"

    def as_github(self) -> str:
        """A GitHub Actions workflow command (``::error`` or ``::warning``), every part escaped."""
        properties = ",".join(f"{name}={_escape_property(str(value))}" for name, value in (
            ("file", self.file), ("line", self.line), ("col", self.col), ("title", self.code)))
        return f"::{self.severity} {properties}::{_escape_data(self.message)}"


def _shown(text: str) -> str:
    return "".join(char if char.isprintable() or char == " " else char.encode("unicode_escape").decode("ascii")
                   for char in text)


def _escape_data(text: str) -> str:
    # GitHub's workflow-command rules: a message may not hold a raw newline, or it would start a new command.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    # Properties also end at ',' and the message starts at ':', so a file name must not carry either raw.
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def errors_in(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that stop a build."""
    return [p for p in problems if p.is_error]


def warnings_in(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that only ``--strict`` treats as failures."""
    return [p for p in problems if not p.is_error]


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def _text(problems: list[Problem]) -> str:
    lines = [p.as_text() for p in problems]
    if problems:
        files = len({p.file for p in problems})
        errors, warnings = len(errors_in(problems)), len(warnings_in(problems))
        counted = [_count(errors, "error")] if errors else []
        counted += [_count(warnings, "warning")] if warnings else []
        lines.append(f"{' and '.join(counted)} in {_count(files, 'file')}")
    return "\n".join(lines)


def _github(problems: list[Problem]) -> str:
    return "\n".join(p.as_github() for p in problems)


def _json(problems: list[Problem]) -> str:
    return json.dumps([asdict(p) for p in problems], indent=2)


FORMATS = {"text": _text, "github": _github, "json": _json}


def report(problems: Iterable[Problem], fmt: str = "text") -> str:
    """Every problem, sorted by file and position, in the format named."""
    return FORMATS[fmt](sorted(problems))
