"""``pathways/sources.lock.json``: what each cited page looked like when a maintainer last accepted it.

Committed with the data. ``accept`` writes a page's fingerprint; ``check`` never does, but records when it
looked and what it found, so the report shows what has not been looked at. A page that has never been accepted
has no fingerprint: ``check`` says it needs a first check, which is not a change.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

__all__ = ["LOCK_NAME", "Lock", "LockEntry", "LockError", "Result", "read_lock", "write_lock"]

LOCK_NAME = "sources.lock.json"

#: What the last look found: the same page, a changed/moved/gone one, none (unreachable), or not looked yet.
Result = Literal["unchecked", "unchanged", "changed", "moved", "gone", "unreachable", "new"]


class LockEntry(BaseModel):
    """One cited address. Dates are days (UTC)."""

    model_config = ConfigDict(extra="forbid")

    final_url: str | None = None
    """Where the address led when accepted (itself unless it redirected for the time being)."""
    status: int | None = None
    """HTTP status when accepted."""
    kind: Literal["text", "bytes"] | None = None
    """"text": the fingerprint is of the page's main text; "bytes": of the whole file (a PDF, for example)."""
    fingerprint: str | None = None
    """``sha256:`` of the main text or bytes; None until a maintainer first accepts the page."""
    etag: str | None = None
    last_modified: str | None = None
    first_seen: date | None = None
    """The day the page was first accepted."""
    last_seen: date | None = None
    """The last day the page was seen matching its fingerprint."""
    last_checked: date | None = None
    """The last day anyone looked (check or accept), whatever was found."""
    last_result: Result = "unchecked"
    changed_since: date | None = None
    """The first check that found the page different from its fingerprint (cleared when accepted)."""


class Lock(BaseModel):
    model_config = ConfigDict(extra="forbid")

    about: str = ("Written by `pathfinder sources`: do not edit by hand. `make sources` checks every page the "
                  "data cites; `pathfinder sources accept URL` records a page after you re-read it.")
    sources: dict[str, LockEntry] = {}

    def entry(self, url: str) -> LockEntry:
        return self.sources.get(url) or LockEntry()


class LockError(Exception):
    """The lock file cannot be read; the message says where and why, in one line."""


def read_lock(path: Path) -> Lock:
    """The lock at ``path``, or an empty one when there is no file yet."""
    if not path.exists():
        return Lock()
    try:
        return Lock.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise LockError(f"{path}: cannot read the lock file: {error}") from None
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise LockError(f"{path}: {where}: {first['msg']} (restore it from git, or delete it and accept again)") \
            from None


def write_lock(path: Path, lock: Lock) -> None:
    """Write the lock sorted by address, one field a line, so its diffs are easy to review."""
    data = lock.model_dump(mode="json")
    data["sources"] = dict(sorted(data["sources"].items()))
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
