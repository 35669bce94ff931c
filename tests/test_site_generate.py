"""The site generator: structure of what it writes, escaping of hostile text, no "None", links that resolve."""

from __future__ import annotations

import dataclasses
import itertools
import posixpath
import re
import xml.etree.ElementTree as ET
from datetime import date
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathfinder.graph import Pathways, load_pathways, stage_url
from pathfinder.pay import NO_PAY_SOURCE
from pathfinder.routes import routes_into
from pathfinder.schema import Stage
from pathfinder.site import Content, SiteDataError, generate_site, write_site
from pathfinder.site.charts import chart_svg, nice_ticks
from pathfinder.site.render import md_text, meta_title, months_text

from .conftest import DATA, ROOT

BUILT = date(2026, 11, 25)
#: The Markdown extensions mkdocs.yml turns on, so pages are checked as MkDocs renders them.
EXTENSIONS = ["toc", "tables", "attr_list", "admonition"]


def _site(folder: Path) -> tuple[Pathways, dict[str, Content]]:
    pathways = load_pathways(folder)
    assert pathways.problems == []
    return pathways, generate_site(pathways, built=BUILT)


@pytest.fixture(scope="module")
def valid_site() -> tuple[Pathways, dict[str, Content]]:
    return _site(DATA / "valid")


@pytest.fixture(scope="module")
def hostile_site() -> tuple[Pathways, dict[str, Content]]:
    return _site(DATA / "hostile")


def _pages(files: dict[str, Content]) -> dict[str, str]:
    return {path: text for path, text in files.items() if path.endswith(".md") and isinstance(text, str)}


def _html(text: str) -> str:
    """The page as MkDocs renders its Markdown, front matter left out."""
    if text.startswith("---\n"):
        text = text.split("\n---\n", 1)[1]
    return markdown.markdown(text, extensions=EXTENSIONS)


