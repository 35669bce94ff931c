"""Plain words at each use: glossary terms in a generated page explained where they appear.

Every acronym is wrapped in ``<abbr title="meaning">`` (a tooltip on hover); the first use of each term on a page
is also a link to its glossary entry, which works without JavaScript and reads as a link to screen readers.
Only the page's own text is touched: tags, headings, the map drawing and text inside links, summaries and
terms being defined keep their words (an acronym inside a link still gets its ``abbr``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from markupsafe import escape

from ..glossary import Glossary, Term

__all__ = ["NO_LINK", "TextRewrite", "explain_terms", "rewrite_page_text"]

_TOKENS = re.compile(r"(<[^>]+>)")
#: Elements whose text gets no glossary link: a link inside them would be nested or out of place.
NO_LINK = {"a", "summary", "dt", "abbr", "h1", "h2", "h3", "h4", "h5", "h6", "time", "code"}
#: Elements whose text is left exactly as it is.
_UNTOUCHED = {"svg", "code", "script", "style", "abbr", "time", "option", "textarea"}  # form text holds no markup


def _is_acronym(name: str) -> bool:
    """GPhC, NHS, ST0300: one word with two or more capitals (not a name such as "General Pharmaceutical Council")."""
    return " " not in name and sum(c.isupper() for c in name) >= 2


def _pattern(glossary: Glossary) -> tuple[re.Pattern[str], dict[str, Term]]:
    by_name = {name: term for term in glossary.terms for name in term.names}
    names = sorted(by_name, key=len, reverse=True)  # the longest name wins: "primary care network" over "PCN"
    parts = [rf"{re.escape(n)}" if _is_acronym(n) else rf"(?i:{re.escape(n)})" for n in names]
    return re.compile(rf"(?<![\w-])({'|'.join(parts)})(s?)(?!\w)"), by_name


class _Explainer:
    def __init__(self, glossary: Glossary, glossary_url: str) -> None:
        self.pattern, self.by_name = _pattern(glossary)
        self.lower = {name.lower(): term for name, term in self.by_name.items()}
        self.url = glossary_url
        self.linked: set[str] = set()

    def term(self, word: str) -> Term:
        return self.by_name.get(word) or self.lower[word.lower()]

    def text(self, text: str, may_link: bool) -> str:
        def replace(match: re.Match[str]) -> str:
            word, plural = match.group(1), match.group(2)
            term = self.term(word)
            shown = f"{word}{plural}"
            if _is_acronym(word):
                shown = f'<abbr title="{escape(term.meaning)}">{shown}</abbr>'
            if may_link and term.anchor not in self.linked:
                self.linked.add(term.anchor)
                return f'<a class="pf-term" href="{self.url}#{term.anchor}">{shown}</a>'
            return shown
        return self.pattern.sub(replace, text)


TextRewrite = Callable[[str, set[str]], str]
"""Rewrites one run of text, given the names of the elements it sits in."""


_TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")
_VOID = frozenset(("br", "img", "input", "meta", "link", "hr"))


@functools.lru_cache(maxsize=8192)
def _tag_effect(token: str) -> tuple[str, int]:
    """The element a tag token names and whether it opens (1) or closes (-1) it; 0 for neither. Cached: pages
    repeat the same few tags thousands of times."""
    name = _TAG_NAME.match(token)
    if not name:
        return "", 0
    tag = name.group(1).lower()
    if token.startswith("</"):
        return tag, -1
    return tag, 0 if token.endswith("/>") or tag in _VOID else 1


def _rewrite_line(line: str, rewrite: TextRewrite, open_tags: list[str]) -> str:
    out = []
    for token in _TOKENS.split(line):
        if token.startswith("<"):
            tag, effect = _tag_effect(token)
            if effect > 0:
                open_tags.append(tag)
            elif effect < 0 and tag in open_tags:
                del open_tags[len(open_tags) - 1 - open_tags[::-1].index(tag)]
            out.append(token)
        elif token and _UNTOUCHED.isdisjoint(open_tags):
            out.append(rewrite(token, set(open_tags)))
        else:
            out.append(token)
    return "".join(out)


def rewrite_page_text(page: str, rewrite: TextRewrite) -> str:
    """``page`` (generated Markdown holding HTML blocks) with ``rewrite`` applied to the text between its tags;
    Markdown headings, front matter and the text of svg, code, abbr and time elements are left as they are."""
    open_tags: list[str] = []
    lines = page.split("\n")
    in_front = bool(lines) and lines[0] == "---"
    out = []
    for i, line in enumerate(lines):
        if in_front:
            in_front = not (i > 0 and line == "---")
            out.append(line)
        elif line.startswith("#") or not line.strip():
            out.append(line)
        else:
            out.append(_rewrite_line(line, rewrite, open_tags))
    return "\n".join(out)


def explain_terms(page: str, glossary: Glossary | None, glossary_url: str) -> str:
    """``page`` with its glossary terms explained (see the module docstring)."""
    if glossary is None or not glossary.terms:
        return page
    explainer = _Explainer(glossary, glossary_url)
    return rewrite_page_text(page, lambda text, tags: explainer.text(text, may_link=not (NO_LINK & tags)))
