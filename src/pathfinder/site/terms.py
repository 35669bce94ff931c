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
#: Elements whose text gets no glossary link: a link inside them would be nested or out of place. ``b`` marks a
#: name as a whole (a stage's other names: "Pharmacist specialist" is not a mention of the pharmacist).
NO_LINK = {"a", "summary", "dt", "abbr", "b", "h1", "h2", "h3", "h4", "h5", "h6", "time", "code"}
#: Elements a focusable abbreviation may not sit in: a control inside a control is out of reach.
_CONTROLS = {"a", "summary", "button", "label", "select", "option"}
#: Elements whose text is left exactly as it is (form text holds no markup).
_UNTOUCHED = {"svg", "code", "script", "style", "abbr", "time", "option", "textarea"}


def _is_acronym(name: str) -> bool:
    """GPhC, NHS, ST0300: one word with two or more capitals (not a name such as "General Pharmaceutical Council")."""
    return " " not in name and sum(c.isupper() for c in name) >= 2


def _name_pattern(name: str) -> str:
    return re.escape(name) if _is_acronym(name) else rf"(?i:{re.escape(name)})"


#: Runs of text that are not words of a sentence, left exactly as they are: character references (&amp;),
#: addresses (https://..., www..., name@host), dotted names such as GOV.UK or nhs.uk, and `code`.
_NOT_WORDS = re.compile(r"&#?\w+;|`[^`]*`|\b(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
                        r"|[\w-]+(?:\.[\w-]+)+")


def _pattern(glossary: Glossary) -> tuple[re.Pattern[str], dict[str, Term]]:
    by_name = {name: term for term in glossary.terms for name in term.names}
    names = sorted(by_name, key=len, reverse=True)  # the longest name wins: "primary care network" over "PCN"
    parts = [_name_pattern(n) for n in names]
    return re.compile(rf"(?<![\w-])({'|'.join(parts)})(s?)(?!\w)"), by_name


class _Explainer:
    def __init__(self, glossary: Glossary, glossary_url: str) -> None:
        self.pattern, self.by_name = _pattern(glossary)
        self.lower = {name.lower(): term for name, term in self.by_name.items()}
        self.acronyms = {name for name in self.by_name if _is_acronym(name)}
        self.anchor = {id(term): anchor for term, anchor in zip(glossary.terms, glossary.anchors(), strict=True)}
        self.url = glossary_url
        self.linked: set[str] = set()

    def term(self, word: str) -> Term | None:
        """The entry a matched word names. Case-insensitive matching folds more than ``str.lower`` does (a term
        spelled with a dotless i matches "i"), so when the quick look-ups miss, the entry whose own pattern matches
        the word is the one."""
        found = self.by_name.get(word) or self.lower.get(word.lower())
        if found is None:
            found = next((term for name, term in self.by_name.items()
                          if re.fullmatch(_name_pattern(name), word)), None)
        return found

    def _words(self, text: str, may_link: bool, in_control: bool) -> str:
        def replace(match: re.Match[str]) -> str:
            word, plural = match.group(1), match.group(2)
            term = self.term(word)
            shown = f"{word}{plural}"
            if term is None:
                return shown
            anchor = self.anchor[id(term)]
            linking = may_link and anchor not in self.linked
            if word in self.acronyms:
                # Focusable, so that a tap (or the keyboard) opens its meaning on a phone (site.css); not inside a
                # link or other control, where it would be a control inside a control.
                focus = "" if linking or in_control else ' class="pf-abbr" tabindex="0"'
                shown = f'<abbr title="{escape(term.meaning)}"{focus}>{shown}</abbr>'
            if linking:
                self.linked.add(anchor)
                return f'<a class="pf-term" href="{self.url}#{anchor}">{shown}</a>'
            return shown
        return self.pattern.sub(replace, text)

    def text(self, text: str, may_link: bool, in_control: bool = False) -> str:
        """``text`` with the terms in its words explained; references, addresses and code left as they are."""
        out, at = [], 0
        for kept in _NOT_WORDS.finditer(text):
            out.append(self._words(text[at:kept.start()], may_link, in_control))
            out.append(kept.group())
            at = kept.end()
        out.append(self._words(text[at:], may_link, in_control))
        return "".join(out)


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
    return rewrite_page_text(page, lambda text, tags: explainer.text(text, may_link=not (NO_LINK & tags),
                                                                       in_control=bool(_CONTROLS & tags)))
