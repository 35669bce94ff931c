"""The glossary (``pathways/glossary.yaml``): every acronym and term of art in plain words, with a source.

Pages explain each term where it is used and list them all on the glossary page. ``glossary_problems`` warns
(``unexplained-term``) when stage text uses an acronym, a word with two or more capital letters such as GPhC or
ST0300, that the glossary does not list, so a maintainer adds it before visitors meet it unexplained.

>>> entry = Term(term="GPhC", meaning="The pharmacy regulator.",
...              source={"url": "https://www.pharmacyregulation.org/", "title": "GPhC"})
>>> entry.anchor, entry.matches("Registration with the GPhCs")
('gphc', True)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from .load import LoadedStage, display_path, load_data_file
from .names import name_key
from .problems import Problem
from .schema import SensibleDay, ShortText, Source, Text, _Model

__all__ = ["GLOSSARY_FILE", "Glossary", "Term", "acronyms_in", "glossary_problems", "load_glossary", "stage_texts"]

GLOSSARY_FILE = "glossary.yaml"
#: A word with two or more capital letters (GPhC, NHS, ST0300, MPharm), and an optional plural s.
_ACRONYM = re.compile(r"\b(?=[A-Za-z0-9]*[A-Z][A-Za-z0-9]*[A-Z])([A-Za-z0-9]{2,}?)(s?)\b")


def _has_a_letter(name: str) -> str:
    # A name of spaces or signs alone would match between words all over the pages.
    if not any(char.isalnum() for char in name):
        raise PydanticCustomError("invalid-value", "{name} has no letter or digit: write the term as pages write "
                                  "it, such as \"GPhC\"", {"name": repr(name)})
    return name


TermName = Annotated[ShortText, AfterValidator(_has_a_letter)]


class Term(_Model):
    """One entry: a term as pages write it, what it means in plain words, and where that comes from."""

    term: TermName
    """The term as pages write it, for example "GPhC" or "off-the-job training"."""
    meaning: Text
    """One or two plain sentences a 14-year-old can follow."""
    forms: list[TermName] = Field(default_factory=list)
    """Other ways pages write the same thing, such as the name an acronym stands for; plurals count already."""
    source: Source
    """A public page that supports the meaning."""

    @property
    def anchor(self) -> str:
        """The entry's id on the glossary page as its own words give it (lower-case ASCII words joined by hyphens;
        possibly empty, as for "£"): ``Glossary.anchors`` makes every id non-empty and unique."""
        ascii_words = unicodedata.normalize("NFKD", name_key(self.term)).encode("ascii", "ignore").decode()
        return re.sub(r"[^a-z0-9]+", "-", ascii_words).strip("-")

    @property
    def names(self) -> tuple[str, ...]:
        """The term and its other forms."""
        return (self.term, *self.forms)

    def matches(self, text: str) -> bool:
        """Whether ``text`` uses the term or one of its forms (as a whole word, plural allowed)."""
        return any(_word(name).search(text) for name in self.names)


def _word(name: str) -> re.Pattern[str]:
    """A whole-word pattern for a name; acronyms match their case exactly, other terms any case."""
    flags = 0 if " " not in name and sum(c.isupper() for c in name) >= 2 else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){re.escape(name)}s?(?![\w-])", flags)


class Glossary(_Model):
    """Every term the site explains."""

    terms: list[Term] = Field(min_length=1)
    """The entries, in any order; the glossary page sorts them."""
    reviewed: SensibleDay
    """The day someone last checked the meanings against their sources."""

    def anchors(self) -> list[str]:
        """Each term's id on the glossary page, in the file's order: never empty ("term-3" for a term with no
        letters or digits) and never repeated (a later clash gets "-2", "-3")."""
        taken: set[str] = set()
        anchors = []
        for number, term in enumerate(self.terms, 1):
            base = term.anchor or f"term-{number}"
            anchor, suffix = base, 2
            while anchor in taken:
                anchor, suffix = f"{base}-{suffix}", suffix + 1
            taken.add(anchor)
            anchors.append(anchor)
        return anchors

    def known(self) -> set[str]:
        """Every name the glossary covers, as written."""
        return {name for term in self.terms for name in term.names}


def load_glossary(pathways_dir: Path) -> tuple[Glossary | None, list[Problem]]:
    """The glossary under ``pathways_dir``; (None, []) when there is none. Two names (terms or forms) that a reader
    could not tell apart (``names.name_key``: case, look-alike letters, spacing) are an error at the second, since
    a page could not say which entry it means."""
    loaded = load_data_file(pathways_dir, Path(GLOSSARY_FILE), Glossary)
    if loaded is None:
        return None, []
    glossary, positions, problems = loaded
    if glossary is None:
        return None, problems
    first: dict[str, str] = {}
    for i, term in enumerate(glossary.terms):
        paths = [("terms", i, "term"), *(("terms", i, "forms", j) for j in range(len(term.forms)))]
        for name, path in zip(term.names, paths, strict=True):
            key = name_key(name)
            if key in first:
                problems.append(Problem(display_path(pathways_dir / GLOSSARY_FILE), *positions.of(path),
                                        "duplicate-term", f"{name!r} is already in the glossary as {first[key]!r} "
                                        "(ignoring case, spacing and look-alike letters): list each term once"))
            else:
                first[key] = name
    return (None if problems else glossary), problems


def acronyms_in(text: str) -> list[str]:
    """The acronyms in ``text``, singular, in order: "GCSEs from the GPhC" -> ["GCSE", "GPhC"]."""
    return [match.group(1) for match in _ACRONYM.finditer(text)]


def stage_texts(loaded: LoadedStage) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every piece of visitor-facing text of a stage, with its path in the file (for located warnings)."""
    stage = loaded.stage
    yield ("title",), stage.title
    yield ("summary",), stage.summary
    for field in ("what_you_do", "entry_requirements", "regulation", "caveats"):
        for i, text in enumerate(getattr(stage, field)):
            yield (field, i), text
    for i, link in enumerate(stage.next):
        for j, text in enumerate(link.requires):
            yield ("next", i, "requires", j), text
        if link.note:
            yield ("next", i, "note"), link.note
    for name, part in (("pay", stage.pay), ("duration", stage.duration)):
        if part is not None and part.note:
            yield (name, "note"), part.note
    for i, funding in enumerate(stage.funding):
        yield ("funding", i, "summary"), funding.summary
    for i, hours in enumerate(stage.hours):
        if hours.note:
            yield ("hours", i, "note"), hours.note
    if stage.skills is not None:
        for i, text in enumerate(stage.skills.items):
            yield ("skills", "items", i), text


def glossary_problems(glossary: Glossary | None, stages: Iterable[LoadedStage]) -> list[Problem]:
    """A warning for each acronym a stage uses that the glossary lacks (once per stage file and acronym).

    A pathways folder with no glossary (a test fixture, a new project) gets no warnings.
    """
    if glossary is None:
        return []
    known = glossary.known()
    problems = []
    for loaded in stages:
        seen: set[str] = set()
        for path, text in stage_texts(loaded):
            for acronym in acronyms_in(text):
                if acronym in known or acronym + "s" in known or acronym in seen:
                    continue
                seen.add(acronym)
                problems.append(Problem(loaded.file, *loaded.positions.of(path), "unexplained-term",
                                        f"{acronym!r} is not in pathways/{GLOSSARY_FILE}: add it with a plain "
                                        "meaning and a source", severity="warning"))
    return problems
