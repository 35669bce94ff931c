"""The ``pathfinder sources`` sub-commands: check, accept and report (argument wiring and printing only)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..currency import current_date
from ..graph import load_pathways
from ..problems import FORMATS, report
from .citations import find_citations
from .fetch import MAX_BYTES, PAUSE, TIMEOUT, Fetcher
from .lock import LOCK_NAME, LockError, read_lock, write_lock
from .watch import CHANGE_CODES, accept_sources, check_sources, sources_report

__all__ = ["add_parser", "run"]

OK, PROBLEMS, USAGE = 0, 1, 2


def add_parser(commands: argparse._SubParsersAction[Any], parser_class: type[argparse.ArgumentParser]) -> None:
    sources = commands.add_parser("sources", help="notice when a page the data cites changes, moves or goes")
    actions: argparse._SubParsersAction[Any] = sources.add_subparsers(
        dest="sources_command", required=True, parser_class=parser_class)
    check = actions.add_parser("check", help="fetch every cited page once and compare it with the lock file")
    accept = actions.add_parser("accept", help="record cited pages as they are now, after you re-read them")
    report_ = actions.add_parser("report", help="list every cited page with its last check (Markdown, no fetching)")
    check.add_argument("--format", choices=sorted(FORMATS), default="text", help="how to print problems")
    check.add_argument("--strict", action="store_true",
                       help="fail when a page changed, moved or went (never for unreachable or unchecked pages)")
    accept.add_argument("urls", nargs="*", metavar="URL", help="addresses to accept (default: every cited one)")
    for sub in (check, report_):
        sub.add_argument("dir", nargs="?", default="pathways", type=Path, help="pathways folder (default: pathways)")
    accept.add_argument("--pathways", dest="dir", default=Path("pathways"), type=Path, metavar="DIR",
                        help="pathways folder (default: pathways)")
    for sub in (check, accept, report_):
        sub.add_argument("--lock", type=Path, metavar="FILE", help=f"lock file (default: DIR/{LOCK_NAME})")
    for sub in (check, accept):
        sub.add_argument("--timeout", type=float, default=TIMEOUT, metavar="SECONDS", help=argparse.SUPPRESS)
        sub.add_argument("--max-bytes", type=int, default=MAX_BYTES, metavar="N", help=argparse.SUPPRESS)
        sub.add_argument("--pause", type=float, default=PAUSE, metavar="SECONDS", help=argparse.SUPPRESS)
        # For tests against a local server only: never fetch private addresses otherwise.
        sub.add_argument("--allow-private-network", action="store_true", help=argparse.SUPPRESS)


def _fetcher(args: argparse.Namespace) -> Fetcher:
    return Fetcher(allow_private=args.allow_private_network, timeout=args.timeout, max_bytes=args.max_bytes,
                   pause=args.pause)


def _check(args: argparse.Namespace, lock_path: Path) -> int:
    citations, lock = find_citations(args.dir), read_lock(lock_path)
    with _fetcher(args) as fetcher:
        problems, lock = check_sources(citations, lock, fetcher, current_date())
    write_lock(lock_path, lock)
    output = report(problems, args.format)
    if output:
        print(output)
    if args.format == "text":
        results = [entry.last_result for entry in lock.sources.values()]
        changed = sum(1 for result in results if result in ("changed", "moved", "gone"))
        never = sum(1 for entry in lock.sources.values() if entry.fingerprint is None)
        print(f"{len(results)} cited pages: {results.count('unchanged')} unchanged, {changed} changed, moved or "
              f"gone, {results.count('unreachable')} unreachable; {never} never accepted")
    return PROBLEMS if args.strict and any(p.code in CHANGE_CODES for p in problems) else OK


def _accept(args: argparse.Namespace, lock_path: Path) -> int:
    citations, lock = find_citations(args.dir), read_lock(lock_path)
    with _fetcher(args) as fetcher:
        accepted, refused, lock = accept_sources(citations, lock, fetcher, current_date(), args.urls)
    write_lock(lock_path, lock)
    for url in accepted:
        print(f"accepted {url}")
    for refusal in refused:
        print(f"pathfinder: not accepted: {refusal.url}: {refusal.reason}", file=sys.stderr)
    return PROBLEMS if refused else OK


def _report(args: argparse.Namespace, lock_path: Path) -> int:
    print(sources_report(find_citations(args.dir), read_lock(lock_path)))
    return OK


_ACTIONS: dict[str, Callable[[argparse.Namespace, Path], int]] = {"check": _check, "accept": _accept,
                                                                   "report": _report}


def run(args: argparse.Namespace) -> int:
    """Exit codes as ``pathfinder check``: 0 fine, 1 problems (errors in the data; with --strict, a changed page;
    a refused accept), 2 usage."""
    if not args.dir.is_dir():
        print(f"pathfinder: error: no pathways folder at {args.dir}", file=sys.stderr)
        return USAGE
    if args.sources_command != "report":
        errors = load_pathways(args.dir).errors
        if errors:  # sources of data that cannot be used are not worth fetching
            print(report(errors), file=sys.stderr)
            return PROBLEMS
    lock_path = args.lock or args.dir / LOCK_NAME
    try:
        return _ACTIONS[args.sources_command](args, lock_path)
    except LockError as error:
        print(f"pathfinder: error: {error}", file=sys.stderr)
        return PROBLEMS
