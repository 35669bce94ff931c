"""Other names a stage is known by (``also_called``): typed and sourced in the data, unique across the graph,
due a check 18 months after they were seen, and accepted wherever a title is."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from pathfinder.currency import stage_dated_problems
from pathfinder.load import LoadedStage, Positions
from pathfinder.schema import Stage

_SOURCE = {"url": "https://www.example.org/advert", "title": "Dispenser, Example Pharmacy", "publisher": "Jobs"}


def _stage(**changes: Any) -> Stage:
    data: dict[str, Any] = {"id": "made-up", "kind": "role", "title": "X", "summary": "S.",
                            "sources": [{"url": "https://www.example.org/x", "title": "X"}],
                            "reviewed": date(2026, 11, 1)}
    data.update(changes)
    return Stage.model_validate(data)


def _name(name: str = "Dispenser", **more: Any) -> dict[str, Any]:
    return {"name": name, "source": _SOURCE, "checked_on": date(2026, 11, 1), **more}


def test_names_are_optional_typed_and_sourced() -> None:
    assert _stage().also_called == []
    [also] = _stage(also_called=[_name(advert=True)]).also_called
    assert (also.name, also.advert, also.source.publisher) == ("Dispenser", True, "Jobs")
    assert _stage(also_called=[_name()]).also_called[0].advert is False


@pytest.mark.parametrize("bad", [
    {"also_called": ["Dispenser"]},                                   # a bare name, with no source
    {"also_called": [{**_name(), "source": None}]},                    # no source
    {"also_called": [_name("")]},                                      # no name
    {"also_called": [_name("Dispenser\u202e")]},                       # a spoofing character
    {"also_called": [_name(checked_on=date(2099, 1, 1))]},             # seen in the future
    {"also_called": [{**_name(), "source": {**_SOURCE, "url": "http://www.example.org/a"}}]},
])
def test_bad_names_are_refused(bad: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        _stage(**bad)


def test_names_are_due_a_check_18_months_after_they_were_seen() -> None:
    stage = _stage(also_called=[_name(checked_on=date(2025, 5, 1)), _name("PTPT", checked_on=date(2025, 7, 1))])
    loaded = LoadedStage(stage, "roles/made-up.yaml", Positions())
    warned = list(stage_dated_problems(loaded, None, today=date(2026, 11, 26)))
    assert [p.code for p in warned] == ["stale-review"]
    assert "checked_on" in warned[0].message
