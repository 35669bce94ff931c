"""One rule, tested with hostile values: whatever ``pathfinder check`` accepts, the site generator builds without an
exception; whatever it refuses, it refuses with located problems, never a traceback.

The models drive the values: each example picks one value (or one list) anywhere in one data file of a complete
pathways folder (stages of each kind, the glossary, workforce figures, the pay table, qualifications), finds the
type its model gives that place, and writes a hostile value of that type there: a number at or past its range,
infinity, NaN or too big for a float, a date in year 1 or 9999, text with look-alike letters, entities, addresses,
markup or a term's letters changed by case folding, a repeated list entry. Then it runs the check and, when the
check passes, the generator.
"""

from __future__ import annotations

import shutil
import tempfile
import types
import typing
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, Literal

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from pathfinder.figures import Figures
from pathfinder.glossary import Glossary
from pathfinder.graph import load_pathways
from pathfinder.pay import PayTable
from pathfinder.problems import report
from pathfinder.schema import Stage
from pathfinder.site import generate_site
from pathfinder.situation import Situation
from tests.cases import DATA, INVALID, VALID, case_names, materialise

COMPLETE = DATA / "complete"
#: Each data file of the complete folder and the model that reads it.
FILES: dict[Path, type[BaseModel]] = {
    **{path.relative_to(VALID): Stage for path in sorted(VALID.rglob("*.yaml"))},
    Path("glossary.yaml"): Glossary,
    Path("figures/workforce.yaml"): Figures,
    Path("figures/pay.yaml"): PayTable,
    Path("figures/qualifications.yaml"): Situation,
}
#: Bounded so the whole file adds well under a minute to ``make test``; no deadline (the machine is shared).
PROPERTY = settings(max_examples=150, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

_INFINITY = "PATHFINDER-TEST-INFINITY"
_HOSTILE_TEXT = [
    "&amp;", "amp &amp; amp", "see GOV.UK or nhs.uk", "https://example.org/uk?a=1&b=2", "`GPhC` in code",
    "<script>alert(1)</script>", "</div><div>", "{{ 7 * 7 }}", "{% raw %}", "]]>", "\\", "'\"", "---", "# heading",
    "| a | b |", "[link](javascript:alert(1))", "=cmd|' /C calc'!A0", " =1+1", "\uff1d1+1", "reg\u0131ster",
    "REG\u0130STER", "\u017ftage", "\u0420harmacy technician", "Pharmacy technician", "Dispensing assistant", "£",
    "%", "-", "s", "GPhCs",
    "NHS NHS NHS", "x" * 200, "a" * 2000, "ǅ", "ﬁ", "ß", "İ", "\u0301", "🙂", "\u00ad", "1.0e+400",
]
_HOSTILE_NUMBERS = [0, -1, 1, 9, 10, 60, 61, 100, 120, 121, 4999, 5000, 250000, 250001, 10_000_000, 10_000_001,
                    2**31, 2**63, 10**12, 10**13, 10**400, 0.5, 37.3, 1e-300, 5e-324, 1e308, -1e308]
_HOSTILE_FLOATS = [float("inf"), float("-inf"), float("nan")]


def _strip(annotation: Any) -> Any:
    """The annotation without Annotated metadata and without None in an optional."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return _strip(options[0]) if len(options) == 1 else annotation
    return annotation


def _annotation_at(model: type[BaseModel], path: tuple[str | int, ...]) -> Any:
    """The type the model gives the value at ``path`` (Any when the path leaves the model)."""
    annotation: Any = model
    for part in path:
        annotation = _strip(annotation)
        if isinstance(part, int):
            if typing.get_origin(annotation) is not list:
                return Any
            annotation = typing.get_args(annotation)[0]
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel) and part in annotation.model_fields:
            annotation = annotation.model_fields[part].annotation
        else:
            return Any
    return _strip(annotation)


def _hostile(annotation: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    """Hostile values of the type ``annotation`` names (and now and then of another type)."""
    anything = st.one_of(st.none(), st.booleans(), st.sampled_from(_HOSTILE_TEXT), st.sampled_from(_HOSTILE_NUMBERS))
    if annotation is bool:
        return st.booleans()
    if annotation is int:
        return st.one_of(st.sampled_from(_HOSTILE_NUMBERS), st.integers(-10**6, 10**6))
    if annotation is float:
        return st.one_of(st.sampled_from(_HOSTILE_NUMBERS + _HOSTILE_FLOATS),
                         st.floats(allow_nan=False, allow_infinity=False))
    if annotation is date:
        return st.one_of(st.sampled_from([date(1, 1, 1), date(9999, 12, 31), date(1999, 12, 31), date(2100, 1, 1)]),
                         st.dates())
    if annotation is str:
        return st.one_of(st.sampled_from(_HOSTILE_TEXT), st.text(st.characters(codec="utf-8"), min_size=1,
                                                                    max_size=30),
                         st.from_regex(r"[0-9]{4}/[0-9]{2}", fullmatch=True),
                         st.from_regex(r"[a-z]{1,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True),
                         st.from_regex(r"https://[a-z]{1,8}\.(uk|org)/[a-z&=?#%.]{0,12}", fullmatch=True),
                         st.sampled_from(["1", "8a", "9", "ST0300", "ST9999"]))
    if typing.get_origin(annotation) is Literal:
        return st.sampled_from(typing.get_args(annotation))
    if typing.get_origin(annotation) is list and depth < 2:
        return st.lists(_hostile(_strip(typing.get_args(annotation)[0]), depth + 1), max_size=4)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and depth < 2:
        return st.fixed_dictionaries({name: _hostile(_strip(field.annotation), depth + 1)
                                      for name, field in annotation.model_fields.items() if field.is_required()})
    return anything


#: Letters swapped for ones a reader takes for them, or that case folding changes: the dotless i, the long s,
#: the dotted capital I, Cyrillic a, e, o and p.
_TWISTS = [("i", "\u0131"), ("s", "\u017f"), ("I", "\u0130"), ("a", "\u0430"), ("e", "\u0435"), ("o", "\u043e"),
           ("p", "\u0440")]


def _variants(current: Any) -> list[Any]:
    """Hostile values made from the value already there, so they still mean nearly the same."""
    if isinstance(current, bool):
        return [not current]
    if isinstance(current, int | float):
        return [float("inf"), float("-inf"), float("nan"), -current, current * 10**6, current + 0.5, 10**400,
                current * 1e300]
    if isinstance(current, date):
        return [date(9999, 12, 31), date(1, 1, 1), date(2100, 1, 1), date(1999, 12, 31)]
    if isinstance(current, str):
        twisted = [current.replace(old, new, 1) for old, new in _TWISTS if old in current]
        return [*twisted, current.upper(), f"{current} &amp; {current}", f"GOV.{current}", f"`{current}`",
                f" ={current}", f"\uff1d{current}", (current * 40)[:2000], "9999/00", "0000/01", "2098/99"]
    return []


def _twist_all(value: Any, old: str, new: str) -> Any:
    """``value`` with ``old`` replaced by ``new`` in every piece of text (not in keys)."""
    if isinstance(value, dict):
        return {key: _twist_all(item, old, new) for key, item in value.items()}
    if isinstance(value, list):
        return [_twist_all(item, old, new) for item in value]
    return value.replace(old, new) if isinstance(value, str) else value


def _paths(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    if path:
        yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, (*path, i))


def _at(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _set(data: Any, path: tuple[str | int, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _dump(data: Any) -> str:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=4096)
    # YAML writes infinity as .inf, which the loader refuses as a word; 1.0e+400 is the number that overflows.
    return text.replace("-.inf", "-1.0e+400").replace(".inf", "1.0e+400")


def _folder() -> Path:
    root = Path(tempfile.mkdtemp()) / "pathways"
    shutil.copytree(VALID, root)
    shutil.copytree(COMPLETE, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.md"))
    return root


def _check_then_build(root: Path) -> None:
    """The rule itself: the check reports located problems without raising, and data it passes builds."""
    pathways = load_pathways(root)
    report(pathways.problems)
    for problem in pathways.problems:
        assert problem.line >= 1 and problem.col >= 1 and problem.code and problem.message.strip()
    if not pathways.errors:
        generate_site(pathways)


@PROPERTY
@given(relative=st.sampled_from(sorted(FILES)), data=st.data())
def test_check_and_build_agree_on_any_hostile_value(relative: Path, data: st.DataObject) -> None:
    root = _folder()
    try:
        content = yaml.safe_load((root / relative).read_text())
        how = data.draw(st.sampled_from(["value", "value", "value", "twist every text", "repeat an entry"]))
        paths = list(_paths(content))
        leaves = [path for path in paths if not isinstance(_at(content, path), dict | list)]
        path = data.draw(st.sampled_from(leaves) | st.sampled_from(paths) if leaves else st.sampled_from(paths),
                         label="path")
        parent = content
        for part in path[:-1]:
            parent = parent[part]
        if how == "twist every text":
            old, new = data.draw(st.sampled_from(_TWISTS), label="twist")
            content = _twist_all(content, old, new)
        elif how == "repeat an entry" and isinstance(parent, list):
            parent.append(parent[path[-1]])  # a repeated id, term, year or band
        else:
            here = _annotation_at(FILES[relative], path)
            variants = _variants(parent[path[-1]])
            value = st.one_of(st.sampled_from(variants), _hostile(here)) if variants else _hostile(here)
            _set(content, path, data.draw(value, label="value"))
        (root / relative).write_text(_dump(content), encoding="utf-8")
        _check_then_build(root)
    finally:
        shutil.rmtree(root.parent)


def _fixtures() -> Iterator[Any]:
    yield pytest.param(lambda tmp: Path("pathways"), id="pathways")
    for name in ("valid", "hostile", "warnings"):
        yield pytest.param(lambda tmp, name=name: DATA / name, id=name)
    yield pytest.param(lambda tmp: _folder(), id="complete")
    for case in case_names():
        yield pytest.param(lambda tmp, case=case: materialise(case, tmp), id=f"invalid-{case}")


@pytest.mark.parametrize("folder", list(_fixtures()))
def test_the_generator_builds_every_fixture_the_check_passes(folder: Any, tmp_path: Path) -> None:
    root = folder(tmp_path)
    assert root.is_dir()
    _check_then_build(root)


def test_the_complete_fixture_has_a_file_of_every_kind_and_passes() -> None:
    root = _folder()
    try:
        pathways = load_pathways(root)
        assert not pathways.errors, pathways.errors
        assert pathways.glossary and pathways.figures and pathways.pay and "qualifications" in pathways.graph.graph
        assert {loaded.stage.kind for loaded in pathways.stages.values()} == {"start", "role", "training"}
    finally:
        shutil.rmtree(root.parent)
    assert INVALID.is_dir()
