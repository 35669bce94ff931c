"""One key for names a reader could mistake for each other: stage titles, glossary terms, names a stage is also
called. Two names with the same key look the same on a page, so ``pathfinder check`` refuses the second.

The key folds compatibility forms (NFKC: full-width letters, ligatures), case (including the dotless i, the
dotted capital I and the long s, which case folding changes), invisible characters and spacing, and maps each
letter that Unicode lists as confusable with a Latin one (Cyrillic Er, Greek omicron) to that letter, using the
confusables data of ``confusable_homoglyphs``.

>>> name_key("Pharmacy\\u200b  Technician") == name_key("\\uff30harmacy technician")
True
>>> name_key("\\u0420harmacy technician") == name_key("Pharmacy technician") == name_key("pharmacy techn\\u0131cian")
True
>>> name_key("Pharmacy technician") == name_key("Pharmacy technicians")
False
"""

from __future__ import annotations

import functools
import json
import unicodedata
from importlib import resources

__all__ = ["look_alikes_in", "name_key"]


@functools.cache
def _latin_look_alikes() -> dict[str, str]:
    """Each non-ASCII character that Unicode's confusables list says looks like an ASCII letter or digit, mapped
    to that character (lower case)."""
    data = json.loads(resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8"))
    mapping: dict[str, str] = {}
    for char, homoglyphs in data.items():
        if len(char) != 1 or char.isascii():
            continue
        ascii_forms = sorted(h["c"] for h in homoglyphs if len(h["c"]) == 1 and h["c"].isascii() and h["c"].isalnum())
        if ascii_forms:
            mapping[char] = ascii_forms[0].casefold()
    return mapping


def name_key(name: str) -> str:
    """``name`` as a reader tells it apart from others (see the module docstring)."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    look_alikes = _latin_look_alikes()
    mapped = "".join(look_alikes.get(char, char) for char in folded)
    visible = "".join(char for char in unicodedata.normalize("NFKC", mapped).casefold()
                      if unicodedata.category(char) != "Cf")
    return " ".join(visible.split())


def look_alikes_in(name: str) -> list[str]:
    """The characters of ``name`` that only look like Latin letters, named for a message: ["U+0420 (CYRILLIC
    CAPITAL LETTER ER)"]."""
    look_alikes = _latin_look_alikes()
    found = dict.fromkeys(char for char in unicodedata.normalize("NFKC", name) if char in look_alikes)
    return [f"U+{ord(char):04X} ({unicodedata.name(char, 'unnamed')})" for char in found]
