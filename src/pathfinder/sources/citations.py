"""Every ``url:`` line in the data files, with the file, stage and reviewed date that cite it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from ..load import display_path

__all__ = ["Citation", "find_citations"]


@dataclass(frozen=True, order=True)
class Citation:
    """One ``url:`` line: where it is, and who answers for it (the stage id, or the file's name for the glossary and
    figure files) with that file's ``reviewed`` date (None when the file has none)."""

    url: str
    file: str
    line: int
    col: int
    owner: str
    reviewed: date | None


def _yaml_files(folder: Path) -> Iterator[Path]:
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or entry.is_symlink():
            continue  # hidden folders are editors' and git's; links are refused by `pathfinder check` anyway
        if entry.is_dir():
            yield from _yaml_files(entry)
        elif entry.suffix in (".yaml", ".yml"):
            yield entry


def _scalar(node: yaml.Node | None) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _urls(node: yaml.Node) -> Iterator[tuple[str, int, int]]:
    """Each ``url: VALUE`` pair under ``node``, with the 1-based line and column of the key."""
    stack, seen = [node], set()
    while stack:  # a loop, not recursion: deep nesting is refused by `pathfinder check`, not by a crash here
        current = stack.pop()
        if id(current) in seen:
            continue  # an alias repeats a node: visit it once (a "billion laughs" file must not take forever)
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                url = _scalar(value)
                if _scalar(key) == "url" and url:
                    yield url.strip(), key.start_mark.line + 1, key.start_mark.column + 1
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


def _top(node: yaml.Node, key: str) -> str | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if _scalar(k) == key:
                return _scalar(v)
    return None


def _reviewed(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def find_citations(root: Path) -> list[Citation]:
    """Every ``url:`` in every YAML file under ``root``, sorted by URL then place. Files that do not parse are
    skipped: `pathfinder check` reports them, and the sources command refuses data with errors first."""
    found: list[Citation] = []
    for path in _yaml_files(root):
        try:
            node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
            continue
        if node is None:
            continue
        owner = _top(node, "id") or path.stem
        reviewed = _reviewed(_top(node, "reviewed"))
        file = display_path(path)
        found.extend(Citation(url, file, line, col, owner, reviewed) for url, line, col in _urls(node))
    return sorted(found)
