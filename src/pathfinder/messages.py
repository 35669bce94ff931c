"""Messages for people: what a maintainer wrote, why it does not fit, and what to write instead.

Pydantic's and YAML's own messages are written for programmers ("Input should be a valid list"). The functions
here turn one validation error, or one YAML syntax error, into a sentence that names the field and shows the fix.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic_core import ErrorDetails

from .schema import ID_PATTERN, STANDARD_PATTERN, TEXT_PATTERN, URL_PATTERN, YEAR_PATTERN

__all__ = ["YamlWord", "explain", "fixed_id", "syntax_message"]


@dataclass(frozen=True)
class YamlWord:
    """A plain scalar that YAML 1.1 (PyYAML) and YAML 1.2 (editors) read differently, such as ``yes``, ``on``,
    ``1:30`` or ``0x18``: refused wherever it is written, with a message that says how to write it."""

    text: str
    reads_as: str

    def __str__(self) -> str:
        return self.text


_TYPE_CODES = {"string_type": "wrong-type", "int_type": "wrong-type", "int_parsing": "wrong-type",
               "int_from_float": "wrong-type", "float_type": "wrong-type", "float_parsing": "wrong-type",
               "bool_type": "wrong-type", "bool_parsing": "wrong-type", "list_type": "wrong-type",
               "dict_type": "wrong-type", "model_type": "wrong-type", "model_attributes_type": "wrong-type",
               "date_type": "invalid-date", "date_parsing": "invalid-date",
               "date_from_datetime_parsing": "invalid-date", "date_from_datetime_inexact": "invalid-date",
               "literal_error": "invalid-value"}
_RANGE_TYPES = {"greater_than", "greater_than_equal", "less_than", "less_than_equal", "too_short", "too_long",
                "string_too_short", "string_too_long", "finite_number", "multiple_of"}


def fixed_id(text: str) -> str:
    """The nearest valid id: lower case, words joined by single hyphens.

    >>> fixed_id("Pharmacy Technician_2")
    'pharmacy-technician-2'
    """
    return "-".join(re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKD", text).lower()))


def _quoted(text: str) -> str:
    return f"'{text}'" if '"' in text else f'"{text}"'


def _key(loc: tuple[str | int, ...]) -> str:
    return next((str(part) for part in reversed(loc) if isinstance(part, str)), "this value")


def _word_message(value: YamlWord, key: str, wants: str) -> str:
    if wants == "text":
        return (f"YAML reads {value.text} as {value.reads_as}, not as text: put it in quotes, "
                f"{key}: {_quoted(value.text)}")
    if wants == "true or false":
        return (f"{value.text!r} is not read as true or false by every YAML reader (editors read it as text): "
                "write true or false")
    return (f"{value.text!r} is not a plain whole number to every YAML reader (YAML 1.1 reads forms such as 1:30, "
            "0x18 and 030 as other numbers): write digits only, such as 24")


def _text_message(value: Any, key: str) -> str:
    if isinstance(value, YamlWord):
        return _word_message(value, key, "text")
    if key == "year" and isinstance(value, int) and not isinstance(value, bool):
        return f'write the year with the next one after it, in quotes, such as {key}: "{value}/{(value + 1) % 100:02d}"'
    if isinstance(value, bool):
        return (f"YAML reads {str(value).lower()} as true or false, not as text: if you mean the word, put it in "
                f"quotes, {key}: \"{str(value).lower()}\"")
    if isinstance(value, int | float):
        return f"YAML reads {value} as a number, not as text: put it in quotes, {key}: {_quoted(str(value))}"
    if isinstance(value, date):
        return f"YAML reads {value} as a date, not as text: put it in quotes, {key}: \"{value}\""
    if isinstance(value, list):
        return f"one piece of text, not a list: write it on the same line after '{key}: '"
    if isinstance(value, dict):
        return f"one piece of text, not keys: write it on the same line after '{key}: '"
    return f"{key} must be text"


_MONEY = re.compile(r"[£$€,%]")


def _whole_number_message(value: Any, key: str) -> str:
    if isinstance(value, YamlWord):
        return _word_message(value, key, "a number")
    if isinstance(value, str):
        digits = value.strip()
        if re.fullmatch(r"-?[0-9]+", digits):
            return f"{value!r} is in quotes, so it is text: write {digits} without quotes"
        if _MONEY.search(value):
            return (f"{value!r} is not a plain whole number: write digits only, with no £, % or commas "
                    "(put amounts and detail in a note)")
        return f"{value!r} is not a whole number: write digits only, such as 24"
    if isinstance(value, float) and math.isfinite(value) and abs(value) < 1e15:
        return f"{value} is not a whole number: write it without a decimal point, such as {int(value)}"
    if isinstance(value, float):
        return f"{value} is not a whole number: write digits only, such as 24"
    if isinstance(value, bool):
        return f"YAML reads {str(value).lower()} as true or false: write a whole number such as 24"
    return f"{key} must be a whole number such as 24"


def _number_message(value: Any) -> str:
    if isinstance(value, YamlWord):
        return f"{value.text!r} is not a plain number to every YAML reader: write digits only, such as 24 or 2.5"
    if isinstance(value, str) and _MONEY.search(value):
        return f"{value!r} is not a plain number: write digits only, with no £, % or commas"
    if isinstance(value, str):
        return f"{value!r} is in quotes, so it is text: write the number without quotes"
    return "write a number, such as 24 or 2.5"


def _bool_message(value: Any, key: str) -> str:
    if isinstance(value, YamlWord):
        return _word_message(value, key, "true or false")
    if isinstance(value, str) and value.lower() in ("true", "false", "yes", "no", "on", "off", "y", "n"):
        return f"{value!r} is text here: write true or false, without quotes"
    return f"{key} is true or false: write true or false"


def _list_message(value: Any, key: str) -> str:
    if key == "bands":
        return (f"a list of Agenda for Change band numbers such as [4, 5], not {value!r}; "
                "put amounts such as £31,049 in the pay note")
    if isinstance(value, str):
        return (f"a list, not a sentence: write one item per line starting with '- ' under '{key}:', "
                "or [first, second] on one line")
    return f"a list: write one item per line starting with '- ' under '{key}:'"


def _mapping_message(value: Any, key: str) -> str:
    shape = "text" if isinstance(value, str) else "a list" if isinstance(value, list) else repr(value)
    return (f"holds keys, not {shape}: write the keys it needs on the lines below '{key}:', each indented by two "
            "more spaces")


def _date_message(value: Any) -> str:
    if isinstance(value, datetime):
        return f"write only the day, as YYYY-MM-DD, such as {value.date().isoformat()}"
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return f"{value!r} is in quotes, so it is text: write the date without quotes"
    return f"{value!r} is not a date: write dates as YYYY-MM-DD, such as 2026-11-01"


def _bad_character(text: str) -> str:
    for index, char in enumerate(text, 1):
        if not re.fullmatch(TEXT_PATTERN, char):
            fallback = "a control character" if unicodedata.category(char) == "Cc" else "a character that is not text"
            name = unicodedata.name(char, fallback)
            return f"U+{ord(char):04X} ({name.lower()}) at character {index}"
    return "an invisible or control character"


def _pattern_message(value: Any, key: str, pattern: str) -> tuple[str, str]:
    text = str(value)
    if pattern == ID_PATTERN:
        fixed = fixed_id(text)
        example = f": write {fixed!r}" if len(fixed) > 1 else ", such as 'pharmacy-technician'"
        return "invalid-value", f"ids are lower-case words and numbers joined by hyphens{example}"
    if pattern == TEXT_PATTERN:
        return "invalid-character", (f"holds {_bad_character(text)}, which does not show on a page but changes "
                                     "or hides what is around it: delete it")
    if pattern == URL_PATTERN:
        if re.match(r"^[a-z]+://[^/?#]*@", text, re.IGNORECASE):
            return "insecure-source", ("a source address must not hold a user name or password (the part before "
                                       "'@'): give the page's public https:// address")
        return "insecure-source", ("a source must be a full https:// address such as https://www.gov.uk/..., "
                                   f"got {text!r}")
    if pattern == YEAR_PATTERN:
        return "invalid-value", f'write the year as two years joined by "/", such as "2025/26", not {text!r}'
    if pattern == STANDARD_PATTERN:
        return "invalid-value", f'write the standard\'s reference as ST and four digits, such as "ST0300", not {text!r}'
    return "invalid-value", f"{key}: {text!r} is not in the expected form"


def _choice_message(item: ErrorDetails, key: str) -> str:
    choices = re.findall(r"'([^']*)'", str(item.get("ctx", {}).get("expected", "")))
    value = item["input"]
    close = difflib.get_close_matches(str(value), choices, n=1) if isinstance(value, str | YamlWord) else []
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{key} must be one of {', '.join(choices)}, not {str(value)!r}{hint}"


def _range_message(item: ErrorDetails) -> str:
    kind, ctx, value = item["type"], item.get("ctx", {}), item["input"]
    if kind == "greater_than_equal":
        return f"{value} is below the smallest allowed, {ctx['ge']}"
    if kind == "less_than_equal":
        return f"{value} is above the largest allowed, {ctx['le']}: check the number"
    if kind == "too_short":
        return f"needs at least {ctx['min_length']} item(s)"
    if kind == "too_long":
        return f"holds more than {ctx['max_length']} items: keep the first {ctx['max_length']}"
    if kind == "string_too_short":
        return "is empty: write something here, or leave the key out"
    if kind == "string_too_long":
        return f"is longer than {ctx['max_length']} characters: shorten it"
    if kind == "multiple_of":
        return f"{value} is not a multiple of {ctx['multiple_of']}: round it, for example to 37.5"
    return str(item["msg"])


def explain(item: ErrorDetails) -> tuple[str, str]:
    """(code, message) for one pydantic validation error, worded for the person who wrote the file."""
    kind, loc, value = item["type"], tuple(item["loc"]), item["input"]
    key = _key(loc)
    name = ".".join(str(p) for p in loc) or "the stage"
    if value is None and (kind.endswith("_type") or kind == "literal_error"):
        return "wrong-type", f"{name}: is empty: write a value after '{key}:', or remove the line if it is optional"
    if kind == "string_type":
        return "wrong-type", f"{name}: {_text_message(value, key)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "wrong-type", f"{name}: {_whole_number_message(value, key)}"
    if kind in ("float_type", "float_parsing"):
        return "wrong-type", f"{name}: {_number_message(value)}"
    if kind in ("bool_type", "bool_parsing"):
        return "wrong-type", f"{name}: {_bool_message(value, key)}"
    if kind == "list_type":
        return "wrong-type", f"{name}: {_list_message(value, key)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "wrong-type", f"{name}: {_mapping_message(value, key)}"
    if kind.startswith("date_"):
        return "invalid-date", f"{name}: {_date_message(value)}"
    if kind == "string_pattern_mismatch":
        code, message = _pattern_message(value, key, str(item.get("ctx", {}).get("pattern")))
        return code, f"{name}: {message}"
    if kind == "literal_error":
        return "invalid-value", f"{name}: {_choice_message(item, key)}"
    if kind in _RANGE_TYPES:
        return "out-of-range", f"{name}: {_range_message(item)}"
    if re.fullmatch(r"[a-z]+(-[a-z]+)*", kind):  # the project's own PydanticCustomError codes
        return kind, f"{name}: {item['msg']}"
    return _TYPE_CODES.get(kind, "invalid-value"), f"{name}: {item['msg']}"


def syntax_message(lines: list[str], line: int, col: int, problem: str) -> str:
    """A YAML syntax error as a fix: quote a value holding ': ', line up an indented key, use spaces."""
    row = lines[line - 1] if 0 < line <= len(lines) else ""
    if row[col - 1 : col] == "\t" or row[: len(row) - len(row.lstrip())].count("\t"):
        return "a tab: indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        before = row[: col - 1]
        if ":" in before.strip():
            key, _, value = row.strip().removeprefix("- ").partition(":")
            return (f"the value of {key.strip()!r} holds ': ', which YAML reads as the start of another key: put "
                    f"the whole value in quotes, {key.strip()}: {_quoted(value.strip())}")
        return ("this line is indented further than the key above it: line it up with the other keys, or if it "
                "continues the text above, put that text in quotes")
    if "expected '-' indicator" in problem or "expected key" in problem or "expected <block end>" in problem:
        return ("the indentation does not line up: keys of one mapping, and the '- ' items of one list, must "
                "start in the same column as the others at their level (indent with spaces)")
    if "found unexpected end of stream" in problem or "found unexpected end" in problem:
        return "a quote or bracket is opened but never closed: close it on the same value"
    return f"YAML syntax: {problem}"
