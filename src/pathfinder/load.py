"""Read stage files into models, remembering the line and column every value came from.

YAML is composed into nodes with PyYAML's safe loader and turned into plain values here, so that unsafe tags
are refused before anything is constructed and aliases are refused before they can expand.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .problems import Problem
from .schema import FOLDER_FOR_KIND, Stage

__all__ = ["FIGURES_FOLDER", "LoadResult", "LoadedStage", "Positions", "display_path", "load_dir", "load_file",
           "load_model"]

#: Folder under pathways/ for data that is not a stage (the workforce figures); the loader skips it.
FIGURES_FOLDER = "figures"
#: Data files at the top of pathways/ that are not stages (the glossary has its own loader).
NOT_STAGE_FILES = frozenset({"glossary.yaml"})

Path_ = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)

_SAFE_TAGS = {
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
_TYPE_ERRORS = {"string_type", "int_type", "int_parsing", "int_from_float", "float_type", "bool_type",
                "bool_parsing", "list_type", "dict_type", "model_type", "model_attributes_type"}
_DATE_ERRORS = {"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"}
_RANGE_ERRORS = {"greater_than", "greater_than_equal", "less_than", "less_than_equal", "too_short", "too_long",
                 "string_too_short", "string_too_long"}


@dataclass
class Positions:
    """Where each value (and each mapping key) starts, as 1-based (line, column), by its path in the document."""

    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def of(self, path: Path_) -> tuple[int, int]:
        """Position of the value at ``path``, or of its nearest recorded parent."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))

    def of_key(self, path: Path_) -> tuple[int, int]:
        """Position of the key that introduces ``path``; falls back to the value's position."""
        return self.keys.get(path) or self.of(path)


@dataclass(frozen=True)
class LoadedStage:
    """A valid stage with the file it came from and where its values are."""

    stage: Stage
    file: str
    positions: Positions


@dataclass
class LoadResult:
    """Every valid stage by id, every problem found, and every id a file claims (valid or not)."""

    stages: dict[str, LoadedStage] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    claimed_ids: set[str] = field(default_factory=set)


class _Refused(Exception):
    """A construct the loader will not build: carries the problem to report."""

    def __init__(self, mark: Any, code: str, message: str) -> None:
        super().__init__(message)
        self.line, self.col, self.code, self.message = mark.line + 1, mark.column + 1, code, message


#: libyaml's composer when PyYAML was built with it (about four times faster); the pure-Python one otherwise.
_COMPOSER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ALIAS_MESSAGE = "anchors and aliases (&name, *name) are not allowed in pathway files: write the value out"


