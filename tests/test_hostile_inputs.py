"""Issue 20's findings, each as the input a red team used: check answers with located problems (never a
traceback, never a wait), and data that check passes builds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from pathfinder.glossary import Glossary, Term, load_glossary
from pathfinder.graph import load_pathways
from pathfinder.names import name_key
from pathfinder.site import generate_site
from pathfinder.site.terms import explain_terms
from tests.cases import DATA, VALID

COMPLETE = DATA / "complete"
_SOURCE = {"url": "https://www.example.org/a", "title": "A"}


def _complete(tmp_path: Path) -> Path:
    root = tmp_path / "pathways"
    shutil.copytree(VALID, root)
    shutil.copytree(COMPLETE, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.md"))
    return root


def _check(root: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pathfinder.cli", "check", str(root)], capture_output=True,
                          text=True, timeout=timeout, check=False)


@pytest.mark.parametrize(("relative", "old", "new"), [
    ("training/level-2-pharmacy-services.yaml", "typical_months: 15", "typical_months: 1.0e+400"),
    ("roles/dispensing-assistant.yaml", "year: 2026/27", 'year: "9999/00"'),
    ("figures/pay.yaml", "year: 2026/27", 'year: "9999/00"'),
    ("figures/workforce.yaml", "values: [19736, 20372]", "values: [19736, 1.0e+400]"),
    ("figures/workforce.yaml", "values: [19736, 20372]", "values: [19736, -1.0e+400]"),
    ("figures/qualifications.yaml", "months: 9", "months: 1.0e+400"),
    ("roles/dispensing-assistant.yaml", "weekly: 37.5", "weekly: 1.0e+400"),
], ids=["whole-number-overflow", "stage-pay-year-9999", "pay-table-year-9999", "infinite-chart-value",
        "minus-infinite-chart-value", "course-months-overflow", "hours-overflow"])
def test_absurd_numbers_are_located_errors_not_tracebacks(tmp_path: Path, relative: str, old: str, new: str) -> None:
    root = _complete(tmp_path)
    path = root / relative
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new, 1))
    run = _check(root)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    located = [line for line in run.stdout.splitlines() if line.startswith(f"{path}:") and "[out-of-range]" in line]
    assert located and " from " in located[0] and " to " in located[0], run.stdout


@pytest.mark.parametrize("spelling", ["reg\u0131ster", "REG\u0130STER", "regi\u017fter"],
                         ids=["dotless-i", "dotted-capital-i", "long-s"])
def test_a_glossary_term_that_case_folding_changes_still_builds(tmp_path: Path, spelling: str) -> None:
    root = _complete(tmp_path)
    glossary = root / "glossary.yaml"
    glossary.write_text(glossary.read_text().replace("  - term: register\n", f"  - term: {spelling}\n"))
    stage = root / "roles" / "pharmacy-technician.yaml"
    stage.write_text(stage.read_text().replace("summary: ", "summary: You join the register. ", 1))
    pathways = load_pathways(root)
    assert not pathways.errors, pathways.errors
    page = str(generate_site(pathways)["careers/pharmacy-technician/index.md"])  # a KeyError before
    anchor = pathways.glossary.anchors()[1] if pathways.glossary else ""
    assert anchor == "register"
    if not spelling.isupper():  # an all-capitals term is an acronym, matched as written
        assert 'href="../../glossary/#register">register</a>' in page


@pytest.mark.parametrize("relative", ["glossary.yaml", "figures/pay.yaml", "figures/workforce.yaml",
                                      "figures/qualifications.yaml", "roles/pharmacy-technician.yaml"])
def test_a_named_pipe_at_a_data_file_is_refused_at_once(tmp_path: Path, relative: str) -> None:
    root = _complete(tmp_path)
    (root / relative).unlink()
    os.mkfifo(root / relative)
    run = _check(root, timeout=20)  # blocked for ever before
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert f"{root / relative}:1:1: error[not-a-file]" in run.stdout, run.stdout


def test_a_hard_linked_data_file_is_refused_and_its_contents_never_shown(tmp_path: Path) -> None:
    root = _complete(tmp_path)
    outside = tmp_path / "secret.txt"
    outside.write_text("password: hunter2: not for the page\n")
    (root / "glossary.yaml").unlink()
    os.link(outside, root / "glossary.yaml")
    problems = load_pathways(root).problems
    assert [p.code for p in problems if p.file.endswith("glossary.yaml")] == ["hard-link"]
    assert not any("hunter2" in p.message for p in problems)


def test_glossary_links_words_never_entities_addresses_code_or_dotted_names() -> None:
    glossary = Glossary(terms=[Term(term="amp", meaning="A unit.", source=_SOURCE),
                               Term(term="UK", meaning="The United Kingdom.", source=_SOURCE),
                               Term(term="GPhC", meaning="The regulator.", source=_SOURCE)], reviewed=date(2026, 1, 1))
    page = ("<p>Salt &amp; pepper; see GOV.UK, www.nhs.uk/uk and https://x.org/amp, or `GPhC` in code. "
            "The UK and the GPhC.</p>")
    out = explain_terms(page, glossary, "/glossary/")
    assert "Salt &amp; pepper; see GOV.UK, www.nhs.uk/uk and https://x.org/amp, or `GPhC` in code." in out
    assert out.count('class="pf-term"') == 2
    assert 'href="/glossary/#uk"><abbr title="The United Kingdom.">UK</abbr></a> and the' in out


def test_glossary_ids_are_never_empty_or_repeated() -> None:
    terms = [Term(term=name, meaning="M.", source=_SOURCE) for name in ("A&E", "A E", "A-E", "1 £", "£ 1")]
    anchors = Glossary(terms=terms, reviewed=date(2026, 1, 1)).anchors()
    assert all(anchors) and len(set(anchors)) == len(anchors), anchors


def test_duplicate_glossary_terms_are_refused(tmp_path: Path) -> None:
    root = _complete(tmp_path)
    glossary = root / "glossary.yaml"
    glossary.write_text(glossary.read_text().replace("forms: [registered]", "forms: [registered, GPHC]"))
    glossary_model, problems = load_glossary(root)
    assert glossary_model is None and [p.code for p in problems] == ["duplicate-term"]


def test_the_name_key_folds_look_alikes_nfkc_case_and_spacing() -> None:
    assert name_key("\u0420harmacy  technician") == name_key("PHARMACY TECHNICIAN")
    assert name_key("\uff30harmacy technician") == name_key("pharmacy techn\u0131cian")
    assert name_key("Pharmacy technician") != name_key("Pharmacy technicians")


def test_a_term_is_never_linked_inside_another_term() -> None:
    glossary = Glossary(terms=[Term(term="care", meaning="Looking after people.", source=_SOURCE),
                               Term(term="primary care network", meaning="GP practices together.", source=_SOURCE),
                               Term(term="PCN", meaning="A primary care network.", source=_SOURCE)],
                        reviewed=date(2026, 1, 1))
    out = explain_terms("<p>A primary care network (PCN) gives care.</p>", glossary, "/g/")
    assert '<a class="pf-term" href="/g/#primary-care-network">primary care network</a>' in out
    assert out.count("<a ") == 3 and "<a class=\"pf-term\" href=\"/g/#care\">care</a>." in out
