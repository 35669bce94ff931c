"""The JSON Schema files committed under ``pathways/``: one per kind of data file, generated from its model.

Editors read them through the first line of each data file (``# yaml-language-server: $schema=...``), so they
are committed for a fresh clone; a test fails when one is stale. To add a kind of data file, add a ``SchemaFile``
to ``SCHEMA_FILES`` and run ``make schema``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel

from .figures import Figures
from .glossary import Glossary
from .pay import PayTable
from .schema import SCHEMA_ID, Stage, stage_json_schema
from .situation import Situation

__all__ = ["SCHEMA_FILES", "SchemaFile", "schema_for", "schema_line", "write_schema_files"]

_GENERATED = "Generated from src/pathfinder by `make schema` (pathfinder schema --write pathways). Do not edit."


@dataclass(frozen=True)
class SchemaFile:
    """One committed JSON Schema: its file name under pathways/, the model it describes, and the data files (glob
    patterns relative to pathways/) that must name it on their first line."""

    name: str
    model: type[BaseModel]
    data: tuple[str, ...]

    def json_schema(self) -> dict[str, Any]:
        """The schema as a JSON value, marked as generated."""
        if self.model is Stage:
            schema = stage_json_schema()
        else:
            schema = self.model.model_json_schema()
            schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
            schema["$id"] = SCHEMA_ID.rsplit("/", 1)[0] + "/" + self.name.replace(".schema", "")
        return {"$comment": _GENERATED, **schema}

    def text(self) -> str:
        """The file's exact committed text."""
        return json.dumps(self.json_schema(), indent=2, ensure_ascii=False) + "\n"


SCHEMA_FILES: tuple[SchemaFile, ...] = (
    SchemaFile("stage.schema.json", Stage, ("start/*.yaml", "roles/*.yaml", "training/*.yaml")),
    SchemaFile("figures.schema.json", Figures, ("figures/workforce.yaml",)),
    SchemaFile("pay.schema.json", PayTable, ("figures/pay.yaml",)),
    SchemaFile("qualifications.schema.json", Situation, ("figures/qualifications.yaml",)),
    SchemaFile("glossary.schema.json", Glossary, ("glossary.yaml",)),
)


def schema_for(relative: str) -> SchemaFile | None:
    """The schema a data file (path relative to pathways/, with '/') must name, or None if none is registered."""
    return next((entry for entry in SCHEMA_FILES if any(fnmatch(relative, glob) for glob in entry.data)), None)


def schema_line(relative: str) -> str | None:
    """The first line a data file must have so that an editor checks it against its schema."""
    entry = schema_for(relative)
    if entry is None:
        return None
    target = os.path.relpath(entry.name, PurePosixPath(relative).parent.as_posix() or ".")
    return f"# yaml-language-server: $schema={PurePosixPath(target).as_posix()}"


def write_schema_files(root: Path) -> list[Path]:
    """Write every registered schema into ``root`` (the pathways folder); returns the paths written."""
    written = []
    for entry in SCHEMA_FILES:
        path = root / entry.name
        path.write_text(entry.text(), encoding="utf-8")
        written.append(path)
    return written
