"""How hard each visitor page of the built site is to read, as a US school grade.

``python -m pathfinder.readability site`` (``make readability``) prints every visitor page's grade, worst first,
and the three hardest sentences of each page over its limit; it exits 1 when any page is over.

The measure is the Coleman-Liau index, computed by textstat: 0.0588 L - 0.296 S - 15.8, where L is letters and S
sentences per 100 words. It counts letters, not syllables. Syllable formulas (Flesch-Kincaid and the consensus
built on them) need textstat's English syllable dictionary, which textstat fetches through NLTK from the internet
the first time it is used: that fails here and on CI, and syllable counts of the abbreviations this site uses
(GPhC, NHS, MPharm) are guesses anyway. Letter counts are exact, so a grade moves only when the words do.

The site's own names (each job's, course's and starting point's title and the other names it is known by, read
from the site's open data, ``data/pathways.json``) count as one ordinary word of five letters, about the average
length of an English word. They are the subject of every page, each has its own page that explains it, and a
letter formula would otherwise grade "Medicines optimisation pharmacy technician: about 2 years." as a college
text. This follows the Dale-Chall rule that counts proper names as familiar words. Everything else counts letter
by letter, and the report prints the plain Coleman-Liau grade beside it, so nothing is hidden.

What is measured is prose: each line of text in the article (a paragraph, a list item, a fact's value) ends a
sentence. Navigation, the
career map's drawings, tables of figures, headings, the titles of cited pages (their words, not ours), and short
labels or link lists (fewer than ``MIN_WORDS`` words, or nothing but a link) are not sentences, and a grade
formula would misread them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import textstat

__all__ = ["GOAL", "NAME_WORD", "START_GOAL", "PageReading", "grade", "limit_for", "main", "names_pattern", "prose",
           "read_page", "site_names", "visitor_pages"]

#: No visitor page above US grade 8 (a reading age of about 13) ...
GOAL = 8.0
#: ... and the pages a newcomer starts from (home, where to start, the starting points) at 6 or below.
START_GOAL = 6.0
#: A block with fewer words is a label or a title, not a sentence.
MIN_WORDS = 4
#: Sections of the site that are not for visitors: maintainers' pages and the open data downloads page.
NOT_VISITOR = ("maintainers", "data", "assets", "search")
#: What one of the site's own names counts as: one word of five letters.
NAME_WORD = "named"

_NOT_PROSE = ("//script", "//style", "//svg", "//table", "//nav", "//pre", "//code", "//h1", "//h2", "//h3",
              "//h4", "//h5", "//h6", "//aside[contains(@class, 'pf-report')]", "//form",
              "//*[contains(@class, 'headerlink')]", "//*[@hidden]", "//ul[contains(@class, 'pf-sources')]",
              "//*[contains(@class, 'pf-source')]",
              "//*[contains(@class, 'pf-map-fit')]", "//*[contains(@class, 'pf-scroll')]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9£\"'(])")


def grade(text: str) -> float:
    """The Coleman-Liau US grade of ``text`` (no dictionary, no download)."""
    return float(textstat.coleman_liau_index(text))


def site_names(site: Path) -> list[str]:
    """Every stage title and other name in the built site's open data, longest first (so a long name wins over a
    shorter one inside it)."""
    data = site / "data" / "pathways.json"
    if not data.is_file():
        return []
    nodes = json.loads(data.read_text(encoding="utf-8"))["nodes"]
    names = {name for node in nodes for name in [node["title"], *node.get("also_called", [])] if name}
    return sorted(names, key=lambda name: (-len(name), name))


def names_pattern(names: Sequence[str]) -> re.Pattern[str] | None:
    """Matches any of ``names`` as whole words, in any case, with a plural or possessive ending; None when there are
    none."""
    if not names:
        return None
    # Not \b: a name may end in a bracket ("... Programme (OSPAP)"), where \b would need a letter after it. A plural
    # or possessive ("pharmacy technicians", "a pharmacist's") is the same name, as Dale-Chall counts it.
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(name) for name in names) + r")(?:s|'s|\u2019s)?(?!\w)",
                      re.IGNORECASE)


def limit_for(address: str) -> float:
    """The highest grade allowed for a page at this site-relative address (``""`` is the home page)."""
    return START_GOAL if address == "" or address == "start" or address.startswith("start/") else GOAL


def visitor_pages(site: Path) -> Iterator[tuple[str, Path]]:
    """``(address, file)`` for every visitor page of a built site, by address."""
    for path in sorted(site.rglob("index.html")):
        address = path.parent.relative_to(site).as_posix().strip(".")
        if not address.startswith(NOT_VISITOR):
            yield address, path


#: Elements that start and end a line of text: a sentence never runs across one.
_BREAKS = {"p", "li", "dd", "dt", "dl", "div", "ul", "ol", "blockquote", "figcaption", "summary", "details",
           "section", "br", "article", "header", "footer", "main"}


def _clean(text: str) -> str:
    """Spaces tidied, none before punctuation; web addresses left out (one long "word" is not hard reading)."""
    text = re.sub(r"\s+", " ", re.sub(r"https?://\S+", " ", text)).strip()
    return re.sub(r"\s+([,.;:!?)\]\u2019'-])|([(\[\u2018-])\s+", lambda m: m.group(1) or m.group(2), text)


def _segments(root: lxml.html.HtmlElement) -> list[tuple[str, bool]]:
    """Each run of text between two line breaks (a paragraph, a list item, a fact's label or value), with whether
    all of it is link text. Inline elements (links, bold, terms) join the text around them with a space."""
    segments: list[tuple[str, bool]] = []
    pieces: list[tuple[str, bool]] = []

    def flush() -> None:
        text = _clean(" ".join(piece for piece, _ in pieces))
        if text:
            segments.append((text, all(linked for piece, linked in pieces if piece.strip())))
        pieces.clear()

    def walk(node: lxml.html.HtmlElement, linked: bool) -> None:
        if isinstance(node.tag, str):  # not a comment or processing instruction
            breaks = node.tag in _BREAKS
            if breaks:
                flush()
            inside = linked or node.tag == "a"
            if node.text:
                pieces.append((node.text, inside))
            for child in node:
                walk(child, inside)
            if breaks:
                flush()
        if node.tail:
            pieces.append((node.tail, linked))

    walk(root, False)
    flush()
    return segments


def _words(text: str) -> int:
    return len(text.split())


def prose(html: bytes | str) -> list[str]:
    """The article's lines of prose (paragraphs, list items, a fact's value), each ending in a full stop."""
    document = lxml.html.fromstring(html)
    articles = document.xpath("//article[contains(@class, 'md-content__inner')]") or [document]
    article = articles[0]
    for element in article.xpath(" | ".join("." + path for path in _NOT_PROSE)):
        element.drop_tree()
    return [text if text[-1] in ".!?" else text + "."
            for text, all_link in _segments(article) if _words(text) >= MIN_WORDS and not all_link]


@dataclass(frozen=True)
class PageReading:
    address: str
    grade: float
    """With the site's own names counted as ordinary words: the grade the goal is about."""
    plain_grade: float
    """Coleman-Liau as it comes, every name letter by letter."""
    limit: float
    words: int
    hardest: tuple[tuple[float, str], ...]
    """The three hardest sentences (by the same grade), hardest first."""

    @property
    def over(self) -> bool:
        return self.grade > self.limit


