"""Property tests: random damage to valid stage files always gives located problems, never an exception."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathfinder.graph import load_pathways
from pathfinder.problems import Problem
from pathfinder.schema import Stage
from tests.cases import VALID

FILES = sorted(p.relative_to(VALID) for p in VALID.rglob("*.yaml"))
REQUIRED = [name for name, field in Stage.model_fields.items() if field.is_required()]
ANY_VALUE = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.text(max_size=30),
                      st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(),
                                                                           max_size=2))
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _load_with(relative: Path, content: bytes) -> tuple[Path, list[Problem]]:
    """Load the valid fixture with one file replaced; returns the temporary root and the problems."""
    root = Path(tempfile.mkdtemp()) / "pathways"
    shutil.copytree(VALID, root)
    (root / relative).write_bytes(content)
    try:
        return root, load_pathways(root).problems
    finally:
        shutil.rmtree(root.parent)


def _assert_located(root: Path, problems: list[Problem], files: list[Path]) -> None:
    for problem in problems:
        assert Path(problem.file).name in {f.name for f in files} | {f.name for f in FILES}
        assert problem.line >= 1 and problem.col >= 1 and problem.code and problem.message


def _data(relative: Path) -> dict[str, Any]:
    data = yaml.safe_load((VALID / relative).read_text())
    assert isinstance(data, dict)
    return data


@SETTINGS
@given(relative=st.sampled_from(FILES), key=st.sampled_from(REQUIRED))
def test_deleting_a_required_key_is_reported(relative: Path, key: str) -> None:
    data = _data(relative)
    del data[key]
    root, problems = _load_with(relative, yaml.safe_dump(data).encode())
    _assert_located(root, problems, [relative])
    assert any(p.code == "missing-field" and p.file.endswith(relative.name) for p in problems)


@SETTINGS
@given(relative=st.sampled_from(FILES), data=st.data())
def test_any_value_of_the_wrong_type_never_raises(relative: Path, data: st.DataObject) -> None:
    stage = _data(relative)
    key = data.draw(st.sampled_from(sorted(stage)))
    stage[key] = data.draw(ANY_VALUE)
    root, problems = _load_with(relative, yaml.safe_dump(stage).encode())
    _assert_located(root, problems, [relative])


@SETTINGS
@given(relative=st.sampled_from(FILES), noise=st.binary(min_size=1, max_size=40), at=st.floats(0, 1))
def test_random_bytes_never_raise(relative: Path, noise: bytes, at: float) -> None:
    original = (VALID / relative).read_bytes()
    cut = int(len(original) * at)
    root, problems = _load_with(relative, original[:cut] + noise + original[cut:])
    _assert_located(root, problems, [relative])


@SETTINGS
@given(relative=st.sampled_from(FILES), new_id=st.from_regex(r"[a-z]{2,10}(-[a-z]{2,6})?", fullmatch=True))
def test_an_id_that_differs_from_the_file_name_is_reported(relative: Path, new_id: str) -> None:
    data = _data(relative)
    data["id"] = new_id
    root, problems = _load_with(relative, yaml.safe_dump(data).encode())
    _assert_located(root, problems, [relative])
    assert (new_id == relative.stem) or any(p.code == "id-mismatch" for p in problems)


@SETTINGS
@given(target=st.from_regex(r"[a-z]{2,12}(-[a-z]{2,8}){0,2}", fullmatch=True))
def test_a_link_to_a_missing_stage_is_reported(target: str) -> None:
    relative = Path("roles/dispensing-assistant.yaml")
    data = _data(relative)
    data["next"] = [{"to": target}]
    root, problems = _load_with(relative, yaml.safe_dump(data).encode())
    _assert_located(root, problems, [relative])
    known = {f.stem for f in FILES}
    if target == "dispensing-assistant":
        assert any(p.code == "self-link" for p in problems)
    elif target not in known:
        assert any(p.code == "unknown-stage" for p in problems)