def _url_of(path: str) -> str:
    """Site-relative address a Markdown page is served at (use_directory_urls)."""
    if path.endswith("index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.hrefs += [value for name, value in attrs if name in ("href", "src", "xlink:href") and value]


def _parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("name", ["valid", "hostile"])
def test_every_stage_has_its_page_and_every_section_exists(name: str) -> None:
    pathways, files = _site(DATA / name)
    for stage_id, loaded in pathways.stages.items():
        assert stage_url(stage_id, loaded.stage.kind) + "index.md" in files
        if loaded.stage.kind == "role":
            assert f"schools/cards/{stage_id}/index.md" in files
    for path in ("index.md", "start/index.md", "careers/index.md", "training/index.md", "map/index.md",
                 "map/career-map.svg", "schools/cards/index.md", "workforce/index.md", "data/index.md",
                 "data/pathways.json", "data/pathways.graphml", "data/pathways.csv", "data/stage.schema.json",
                 "maintainers/schema.md", "finder/index.md"):
        assert path in files


def test_no_page_prints_none_null_or_an_empty_heading(valid_site: tuple[Pathways, dict[str, Content]]) -> None:
    for path, text in _pages(valid_site[1]).items():
        html = _html(text)
        visible = re.sub(r"<[^>]+>", " ", html)
        assert not re.search(r"\b(None|null)\b", visible), path
        headings = list(re.finditer(r"<h([1-6])[^>]*>(.*?)</h\1>", html, flags=re.S))
        assert headings and all(h.group(2).strip() for h in headings), path
        # A heading followed at once by one of the same or a higher level, or by nothing, is an empty section.
        for here, after in zip(headings, [*headings[1:], None], strict=True):
            between = html[here.end(): after.start() if after else len(html)]
            if after is None or int(after.group(1)) <= int(here.group(1)):
                assert between.strip(), f"{path}: empty section {here.group(2)!r}"


def test_missing_optional_fields_hide_their_sections(valid_site: tuple[Pathways, dict[str, Content]]) -> None:
    pathways, files = valid_site
    bare = pathways.stage("pharmacy-technician")
    assert not bare.what_you_do and bare.pay is None
    page = files["careers/pharmacy-technician/index.md"]
    assert isinstance(page, str)
    assert "## What you do" not in page and "## Where next" not in page
    # A job without sourced pay says so in one plain line, instead of leaving pay out (issue 16 section 3).
    assert page.count(NO_PAY_SOURCE) >= 1
    assert "## How to get here" in page and "## Sources" in page and 'class="pf-reviewed"' in page


def test_start_page_shows_every_first_step_from_the_data() -> None:
    pathways = load_pathways(ROOT / "pathways")
    page = generate_site(pathways, built=BUILT)["start/school-leaver/index.md"]
    assert isinstance(page, str)
    text = re.sub(r"<[^>]+>", "", _html(page))  # glossary terms are wrapped in abbr and links
    for item in pathways.stage("school-leaver").what_you_do:
        assert escape(item, quote=False) in text


def test_role_page_lists_routes_as_numbered_steps_with_running_total(
        valid_site: tuple[Pathways, dict[str, Content]]) -> None:
    page = valid_site[1]["careers/pharmacy-technician/index.md"]
    assert isinstance(page, str)
    html = _html(page)
    routes = re.findall(r'<div class="pf-route"[^>]*>(.*?)</div>', html, flags=re.S)
    assert routes
    longest = max(routes, key=len)
    assert "<ol" in longest and "months so far" in longest and "Earn while you learn" in longest
    totals = [int(n) for n in re.findall(r"(\d+) months so far", longest)]
    assert totals == sorted(totals)
    assert "finder/?from=school-leaver&amp;to=pharmacy-technician" in html


def test_role_pages_hold_every_route_the_finder_can_show() -> None:
    pathways = load_pathways(ROOT / "pathways")
    files = generate_site(pathways, built=BUILT)
    for stage_id, loaded in pathways.stages.items():
        if loaded.stage.kind != "role":
            continue
        page = files[f"careers/{stage_id}/index.md"]
        assert isinstance(page, str)
        shown = []  # a route shown once for several support jobs counts for each of them
        for stages, also in re.findall(r'<div class="pf-route" data-stages="([^"]+)"(?: data-also-from="([^"]+)")?',
                                       page):
            shown += [stages] + [" ".join([other, *stages.split()[1:]]) for other in also.split()]
        expected = [" ".join(r.stages) for found in routes_into(pathways.graph, stage_id, limit=5).values()
                    for r in found]
        assert sorted(shown) == sorted(expected), stage_id


@pytest.mark.parametrize("name", ["valid", "hostile"])
def test_every_link_between_generated_pages_resolves(name: str) -> None:
    _, files = _site(DATA / name)
    urls = {_url_of(p) for p in files if p.endswith(".md")} | set(files)
    hand_written = {_url_of(p.relative_to(ROOT / "docs").as_posix()) for p in (ROOT / "docs").rglob("*.md")}
    static = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*")
              if p.is_file() and p.suffix != ".md"}  # scripts and styles a page loads (compare.js)
    known = urls | hand_written | static
    for path, text in _pages(files).items():
        base = _url_of(path)
        for href in _parse(_html(text)).hrefs:
            if re.match(r"^[a-z]+:", href) or href.startswith("#"):
                continue
            target = posixpath.normpath(posixpath.join(base, href.split("?")[0].split("#")[0]))
            target = "" if target == "." else target
            candidates = {target, target + "/", target + "/index.md", re.sub(r"\.md$", "/", target)}
            assert candidates & known, f"{path}: {href} -> {target}"


COMPARE_SCRIPT = '<script src="../javascripts/compare.js"></script>'


def test_hostile_text_is_escaped_in_every_page(hostile_site: tuple[Pathways, dict[str, Content]]) -> None:
    for path, text in _pages(hostile_site[1]).items():
        if path.startswith("finder/"):
            continue  # the finder's page has its own script and its own tests
        # The compare page loads the site's own compare.js right after its table (no text of ours inside it).
        text = text.replace(COMPARE_SCRIPT, "") if path == "compare/index.md" else text
        parsed = _parse(_html(text))
        assert not {"script", "iframe", "object", "style", "marquee", "b", "i"} & set(parsed.tags), path
        assert not [h for h in parsed.hrefs if h.startswith("javascript:") or h.startswith("x")], path
    role = hostile_site[1]["careers/pharmacy-assistant/index.md"]
    assert isinstance(role, str)
    html = _html(role)
    assert "&lt;script&gt;window.__pwned" in html
    assert "**bold**" in html or "\\*\\*bold" in role


