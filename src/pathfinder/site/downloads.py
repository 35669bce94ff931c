"""The Open data page and its downloads, and the maintainers' schema reference generated from the models."""

from __future__ import annotations

import inspect
import json
from datetime import date
from typing import Any

from markupsafe import Markup, escape
from pydantic import BaseModel

from ..export import graph_json
from ..export import render as export_render
from ..figures import Figure, Figures, KeyFact, Row
from ..graph import Pathways
from ..schema import (
    REQUIRED_FOR_KIND,
    AlsoCalled,
    Apprenticeship,
    DatedFact,
    Duration,
    Experience,
    Funding,
    Hours,
    Link,
    NeedChange,
    Pay,
    Skills,
    Source,
    Stage,
    stage_json_schema,
)
from .render import render

__all__ = ["data_files", "schema_page"]

_HEADER_NOTE = "Generated from pathways/ by the site build on {built}. Do not edit: edit the YAML files instead."


def data_files(pathways: Pathways, built: date) -> dict[str, str]:
    """The graph as JSON, GraphML and CSV, the JSON Schema, and the page that links them, all stamped."""
    graph = graph_json(pathways.graph)
    graph["graph"] = {**graph.get("graph", {}), "built": built.isoformat(),
                      "note": _HEADER_NOTE.format(built=built.isoformat())}
    schema = {**stage_json_schema(), "$comment": _HEADER_NOTE.format(built=built.isoformat())}
    page = render("data.md.j2", built=built, stage_count=pathways.graph.number_of_nodes(),
                  link_count=pathways.graph.number_of_edges())
    return {
        "data/index.md": page,
        "data/pathways.json": json.dumps(graph, indent=2, ensure_ascii=False) + "\n",
        "data/pathways.graphml": export_render(pathways, "graphml"),
        "data/pathways.csv": export_render(pathways, "csv"),
        "data/stage.schema.json": json.dumps(schema, indent=2) + "\n",
    }


def _type_name(schema: dict[str, Any]) -> Markup:
    """A JSON Schema type in words, such as "list of text", with other models as links to their tables."""
    if "$ref" in schema:
        name = str(schema["$ref"]).rsplit("/", 1)[-1]
        return Markup('<a href="#{}">{}</a>').format(name.lower(), name)
    if "anyOf" in schema:
        return Markup(" or ").join(_type_name(s) for s in schema["anyOf"] if s.get("type") != "null")
    if "enum" in schema:
        return escape("one of " + ", ".join(str(v) for v in schema["enum"]))
    kind = schema.get("type")
    if kind == "array":
        return Markup("list of ") + _type_name(schema.get("items", {}))
    if kind == "string" and schema.get("format") == "date":
        return escape("date (YYYY-MM-DD)")
    words = {"string": "text", "integer": "whole number", "boolean": "true or false", "number": "number"}
    return escape(words.get(str(kind), str(kind)))


def _required(model: type[BaseModel], name: str, required: bool) -> str:
    """"Yes", "No", or the kinds of stage that need the field, such as "For training"."""
    if required:
        return "Yes"
    kinds = [kind for kind, fields in REQUIRED_FOR_KIND.items() if name in fields] if model is Stage else []
    return f"For {' and '.join(kinds)}" if kinds else "No"


def _model_view(model: type[BaseModel]) -> dict[str, Any]:
    properties = model.model_json_schema(ref_template="#/$defs/{model}")["properties"]
    fields = [{"name": name, "type": _type_name(properties[name]),
               "required": _required(model, name, field.is_required()),
               "doc": field.description or ""} for name, field in model.model_fields.items()]
    return {"name": model.__name__, "doc": inspect.getdoc(model) or "", "fields": fields}


def schema_page() -> dict[str, str]:
    """The schema reference, one table per model, from the models' field docstrings."""
    stage: list[type[BaseModel]] = [Stage, Link, Source, Duration, Pay, Funding, Apprenticeship, DatedFact,
                                    Hours, Skills, AlsoCalled, NeedChange, Experience]
    figures: list[type[BaseModel]] = [Figures, Figure, Row, KeyFact]
    return {"maintainers/schema.md": render("schema.md.j2", models=[_model_view(m) for m in stage],
                                            figure_models=[_model_view(m) for m in figures])}
