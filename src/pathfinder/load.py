"""Read stage files into models, remembering the line and column every value came from.

YAML is composed into nodes with PyYAML's safe loader and turned into plain values here, so that unsafe tags
are refused before anything is constructed and aliases are refused before they can expand.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .messages import YamlWord, explain, fixed_id, syntax_message
from .problems import Problem
from .schema import FOLDER_FOR_KIND, ID_PATTERN, REQUIRED_FOR_KIND, TEXT_PATTERN, Stage

__all__ = ["FIGURES_FOLDER", "MAX_DEPTH", "SAFE_FILE_NAME", "LoadResult", "LoadedStage", "Positions", "display_path",
           "link_problem", "load_data_file", "load_dir", "load_file", "load_model", "title_key"]

#: Folder under pathways/ for data that is not a stage (the workforce figures); the loader skips it.
FIGURES_FOLDER = "figures"
#: Data files at the top of pathways/ that are not stages (the glossary has its own loader).
NOT_STAGE_FILES = frozenset({"glossary.yaml"})

Path_ = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)

_SAFE_TAGS = {
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}


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
#: Deepest nesting of lists and mappings a data file may have. A stage needs four levels; past the limit the
#: file is refused before it is composed, so a hostile file cannot exhaust the stack (libyaml's composer
#: recurses in C and crashes the interpreter at some tens of thousands of levels).
MAX_DEPTH = 20
_OPENS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSES = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
#: Plain scalars every YAML reader reads alike: true/false, and whole numbers written as decimal digits.
_PLAIN_BOOL = {"true", "false", "True", "False", "TRUE", "FALSE"}
_PLAIN_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_PLAIN_FLOAT = re.compile(r"^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$")
#: Stands for a value that was refused while building (its problem is already reported), so that validation
#: still runs on everything else in the file and its own complaint about this value is dropped.
_REFUSED = object()


def display_path(path: Path) -> str:
    """The path as a maintainer would type it: relative to the working folder when inside it. Characters that
    would break a one-line report (newlines, other control and invisible characters) are shown escaped."""
    try:
        text = path.absolute().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        try:
            text = path.resolve().relative_to(Path.cwd().resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):
            text = path.as_posix()
    return "".join(char if re.fullmatch(TEXT_PATTERN, char) and char not in "\t\n" else
                   char.encode("unicode_escape").decode("ascii") for char in text)


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


def _check_depth(text: str) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=_COMPOSER):
        if isinstance(event, _OPENS):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused(event.start_mark, "too-deep",
                               f"lists and mappings are nested more than {MAX_DEPTH} levels deep here; a pathway "
                               "file needs no more than four: check the indentation and brackets")
        elif isinstance(event, _CLOSES):
            depth -= 1


def _compose(text: str, file: str) -> tuple[yaml.Node | None, list[Problem]]:
    try:
        _check_depth(text)
        return yaml.compose(text, Loader=_COMPOSER), []
    except _Refused as refused:
        return None, [Problem(file, refused.line, refused.col, refused.code, refused.message)]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = syntax_message(text.splitlines(), line, col, error.problem or "")
        opened = error.context_mark
        if "quoted scalar" in (error.context or "") and opened is not None:
            message = (f"the quote opened on line {opened.line + 1}, column {opened.column + 1} is never closed: "
                       "close it at the end of that value")
        return None, [Problem(file, line, col, "yaml-syntax", message)]
    except yaml.reader.ReaderError as error:
        line, col = _position_in(text, error.position)
        return None, [Problem(file, line, col, "yaml-syntax",
                              f"YAML cannot contain the character {error.character!r}: delete it")]


class _Builder:
    """Turns composed nodes into plain values, recording positions and refusing anything unsafe.

    Every refusal is recorded with its path and the building goes on, so one bad value never hides the others.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.positions = Positions()
        self.problems: list[Problem] = []
        self.refused: set[Path_] = set()
        self._scalars = yaml.constructor.SafeConstructor()
        self._seen: set[int] = set()
        self._aliased: set[int] = set()

    def _refuse(self, mark: Any, path: Path_, code: str, message: str) -> Any:
        self.problems.append(Problem(self.file, mark.line + 1, mark.column + 1, code, message))
        self.refused.add(path)
        return _REFUSED

    def build(self, node: yaml.Node, path: Path_ = ()) -> Any:
        self.positions.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        # The composer hands back the anchored node itself wherever an alias names it, so a node met twice is an
        # alias: refusing it here means an alias bomb is never expanded.
        if id(node) in self._seen:
            if id(node) in self._aliased:  # reported once, at its anchor
                self.refused.add(path)
                return _REFUSED
            self._aliased.add(id(node))
            return self._refuse(node.start_mark, path, "alias", _ALIAS_MESSAGE)
        self._seen.add(id(node))
        if node.tag not in _SAFE_TAGS:
            return self._refuse(node.start_mark, path, "unsafe-tag",
                                f"the YAML tag {node.tag!r} is not allowed; pathway files hold plain text, "
                                "numbers, dates, lists and mappings")
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _scalar(self, node: yaml.Node, path: Path_) -> Any:
        word = _yaml_word(node)
        if word is not None:
            return word
        try:
            return self._scalars.construct_object(node)
        except (ValueError, OverflowError, yaml.constructor.ConstructorError):
            if node.tag.endswith("timestamp"):
                return self._refuse(node.start_mark, path, "invalid-date",
                                    f"{node.value!r} is not a real date; write dates as YYYY-MM-DD")
            return self._refuse(node.start_mark, path, "invalid-value", f"{node.value!r} is not a valid value here")

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                self._refuse(key_node.start_mark, path, "invalid-key",
                             f"keys must be plain words such as 'title', not {getattr(key_node, 'value', '')!r}")
                continue
            key = key_node.value
            if key in mapping:
                self._refuse(key_node.start_mark, (*path, key), "duplicate-key",
                             f"the key {key!r} appears twice: keep one")
                continue
            self.positions.keys[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            mapping[key] = self.build(value_node, (*path, key))
        return mapping


def _yaml_word(node: yaml.Node) -> YamlWord | None:
    """The scalar as a YamlWord when YAML 1.1 (this loader) and YAML 1.2 (editors) would read it differently."""
    if getattr(node, "style", None):  # quoted or block: always text, for every reader
        return None
    if node.tag == "tag:yaml.org,2002:bool" and node.value not in _PLAIN_BOOL:
        return YamlWord(node.value, "true or false")
    if node.tag == "tag:yaml.org,2002:int" and not _PLAIN_INT.match(node.value):
        return YamlWord(node.value, "a number")
    if node.tag == "tag:yaml.org,2002:float" and not _PLAIN_FLOAT.match(node.value):
        return YamlWord(node.value, "a number")
    return None


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


def _within(loc: Path_, refused: set[Path_]) -> bool:
    return any(loc[: len(path)] == path for path in refused)


def _under(parent: Path_) -> str:
    keys = [str(part) for part in parent if isinstance(part, str)]
    return f" under '{keys[-1]}'" if keys else ""


def _validation_problems(
    error: ValidationError, file: str, positions: Positions, root: type[BaseModel], refused: set[Path_]
) -> Iterator[Problem]:
    for item in error.errors(include_url=False):
        loc: Path_ = tuple(item["loc"])
        if _within(loc, refused):
            continue  # already reported when the value was refused
        kind = item["type"]
        if kind == "extra_forbidden":
            model = _model_at(root, loc[:-1])
            known = list(model.model_fields) if model else []
            close = difflib.get_close_matches(str(loc[-1]), known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; allowed keys: {', '.join(known)}"
            yield Problem(file, *positions.of_key(loc), "unknown-key", f"unknown key {loc[-1]!r}{hint}")
        elif kind in ("missing", "missing-field"):
            missing = item.get("ctx", {}).get("field") or loc[-1]
            yield Problem(file, *positions.of(loc[:-1] if kind == "missing" else loc), "missing-field",
                          f"missing required field {missing!r}: add a line '{missing}: ...'{_under(loc[:-1])}")
        else:
            yield Problem(file, *positions.of(loc), *explain(item))


def _read(path: Path, file: str, model: type[BaseModel]) -> tuple[Any, _Builder, list[Problem]]:
    """The file's plain data (None when it cannot be read as a mapping), its builder and the problems so far."""
    builder = _Builder(file)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, builder, [Problem(file, 1, 1, "unreadable", f"cannot read the file: {error.strerror}")]
    text, problems = _decode(raw, file)
    if text is None:
        return None, builder, problems
    node, problems = _compose(text, file)
    if problems:
        return None, builder, problems
    if node is None:
        needed = ", ".join(n for n, f in model.model_fields.items() if f.is_required())
        return None, builder, [Problem(file, 1, 1, "empty-file", f"the file is empty; it needs at least {needed}")]
    if not isinstance(node, yaml.MappingNode):
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        shape = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        return None, builder, [Problem(file, line, col, "not-a-mapping",
                                       f"the file holds {shape}; it must be a mapping of keys such as 'title:'")]
    data = builder.build(node)
    return data, builder, list(builder.problems)


def _validate(data: dict[str, Any], model: type[M], builder: _Builder, context: dict[str, Any]) -> M | list[Problem]:
    try:
        return model.model_validate(data, context=context)
    except ValidationError as error:
        return list(_validation_problems(error, builder.file, builder.positions, model, builder.refused))


def load_data_file(
    pathways_dir: Path, relative: Path, model: type[M], *, today: date | None = None
) -> tuple[M | None, Positions, list[Problem]] | None:
    """An optional data file under ``pathways_dir`` (the figures, the pay table, the glossary) read as
    ``load_model`` reads it; None when there is no such file. A link that is broken, loops or leaves the tree is
    refused like a stage file's, so no file from outside ``pathways/`` is ever published."""
    path = pathways_dir / relative
    if not path.exists() and not path.is_symlink():
        return None
    refused = link_problem(path, pathways_dir, display_path(path)) if path.is_symlink() else None
    if refused:
        return None, Positions(), [refused]
    return load_model(path, model, today=today)


def load_data_file_of_entries(
    pathways_dir: Path, relative: Path, model: type[M], *, entries: str, key: str, noun: str,
    today: date | None = None,
) -> tuple[M | None, list[Problem]]:
    """An optional data file (``load_data_file``) holding a list ``entries`` whose ``key`` must differ from entry to
    entry (a figure's id, a qualification's id, a pay year): a located ``duplicate-id`` at each repeat, named
    ``noun``. (None, []) when there is no such file; the model only when it has no problem at all."""
    loaded = load_data_file(pathways_dir, relative, model, today=today)
    if loaded is None:
        return None, []
    data, positions, problems = loaded
    if data is not None:
        file = display_path(pathways_dir / relative)
        seen: set[object] = set()
        for i, entry in enumerate(getattr(data, entries)):
            value = getattr(entry, key)
            if value in seen:
                problems.append(Problem(file, *positions.of((entries, i, key)), "duplicate-id",
                                        f"{noun} {value} is listed twice"))
            seen.add(value)
    return (data if not problems else None), problems


def load_model(path: Path, model: type[M], *, today: date | None = None) -> tuple[M | None, Positions, list[Problem]]:
    """Read one YAML file into ``model``, with positions; the instance is None when there are problems.

    Every problem in the file is reported: a refused value (a bad date, an alias, an unsafe tag) is left out
    and the rest of the file is still validated.
    """
    file = display_path(path)
    data, builder, problems = _read(path, file, model)
    if data is None:
        return None, builder.positions, problems
    checked = _validate(data, model, builder, {"today": today or date.today()})
    if isinstance(checked, list):
        return None, builder.positions, [*problems, *checked]
    return (None if problems else checked), builder.positions, problems


def _stage_checks(data: dict[str, Any], path: Path, file: str, positions: Positions) -> Iterator[Problem]:
    """What a stage's file name and folder say about its id and kind, checked before the fields are."""
    stage_id, kind = data.get("id"), data.get("kind")
    if isinstance(stage_id, str) and re.fullmatch(ID_PATTERN, stage_id) and stage_id != path.stem:
        yield Problem(file, *positions.of(("id",)), "id-mismatch",
                      f"id {stage_id!r} must match the file name {path.stem!r}: rename one of them")
    if isinstance(kind, str) and kind in FOLDER_FOR_KIND:
        if path.parent.name != FOLDER_FOR_KIND[kind]:
            yield Problem(file, *positions.of(("kind",)), "wrong-folder",
                          f"a {kind} stage belongs in pathways/{FOLDER_FOR_KIND[kind]}/, not {path.parent.name}/: "
                          "move the file, or correct its kind")
            return  # what the kind needs is only judged once file and kind agree
        for needed in REQUIRED_FOR_KIND.get(kind, ()):
            if data.get(needed) is None:
                yield Problem(file, *positions.of(()), "missing-field",
                              f"a {kind} stage needs {needed!r}: add it")


def load_file(path: Path, *, today: date | None = None) -> tuple[LoadedStage | None, list[Problem]]:
    """Load and validate one stage file; a stage is returned only when the file has no problems."""
    file = display_path(path)
    data, builder, problems = _read(path, file, Stage)
    if data is None:
        return None, problems
    problems.extend(_stage_checks(data, path, file, builder.positions))
    checked = _validate(data, Stage, builder, {"today": today or date.today(), "kind_checked": True})
    if isinstance(checked, list):
        return None, [*problems, *checked]
    return (None if problems else LoadedStage(checked, file, builder.positions)), problems


#: A stage file's name: its id (lower-case words joined by hyphens) and ".yaml". Anything else could carry
#: a newline, a comma or a control character into reports, annotations and page addresses.
SAFE_FILE_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\.yaml$")
_YAML_SUFFIXES = (".yaml", ".yml")


def _entries(folder: Path, root: Path) -> Iterator[Path]:
    """Every file or link under ``folder``, sorted, without following links or entering hidden folders
    (editors' and version control's) or the figures folder."""
    try:
        children = sorted(folder.iterdir())
    except OSError:
        return
    for entry in children:
        if entry.name.startswith(".") or (folder == root and entry.name in NOT_STAGE_FILES):
            continue
        if entry.is_dir() and not entry.is_symlink():
            if not (folder == root and entry.name == FIGURES_FOLDER):
                yield from _entries(entry, root)
        else:
            yield entry


def link_problem(path: Path, root: Path, file: str) -> Problem | None:
    """Why a symbolic link at ``path`` cannot be read as data (it is broken, loops or leaves ``root``), or None."""
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        return Problem(file, 1, 1, "broken-link", "this is a link to a file that does not exist: remove the link "
                       "or restore the file")
    except (RuntimeError, OSError):
        return Problem(file, 1, 1, "link-loop", "this link leads round in a loop and never reaches a file: "
                       "replace it with the file itself")
    if not target.is_relative_to(root.resolve()):
        return Problem(file, 1, 1, "link-outside", "this is a link to a file outside the pathways folder, which "
                       "would be published: copy the file into the folder instead of linking to it")
    if target.is_dir():
        return Problem(file, 1, 1, "link-outside", "this is a link to a folder: put the stage files in the "
                       "folder itself instead")
    return None


def _file_problem(path: Path, root: Path, file: str) -> Problem | None:
    """Why ``path`` cannot be a stage file (link, name, extension, folder), or None when it can."""
    if path.is_symlink():
        problem = link_problem(path, root, file)
        if problem:
            return problem
    if path.suffix != ".yaml":
        return Problem(file, 1, 1, "wrong-extension", f"name stage files *.yaml in lower case, not *{path.suffix}: "
                       f"rename it to {path.stem.lower()}.yaml")
    if not SAFE_FILE_NAME.match(path.name):
        fixed = fixed_id(path.stem) or "stage-id"
        return Problem(file, 1, 1, "bad-file-name", "a stage file is named after its id, lower-case words joined "
                       f"by hyphens, then .yaml: rename it to {fixed}.yaml")
    if not path.is_file():
        return Problem(file, 1, 1, "not-a-file", "this is not an ordinary file: stage files are plain text files")
    folders = set(FOLDER_FOR_KIND.values())
    if path.parent.parent != root or path.parent.name not in folders:
        where = ", ".join(f"pathways/{f}/" for f in sorted(folders))
        return Problem(file, 1, 1, "wrong-folder", f"stage files belong in {where}")
    return None


def title_key(title: str) -> str:
    r"""A title as a reader would tell it apart: look-alike forms folded (NFKC), case folded, invisible
    characters removed and spaces collapsed.

    >>> title_key("Pharmacy\u200b  Technician") == title_key("\uff30harmacy technician")
    True
    """
    folded = unicodedata.normalize("NFKC", title).casefold()
    visible = "".join(char for char in folded if unicodedata.category(char) != "Cf")
    return " ".join(visible.split())


def _duplicate_titles(stages: dict[str, LoadedStage]) -> Iterator[Problem]:
    first: dict[str, LoadedStage] = {}
    for loaded in sorted(stages.values(), key=lambda s: s.file):
        key = title_key(loaded.stage.title)
        if key in first:
            other = first[key]
            yield Problem(loaded.file, *loaded.positions.of(("title",)), "duplicate-title",
                          f"the title {loaded.stage.title!r} is the same as {other.stage.title!r} in {other.file} "
                          "(ignoring case, spacing and look-alike characters): give each stage its own title")
        else:
            first[key] = loaded


def _name_clashes(stages: dict[str, LoadedStage]) -> Iterator[Problem]:
    """Names in ``also_called`` that another stage already answers to (its id, title or one of its names), or that
    the stage itself already has: `pathfinder route` and the finder take any of them, so each must name one stage.
    Compared as titles are (title_key)."""
    ordered = sorted(stages.values(), key=lambda s: s.file)
    owner: dict[str, tuple[LoadedStage, str]] = {}
    for loaded in ordered:  # ids and titles first: a clash is reported at the name, which is the newer word
        owner.setdefault(title_key(loaded.stage.id), (loaded, f"the id {loaded.stage.id!r}"))
        owner.setdefault(title_key(loaded.stage.title), (loaded, f"the title {loaded.stage.title!r}"))
    for loaded in ordered:
        for index, also in enumerate(loaded.stage.also_called):
            key = title_key(also.name)
            where = loaded.positions.of(("also_called", index, "name"))
            if key not in owner:
                owner[key] = (loaded, f"the name {also.name!r}")
                continue
            other, what = owner[key]
            if other is loaded:
                yield Problem(loaded.file, *where, "duplicate-name",
                              f"{also.name!r} is already {what} of this stage (ignoring case, spacing and "
                              "look-alike characters): take it out")
            else:
                yield Problem(loaded.file, *where, "duplicate-name",
                              f"{also.name!r} is {what} in {other.file} (ignoring case, spacing and look-alike "
                              "characters): a name may lead to one stage only, so take it out of one of them")


def load_dir(root: Path, *, today: date | None = None) -> LoadResult:
    """Load every stage file under ``root``, collecting every problem rather than stopping at the first."""
    result = LoadResult()
    first_file: dict[str, str] = {}
    candidates = 0
    for path in _entries(root, root):
        if path.suffix.lower() not in _YAML_SUFFIXES and not path.is_symlink():
            continue  # not data: the JSON Schema, a README
        candidates += 1
        file = display_path(path)
        problem = _file_problem(path, root, file)
        if problem:
            result.problems.append(problem)
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
    if not candidates:
        where = ", ".join(f"{f}/" for f in sorted(set(FOLDER_FOR_KIND.values())))
        result.problems.append(Problem(display_path(root), 1, 1, "no-stages",
                                       f"there are no stage files in this folder: add them under {where}"))
    result.problems.extend(_duplicate_titles(result.stages))
    result.problems.extend(_name_clashes(result.stages))
    return result