def test_hostile_text_in_svg_is_escaped_and_well_formed(hostile_site: tuple[Pathways, dict[str, Content]]) -> None:
    files = hostile_site[1]
    svg = files["map/career-map.svg"]
    assert isinstance(svg, str)
    root = ET.fromstring(svg.encode())
    assert not [el for el in root.iter() if el.tag.endswith("script")]
    workforce = files["workforce/index.md"]
    assert isinstance(workforce, str)
    for chart in re.findall(r"<svg.*?</svg>", workforce, flags=re.S):
        element = ET.fromstring(chart)
        assert element.get("role") == "img" and element.get("aria-label")
        assert not [el for el in element.iter() if el.tag.endswith(("script", "img"))]


def test_page_titles_for_the_theme_carry_no_markup(hostile_site: tuple[Pathways, dict[str, Content]]) -> None:
    page = hostile_site[1]["careers/pharmacy-assistant/index.md"]
    assert isinstance(page, str)
    front = page.split("---")[1]
    assert "title:" in front and "<" not in front and "&" not in front


def test_charts_have_a_table_and_a_source_each() -> None:
    pathways = load_pathways(ROOT / "pathways")
    figures = pathways.figures
    assert figures is not None and figures.figures
    page = generate_site(pathways, built=BUILT)["workforce/index.md"]
    assert isinstance(page, str)
    for figure in figures.figures:
        assert f'id="{figure.id}-table"' in page
    assert page.count("<svg") == len(figures.figures) == page.count("<table")
    assert page.count('<p class="pf-source"') == len(figures.figures)
    # Each key fact names its source too, marked the same way (a cited title is their words, not ours).
    assert page.count('<span class="pf-source"') == len(figures.key_facts)


def test_map_has_every_stage_as_a_link_and_a_complete_text_version(
        valid_site: tuple[Pathways, dict[str, Content]]) -> None:
    pathways, files = valid_site
    page = files["map/index.md"]
    assert isinstance(page, str)
    svg, text_version = page.split("## The map as a list")
    for stage_id, loaded in pathways.stages.items():
        href = f'href="../{stage_url(stage_id, loaded.stage.kind)}"'
        assert href in svg and href in text_version
    for u, v in pathways.graph.edges:
        assert f'../{stage_url(v, pathways.graph.nodes[v]["kind"])}' in text_version, (u, v)


def test_schema_reference_documents_every_stage_field(valid_site: tuple[Pathways, dict[str, Content]]) -> None:
    page = valid_site[1]["maintainers/schema.md"]
    assert isinstance(page, str)
    for name, field in Stage.model_fields.items():
        assert f"<code>{name}</code>" in page
        assert field.description and str(md_text(field.description))[:10] in str(md_text(page))
    for name in ("duration", "earn_while_learning"):
        assert re.search(rf"<td><code>{name}</code></td><td>.*?</td><td>For training</td>", page), name


def test_downloads_are_stamped_with_the_build_date(valid_site: tuple[Pathways, dict[str, Content]]) -> None:
    files = valid_site[1]
    assert '"built": "2026-11-25"' in str(files["data/pathways.json"])
    assert "25 November 2026" in str(files["data/index.md"])


def test_data_with_problems_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "pathways"
    (broken / "roles").mkdir(parents=True)
    (broken / "roles" / "x.yaml").write_text("id: x\nkind: role\n")
    with pytest.raises(SiteDataError, match=r"roles/x\.yaml:\d+:\d+: error\["):
        generate_site(load_pathways(broken))


def test_write_site_writes_every_generated_file(tmp_path: Path) -> None:
    pathways = load_pathways(DATA / "valid")
    written = write_site(pathways, tmp_path)
    assert written == len(generate_site(pathways))
    assert (tmp_path / "careers" / "pharmacy-technician" / "index.md").is_file()
    assert len([p for p in tmp_path.rglob("*") if p.is_file()]) == written


def test_site_package_does_not_import_mkdocs() -> None:
    for module in (ROOT / "src" / "pathfinder" / "site").glob("*.py"):
        assert not re.search(r"^\s*(from|import)\s+mkdocs", module.read_text(), flags=re.M), module


