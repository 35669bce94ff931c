"""The glossary: loaded from pathways/glossary.yaml, and a located warning for an acronym it lacks."""

from __future__ import annotations

import shutil
from pathlib import Path

from pathfinder.glossary import acronyms_in, load_glossary
from pathfinder.graph import load_pathways

from .conftest import ROOT


def test_acronyms_are_found_singular_and_in_order() -> None:
    assert acronyms_in("Four GCSEs, then register with the GPhC (ST0300, MPharm); A levels and IT.") == [
        "GCSE", "GPhC", "ST0300", "MPharm", "IT"]
    assert acronyms_in("A T Level in English") == []


def test_real_glossary_explains_every_acronym_in_the_stages() -> None:
    pathways = load_pathways(ROOT / "pathways")
    assert pathways.glossary is not None and len(pathways.glossary.terms) >= 20
    assert [p for p in pathways.problems if p.code == "unexplained-term"] == []


def test_an_acronym_missing_from_the_glossary_is_a_located_warning(tmp_path: Path) -> None:
    root = tmp_path / "pathways"
    shutil.copytree(ROOT / "pathways", root)
    glossary = root / "glossary.yaml"
    lines = glossary.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("  - term: CPPE\n")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("  - term:"))
    glossary.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    pathways = load_pathways(root)
    found = [p for p in pathways.problems if p.code == "unexplained-term"]
    assert found and all(p.severity == "warning" and "CPPE" in p.message for p in found)
    assert pathways.errors == []
    assert all(p.file.endswith(".yaml") and p.line > 1 for p in found)


def test_a_folder_without_a_glossary_gets_no_term_warnings(tmp_path: Path) -> None:
    assert load_glossary(tmp_path) == (None, [])
