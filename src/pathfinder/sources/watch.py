"""Comparing cited pages with the lock (``check``), recording them (``accept``), and listing them (``report``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from ..problems import Problem
from .citations import Citation
from .fetch import Fetched, Fetcher
from .fingerprint import fingerprint
from .lock import Lock, LockEntry, Result

__all__ = ["CHANGE_CODES", "Refusal", "accept_sources", "check_sources", "sources_report"]

#: The warnings that mean a cited page is not what the data was written from: `--strict` fails on these only.
#: `source-unreachable` (timeouts, server errors) and `source-unchecked` (never accepted) are never changes.
CHANGE_CODES = frozenset({"source-changed", "source-moved", "source-gone"})


def by_url(citations: Iterable[Citation]) -> dict[str, list[Citation]]:
    grouped: dict[str, list[Citation]] = defaultdict(list)
    for citation in citations:
        grouped[citation.url].append(citation)
    return dict(sorted(grouped.items()))


@dataclass(frozen=True)
class _Finding:
    result: Result
    code: str | None
    message: str


def _compare(fetched: Fetched, entry: LockEntry, today: date) -> _Finding:
    since = f" (first seen {entry.changed_since.isoformat()})" if entry.changed_since else ""
    if fetched.outcome == "gone":
        return _Finding("gone", "source-gone", f"{fetched.url} is gone: {fetched.detail}; find where the "
                        "information is now and cite that")
    if fetched.outcome == "unreachable":
        return _Finding("unreachable", "source-unreachable", f"{fetched.url} could not be checked: "
                        f"{fetched.detail} (not counted as a change; it is tried again next time)")
    if entry.fingerprint is None:
        return _Finding("unchecked", "source-unchecked", f"{fetched.url} has not been checked yet: read it, then "
                        f"run `pathfinder sources accept {fetched.url}` to record it")
    if fetched.moved_to:
        return _Finding("moved", "source-moved", f"{fetched.url} has moved for good to {fetched.moved_to}: "
                        "check the page there and change the url")
    if fetched.outcome == "not-modified":
        return _Finding("unchanged", None, "")
    kind, digest = fingerprint(fetched.body, fetched.content_type)
    if digest == entry.fingerprint:
        return _Finding("unchanged", None, "")
    what = "main text" if kind == "text" else "file"
    return _Finding("changed", "source-changed", f"the {what} of {fetched.url} has changed since it was accepted on "
                    f"{entry.last_seen or entry.first_seen}{since}: re-read it, update and review the stage, then "
                    f"run `pathfinder sources accept {fetched.url}`")


def _fetch(fetcher: Fetcher, url: str, entry: LockEntry) -> Fetched:
    # Conditional headers only for a page with a fingerprint: "not modified" must mean "same as accepted".
    if entry.fingerprint:
        return fetcher.fetch(url, etag=entry.etag, last_modified=entry.last_modified)
    return fetcher.fetch(url)


def check_sources(citations: Sequence[Citation], lock: Lock, fetcher: Fetcher, today: date
                  ) -> tuple[list[Problem], Lock]:
    """Fetch every cited address once; a warning at every ``url:`` line citing a page that changed, moved, went
    or could not be reached (or was never accepted). The returned lock has the same fingerprints, with when each
    page was looked at and what was found; addresses no longer cited are dropped."""
    problems: list[Problem] = []
    sources: dict[str, LockEntry] = {}
    cited_by = by_url(citations)
    fetched = {url: _fetch(fetcher, url, lock.entry(url)) for url in cited_by}
    for url, cited in cited_by.items():
        entry, result = lock.entry(url), fetched[url]
        if result.no_such_host and not fetcher.reached_any:
            # No name resolved at all: this machine is offline, which says nothing about the pages.
            result = replace(result, outcome="unreachable", no_such_host=False,
                             detail="no address could be looked up at all (is this machine offline?)")
        found = _compare(result, entry, today)
        update: dict[str, object] = {"last_checked": today, "last_result": found.result}
        if found.result == "unchanged":
            update |= {"last_seen": today, "changed_since": None}
        elif found.result in ("changed", "moved", "gone") and entry.changed_since is None:
            update["changed_since"] = today
        sources[url] = entry.model_copy(update=update)
        if found.code:
            problems += [Problem(c.file, c.line, c.col, found.code, found.message, "warning") for c in cited]
    return problems, lock.model_copy(update={"sources": sources})


@dataclass(frozen=True)
class Refusal:
    """An address ``accept`` did not record, and what to do first."""

    url: str
    reason: str


def _unreviewed(cited: list[Citation], since: date) -> list[Citation]:
    """Citing files with a ``reviewed`` date before ``since`` (files without a reviewed date are not held up)."""
    return [c for c in cited if c.reviewed is not None and c.reviewed < since]


def accept_sources(citations: Sequence[Citation], lock: Lock, fetcher: Fetcher, today: date,
                   urls: Sequence[str] = ()) -> tuple[list[str], list[Refusal], Lock]:
    """Record the current state of the addresses named (every cited one when none is named). Refused: an address
    not cited, one that is gone, moved or unreachable, and a changed page whose citing stages were not reviewed
    on or after the day the change was first seen."""
    cited_by = by_url(citations)
    accepted: list[str] = []
    refused: list[Refusal] = []
    sources = {url: lock.entry(url) for url in cited_by}
    for url in urls or list(cited_by):
        if url not in cited_by:
            refused.append(Refusal(url, "no url: line in the data cites this address"))
            continue
        entry = sources[url]
        fetched = fetcher.fetch(url)
        found = _compare(fetched, entry.model_copy(update={"fingerprint": entry.fingerprint or "-"}), today)
        if found.result in ("gone", "unreachable", "moved"):
            refused.append(Refusal(url, found.message))
            continue
        kind, digest = fingerprint(fetched.body, fetched.content_type)
        if entry.fingerprint and digest != entry.fingerprint:
            since = entry.changed_since or today
            late = _unreviewed(cited_by[url], since)
            if late:
                names = ", ".join(sorted({f"{c.owner} ({c.file}, reviewed {c.reviewed})" for c in late}))
                refused.append(Refusal(url, f"the page changed (first seen {since}); review these first and set "
                                            f"their `reviewed` date to the day you do: {names}"))
                continue
        sources[url] = entry.model_copy(update={
            "final_url": fetched.final_url, "status": fetched.status, "kind": kind, "fingerprint": digest,
            "etag": fetched.etag, "last_modified": fetched.last_modified, "first_seen": entry.first_seen or today,
            "last_seen": today, "last_checked": today, "last_result": "unchanged", "changed_since": None})
        accepted.append(url)
    return accepted, refused, lock.model_copy(update={"sources": dict(sorted(sources.items()))})


def sources_report(citations: Sequence[Citation], lock: Lock) -> str:
    """A Markdown table of every cited address with its last check, oldest look first, for maintainers."""
    rows = []
    for url, cited in by_url(citations).items():
        entry = lock.entry(url)
        owners = ", ".join(sorted({c.owner for c in cited}))
        rows.append((entry.last_checked.isoformat() if entry.last_checked else "never", entry.last_result,
                     entry.last_seen.isoformat() if entry.last_seen else "never", url, owners))
    rows.sort(key=lambda row: (row[0] != "never", row[0], row[3]))
    lines = [f"# Cited sources ({len(rows)})", "",
             "| last checked | result | last seen unchanged | address | cited by |", "|---|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | <{d}> | {e} |" for a, b, c, d, e in rows]
    return "\n".join(lines)