@pytest.mark.parametrize(("value", "expected"), [(0, "no extra time"), (1, "1 month"), (12, "12 months (1 year)"),
                                                 (39, "39 months (3 years 3 months)")])
def test_months_text(value: int, expected: str) -> None:
    assert months_text(value) == expected


def test_md_text_and_meta_title_neutralise_markup() -> None:
    assert str(md_text("<b>*x*</b> [a](b)")) == "&lt;b&gt;\\*x\\*&lt;/b&gt; \\[a\\]\\(b\\)"
    assert "<" not in str(meta_title("</title><script>")) and '"' not in str(meta_title('"'))[1:-1]


def test_an_empty_pathways_folder_still_gives_every_section(tmp_path: Path) -> None:
    empty = load_pathways(tmp_path)
    assert [p.code for p in empty.problems] == ["no-stages"], "an empty folder is an error (and no build)"
    # The generator itself still copes with a graph that has no stages.
    files = generate_site(dataclasses.replace(empty, problems=[]), built=BUILT)
    for path in ("index.md", "careers/index.md", "training/index.md", "start/index.md", "map/index.md",
                 "workforce/index.md", "data/index.md", "schools/cards/index.md"):
        text = files[path]
        assert isinstance(text, str) and not re.search(r"\b(None|null)\b", text), path


@given(high=st.floats(min_value=0.001, max_value=1e9, allow_nan=False))
def test_chart_axis_starts_at_zero_and_covers_the_largest_value(high: float) -> None:
    ticks = nice_ticks(high)
    assert ticks[0] == 0 and ticks[-1] >= high and 2 <= len(ticks) <= 7
    steps = {round(b - a, 9) for a, b in itertools.pairwise(ticks)}
    assert len(steps) == 1, "ticks are evenly spaced"


def test_line_chart_points_sit_inside_the_axis() -> None:
    figures = load_pathways(ROOT / "pathways").figures
    assert figures is not None
    lines = [f for f in figures.figures if f.chart == "line"]
    assert lines
    for figure in lines:
        svg = ET.fromstring(str(chart_svg(figure)))
        ns = {"s": "http://www.w3.org/2000/svg"}
        axis = [float(line.get("y1", "nan")) for line in svg.iterfind(".//s:line", ns)]
        dots = [float(c.get("cy", "nan")) for c in svg.iterfind(".//s:circle", ns)]
        assert dots and min(axis) <= min(dots) and max(dots) <= max(axis)


def test_every_stage_named_in_a_stage_page_is_linked_from_it() -> None:
    """'See the specialist pharmacy technician page' links there: every other stage whose title a page's text
    names has a link to its page on that page."""
    pathways = load_pathways(ROOT / "pathways")
    files = generate_site(pathways, built=BUILT)
    G = pathways.graph
    for stage_id, loaded in pathways.stages.items():
        page = files[stage_url(stage_id, loaded.stage.kind) + "index.md"]
        assert isinstance(page, str)
        html = _html(page)
        # Text that is already a link, a heading, a disclosure's summary or the map is not a mention to link.
        text = re.sub(r"<(svg|a|summary|h[1-6]|dt)\b.*?</\1>", " ", html, flags=re.S)
        text = " ".join(re.sub(r"<[^>]+>", " ", text).split()).casefold()
        # Longest titles first, each taken out once seen, so "Accuracy checking training for support staff" is not
        # also read as a mention of "Accuracy checking training".
        for other, data in sorted(G.nodes(data=True), key=lambda node: -len(str(node[1]["title"]))):
            mention = re.compile(rf"(?<![\w-]){re.escape(str(data['title']).casefold())}(?![\w-])")
            if other != stage_id and mention.search(text):
                assert f'../../{stage_url(other, data["kind"])}"' in html, (stage_id, other)
            text = mention.sub(" ", text)


def test_no_page_asks_for_markdown_inside_html(valid_site: tuple[Pathways, dict[str, Content]]) -> None:
    """mkdocs.yml leaves out md_in_html, so a ``markdown`` attribute on an HTML tag would print its Markdown raw."""
    pages = {**_pages(valid_site[1]), **{str(p): p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md")}}
    for path, text in pages.items():
        assert not re.search(r"<[a-zA-Z][^>]*\smarkdown\s*=", text), path