def read_page(address: str, html: bytes | str, names: re.Pattern[str] | None = None) -> PageReading:
    """How hard a page is; ``names`` (from :func:`names_pattern`) are counted as one ordinary word each."""
    blocks = prose(html)
    text = " ".join(blocks)

    def named(passage: str) -> float:
        return grade(names.sub(NAME_WORD, passage) if names else passage)

    sentences = [s for block in blocks for s in _SENTENCE_END.split(block) if _words(s) >= MIN_WORDS]
    hardest = sorted(((named(s), s) for s in sentences), key=lambda pair: (-pair[0], pair[1]))[:3]
    return PageReading(address, round(named(text), 1) if text else 0.0, round(grade(text), 1) if text else 0.0,
                       limit_for(address), _words(text), tuple((round(g, 1), s) for g, s in hardest))


def _report(readings: Sequence[PageReading]) -> str:
    lines = [f"{'grade':>5}  {'plain':>5}  {'limit':>5}  {'words':>5}  page"]
    for reading in sorted(readings, key=lambda r: (-(r.grade - r.limit), r.address)):
        lines.append(f"{reading.grade:5.1f}  {reading.plain_grade:5.1f}  {reading.limit:5.0f}  {reading.words:5d}"
                     f"  /{reading.address}"
                     + ("   OVER" if reading.over else ""))
    over = [r for r in readings if r.over]
    for reading in sorted(over, key=lambda r: r.address):
        lines += ["", f"/{reading.address} (grade {reading.grade:.1f}, limit {reading.limit:.0f}): hardest sentences"]
        lines += [f"  {g:5.1f}  {s}" for g, s in reading.hardest]
    lines += ["", f"{len(readings)} visitor pages: {len(over)} over their limit (Coleman-Liau US grade with the "
                  f"site's own job, course and starting-point names counted as ordinary words; 'plain' counts them "
                  f"letter by letter; goal {GOAL:.0f}, start and home pages {START_GOAL:.0f})"]
    return "\n".join(lines)


def measure_site(site: Path) -> list[PageReading]:
    names = names_pattern(site_names(site))
    return [read_page(address, path.read_bytes(), names) for address, path in visitor_pages(site)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pathfinder.readability",
                                     description="Reading grade of every visitor page of a built site.")
    parser.add_argument("site", nargs="?", default="site", type=Path, help="the built site (default: site)")
    parser.add_argument("--write-allowance", type=Path, metavar="FILE",
                        help="write the pages over their limit, with their grades, as JSON (the test's allowance: "
                             "a page on it may not get harder, and must come off it once it meets the goal)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"readability: no built site at {args.site}: run `make build` first", file=sys.stderr)
        return 2
    readings = measure_site(args.site)
    print(_report(readings))
    if args.write_allowance:
        over = {f"/{r.address}": r.grade for r in sorted(readings, key=lambda r: r.address) if r.over}
        args.write_allowance.write_text(json.dumps(over, indent=2) + "\n", encoding="utf-8")
    return 1 if any(r.over for r in readings) else 0


if __name__ == "__main__":
    raise SystemExit(main())
