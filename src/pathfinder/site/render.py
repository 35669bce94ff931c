"""The jinja2 environment that turns page contexts into Markdown, and the filters its templates use.

Autoescape is on for every template: text from YAML is HTML-escaped wherever it lands. Text placed in Markdown
(headings, list items) also goes through ``md``, which backslash-escapes Markdown syntax so that a title such as
``*new* [link](x)`` shows as typed.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..routes import months_words, short_months

__all__ = ["SETTING_LABELS", "lower_first", "md_text", "meta_title", "months_text", "render", "sentences",
           "setting_label", "short_months"]

SETTING_LABELS: dict[str, str] = {
    "hospital": "Hospital",
    "community-pharmacy": "Community pharmacy (a local chemist)",
    "general-practice": "GP practices and primary care networks",
    "aseptic-unit": "Aseptic unit",
    "care-home": "Care homes",
    "mental-health": "Mental health services",
    "industry": "Pharmaceutical industry",
    "college-or-university": "College or university",
}

#: The characters Python-Markdown (with the tables extension) lets a backslash escape.
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def md_text(value: object) -> Markup:
    """Plain text made safe for a Markdown line: Markdown syntax backslash-escaped, then HTML-escaped."""
    text = " ".join(str(value).split())
    return escape(_MARKDOWN_SYNTAX.sub(r"\\\1", text))


#: Markup characters and the look-alikes that stand in for them in page titles.
_TITLE_LOOKALIKES = str.maketrans({"<": "\u2039", ">": "\u203a", '"': "\u201d", "&": "\uff06"})


def meta_title(value: object) -> Markup:
    """A page title for front matter, as a YAML (JSON) string.

    MkDocs themes print ``page.title`` without escaping, some through ``striptags``, which turns entities back
    into markup; so the title for the theme has no markup characters at all: look-alikes stand in for them.
    The page's own heading shows the exact text.
    """
    text = " ".join(str(value).split()).translate(_TITLE_LOOKALIKES)
    return Markup(json.dumps(text))


def months_text(months: int) -> str:
    """Months in words, as the finder and the command line say them: ``routes.months_words``."""
    return months_words(months)


def setting_label(setting: str) -> str:
    """A setting id as a visitor reads it."""
    return SETTING_LABELS.get(setting, setting.replace("-", " ").capitalize())


def lower_first(title: object) -> str:
    """A title inside a sentence: 'Leaving school or college' -> 'leaving school or college'; a name that starts
    with a capitalised word or initials ('MPharm', 'GP practice') keeps its capitals."""
    text = str(title)
    first = text.split()[0] if text.split() else ""
    return text[:1].lower() + text[1:] if len(first) > 1 and first[1:].islower() else text


def sentences(items: object) -> str:
    """Text or a list of items as a run of sentences, each ending in one full stop: ``["A job", "Four GCSEs"]`` ->
    "A job. Four GCSEs." (a list joined with semicolons reads as one long sentence)."""
    parts = [items] if isinstance(items, str) else list(items)  # type: ignore[call-overload]
    texts = [" ".join(str(part).split()) for part in parts]
    return " ".join(text if text[-1:] in ".!?" else f"{text}." for text in texts if text)


def long_date(day: date) -> str:
    """A date as GOV.UK writes it: 1 November 2026."""
    return f"{day.day} {day:%B %Y}"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("pathfinder.site", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=md_text, meta_title=meta_title, months=months_text, setting=setting_label,
                       long_date=long_date, lower_first=lower_first, sentences=sentences,
                       short_months=short_months)
    return env


_ENV = _environment()


def render(template: str, **context: Any) -> str:
    """Render one template from ``templates/`` with the given context."""
    return _ENV.get_template(template).render(**context)
