"""Located problems in pathway data, and the reporters that print them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

__all__ = ["FORMATS", "Problem", "report"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, at a file, line and column (both counted from 1)."""

    file: str
    line: int
    col: int
    code: str
    message: str

    def as_text(self) -> str:
        """``FILE:LINE:COL: error[CODE]: message``, the form editors and CI logs link from."""
        return f"{self.file}:{self.line}:{self.col}: error[{self.code}]: {self.message}"

    def as_github(self) -> str:
        """A GitHub Actions workflow annotation."""
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::error file={self.file},line={self.line},col={self.col},title={self.code}::{message}"


def _text(problems: list[Problem]) -> str:
    lines = [p.as_text() for p in problems]
    files = len({p.file for p in problems})
    if problems:
        lines.append(f"{len(problems)} problem{'s' * (len(problems) != 1)} in {files} file{'s' * (files != 1)}")
    return "\n".join(lines)


def _github(problems: list[Problem]) -> str:
    return "\n".join(p.as_github() for p in problems)


def _json(problems: list[Problem]) -> str:
    return json.dumps([asdict(p) for p in problems], indent=2)


FORMATS = {"text": _text, "github": _github, "json": _json}


def report(problems: Iterable[Problem], fmt: str = "text") -> str:
    """Every problem, sorted by file and position, in the format named."""
    return FORMATS[fmt](sorted(problems))