def display_path(path: Path) -> str:
    """The path as a maintainer would type it: relative to the working folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _char_at(text: str, line: int, col: int) -> str:
    lines = text.splitlines()
    return lines[line - 1][col - 1 : col] if 0 < line <= len(lines) else ""


def _position_in(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _decode(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [Problem(file, line, col, "encoding",
                              f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x}); save it as UTF-8")]
    return text.removeprefix("\ufeff"), []


def _compose(text: str, file: str) -> tuple[yaml.Node | None, list[Problem]]:
    try:
        return yaml.compose(text, Loader=_COMPOSER), []
    except _Refused as refused:
        return None, [Problem(file, refused.line, refused.col, refused.code, refused.message)]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = " ".join(part for part in (error.context, error.problem) if part)
        if _char_at(text, line, col) == "\t":
            detail += " (a tab: indent with spaces, not tabs)"
        return None, [Problem(file, line, col, "yaml-syntax", f"YAML syntax: {detail}")]
    except yaml.reader.ReaderError as error:
        line, col = _position_in(text, error.position)
        return None, [Problem(file, line, col, "yaml-syntax",
                              f"YAML cannot contain the character {error.character!r}")]


class _Builder:
    """Turns composed nodes into plain values, recording positions and refusing anything unsafe."""

    def __init__(self) -> None:
        self.positions = Positions()
        self._scalars = yaml.constructor.SafeConstructor()
        self._seen: set[int] = set()

    def build(self, node: yaml.Node, path: Path_ = ()) -> Any:
        # The composer hands back the anchored node itself wherever an alias names it, so a node met twice is an
        # alias: refusing it here means an alias bomb is never expanded.
        if id(node) in self._seen:
            raise _Refused(node.start_mark, "alias", _ALIAS_MESSAGE)
        self._seen.add(id(node))
        self.positions.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in _SAFE_TAGS:
            raise _Refused(node.start_mark, "unsafe-tag",
                           f"the YAML tag {node.tag!r} is not allowed; pathway files hold plain text, "
                           "numbers, dates, lists and mappings")
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        try:
            return self._scalars.construct_object(node)
        except (ValueError, OverflowError, yaml.constructor.ConstructorError):
            if node.tag.endswith("timestamp"):
                raise _Refused(node.start_mark, "invalid-date",
                               f"{node.value!r} is not a real date; write dates as YYYY-MM-DD") from None
            raise _Refused(node.start_mark, "invalid-value", f"{node.value!r} is not a valid value here") from None

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                raise _Refused(key_node.start_mark, "invalid-key", "keys must be plain words such as 'title'")
            key = key_node.value
            if key in mapping:
                raise _Refused(key_node.start_mark, "duplicate-key", f"the key {key!r} appears twice")
            self.positions.keys[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            mapping[key] = self.build(value_node, (*path, key))
        return mapping


def _model_at(root: type[BaseModel], path: Path_) -> type[BaseModel] | None:
    """The model class that holds the mapping at ``path`` inside a ``root`` document, if any."""
    model: type[BaseModel] | None = root
    for part in path:
        if isinstance(part, int) or model is None:
            continue
        info = model.model_fields.get(part)
        model = _find_model(info.annotation) if info else None
    return model


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = _find_model(arg)
            if found:
                return found
    return None


def _validation_problems(
    error: ValidationError, file: str, positions: Positions, root: type[BaseModel]
) -> Iterator[Problem]:
    for item in error.errors(include_url=False):
        loc: Path_ = tuple(item["loc"])
        kind = item["type"]
        name = ".".join(str(p) for p in loc) or "the stage"
        if kind == "extra_forbidden":
            model = _model_at(root, loc[:-1])
            known = list(model.model_fields) if model else []
            close = difflib.get_close_matches(str(loc[-1]), known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; allowed keys: {', '.join(known)}"
            yield Problem(file, *positions.of_key(loc), "unknown-key", f"unknown key {loc[-1]!r}{hint}")
        elif kind in ("missing", "missing-field"):
            missing = item.get("ctx", {}).get("field") or loc[-1]
            yield Problem(file, *positions.of(loc[:-1] if kind == "missing" else loc), "missing-field",
                          f"missing required field {missing!r}")
        else:
            yield Problem(file, *positions.of(loc), _code_for(kind), f"{name}: {item['msg']}")


def _code_for(kind: str) -> str:
    if kind in _TYPE_ERRORS:
        return "wrong-type"
    if kind in _DATE_ERRORS:
        return "invalid-date"
    if kind in _RANGE_ERRORS:
        return "out-of-range"
    if kind in ("insecure-source", "out-of-range", "missing-field"):
        return kind
    return "invalid-value"


def _stage_checks(stage: Stage, path: Path, file: str, positions: Positions, today: date) -> Iterator[Problem]:
    if stage.id != path.stem:
        yield Problem(file, *positions.of(("id",)), "id-mismatch",
                      f"id {stage.id!r} must match the file name {path.stem!r}")
    if path.parent.name != stage.folder:
        yield Problem(file, *positions.of(("kind",)), "wrong-folder",
                      f"a {stage.kind} stage belongs in pathways/{stage.folder}/, not {path.parent.name}/")
    if stage.reviewed > today:
        yield Problem(file, *positions.of(("reviewed",)), "future-review",
                      f"reviewed date {stage.reviewed.isoformat()} is in the future")


def load_model(path: Path, model: type[M]) -> tuple[M | None, Positions, list[Problem]]:
    """Read one YAML file into ``model``, with positions; the instance is None when there are problems."""
    file = display_path(path)
    positions = Positions()
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, positions, [Problem(file, 1, 1, "unreadable", f"cannot read the file: {error.strerror}")]
    text, problems = _decode(raw, file)
    if text is None:
        return None, positions, problems
    node, problems = _compose(text, file)
    if problems:
        return None, positions, problems
    if node is None:
        return None, positions, [Problem(file, 1, 1, "empty-file", "the file is empty; it needs at least "
                                         f"{', '.join(n for n, f in model.model_fields.items() if f.is_required())}")]
    if not isinstance(node, yaml.MappingNode):
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        shape = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        return None, positions, [Problem(file, line, col, "not-a-mapping",
                                         f"the file holds {shape}; it must be a mapping of keys such as 'title:'")]
    builder = _Builder()
    try:
        data = builder.build(node)
    except _Refused as refused:
        return None, builder.positions, [Problem(file, refused.line, refused.col, refused.code, refused.message)]
    try:
        return model.model_validate(data), builder.positions, []
    except ValidationError as error:
        return None, builder.positions, list(_validation_problems(error, file, builder.positions, model))


def load_file(path: Path, *, today: date | None = None) -> tuple[LoadedStage | None, list[Problem]]:
    """Load and validate one stage file; a stage is returned only when the file has no problems."""
    stage, positions, problems = load_model(path, Stage)
    if stage is None:
        return None, problems
    file = display_path(path)
    problems = list(_stage_checks(stage, path, file, positions, today or date.today()))
    return (None if problems else LoadedStage(stage, file, positions)), problems


def _stage_files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if relative.parts[0] == FIGURES_FOLDER or relative.as_posix() in NOT_STAGE_FILES or not path.is_file():
            continue
        if path.suffix in (".yaml", ".yml"):
            yield path


def load_dir(root: Path, *, today: date | None = None) -> LoadResult:
    """Load every stage file under ``root``, collecting every problem rather than stopping at the first."""
    result = LoadResult()
    folders = set(FOLDER_FOR_KIND.values())
    first_file: dict[str, str] = {}
    for path in _stage_files(root):
        file = display_path(path)
        if path.suffix == ".yml":
            result.problems.append(Problem(file, 1, 1, "wrong-extension", "name stage files *.yaml, not *.yml"))
            continue
        if path.parent.parent != root or path.parent.name not in folders:
            where = ", ".join(f"pathways/{f}/" for f in sorted(folders))
            result.problems.append(Problem(file, 1, 1, "wrong-folder", f"stage files belong in {where}"))
            continue
        loaded, problems = load_file(path, today=today)
        result.problems.extend(problems)
        stage_id = loaded.stage.id if loaded else path.stem
        if stage_id in first_file:
            line, col = loaded.positions.of(("id",)) if loaded else (1, 1)
            result.problems.append(Problem(file, line, col, "duplicate-id",
                                           f"the id {stage_id!r} is already used by {first_file[stage_id]}"))
            continue
        first_file[stage_id] = file
        result.claimed_ids.add(stage_id)
        if loaded:
            result.stages[stage_id] = loaded
    return result
