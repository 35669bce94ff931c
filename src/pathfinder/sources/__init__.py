"""``pathfinder sources``: notice when a page the data cites changes, moves or disappears.

The data cites official pages under ``url:`` keys. ``check`` fetches each page once, politely, and compares its
main text (or, for a PDF or other file, its bytes) with the fingerprint recorded in ``sources.lock.json``;
``accept`` records a page's current state after a maintainer has re-read it and reviewed the stages that cite it.
"""

from .citations import Citation, find_citations
from .fetch import Fetched, Fetcher
from .fingerprint import fingerprint
from .lock import LOCK_NAME, Lock, LockEntry, read_lock, write_lock
from .watch import Refusal, accept_sources, check_sources, sources_report

__all__ = ["LOCK_NAME", "Citation", "Fetched", "Fetcher", "Lock", "LockEntry", "Refusal", "accept_sources",
           "check_sources", "find_citations", "fingerprint", "read_lock", "sources_report", "write_lock"]
