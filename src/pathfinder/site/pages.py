"""Pages for each stage (careers, training, starting points), the section indexes, the home page and the map."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx

from ..graph import Pathways, stage_url
from ..routes import what_next
from ..schema import Stage
from ..site_address import configured_site_url
from .dated_view import dated_context
from .job_groups import JOB_GROUP_HEADINGS, roles_by_group
from .job_search import job_searches, training_job_searches
from .map_svg import (
    career_columns,
    career_map,
    career_map_print,
    column_headings,
    neighbourhood_map,
)
from .mentions import link_stage_mentions
from .origins import origin_groups
from .render import render, short_months
from .search_rank import search_boost
from .start_answers import jobs_in_reach, start_facts
from .structured import occupation_json_ld, with_front_matter
from .summary import headline_kinds, pay_brief, pay_sources, pay_words, role_facts, training_words
from .terms import explain_terms

__all__ = ["home_page", "index_pages", "map_page", "stage_pages"]

#: Depth of a stage page below the site root, as a relative prefix.
STAGE_PREFIX = "../../"
_KIND_PAGES = {"role": "role.md.j2", "training": "training.md.j2", "start": "start.md.j2"}


@dataclass(frozen=True)
class LinkView:
    """A link to another stage, with what the step needs."""

    url: str
    title: str
    requires: tuple[str, ...] = ()
    note: str | None = None


def source_path(stage_id: str, kind: str) -> str:
    """Markdown file that becomes a stage's page."""
    return stage_url(stage_id, kind) + "index.md"


def _link(G: nx.DiGraph, stage_id: str, prefix: str, requires: list[str] | None = None,
          note: str | None = None) -> LinkView:
    data = G.nodes[stage_id]
    return LinkView(prefix + stage_url(stage_id, data["kind"]), str(data["title"]), tuple(requires or ()), note)


def onward_links(G: nx.DiGraph, stage_id: str, prefix: str) -> list[LinkView]:
    """Stages one step on, with what each step needs."""
    return [_link(G, step["to"], prefix, step["requires"], step["note"]) for step in what_next(G, stage_id)]


def _role_context(pathways: Pathways, stage: Stage) -> dict[str, Any]:
    G = pathways.graph
    groups = origin_groups(G, stage.id, STAGE_PREFIX)
    return {"groups": groups, "facts": role_facts(pathways, stage, groups), "pay": pay_words(pathways, stage),
            "pay_sources": pay_sources(pathways, stage), "job_searches": job_searches(G, stage.id, groups)}


def _training_context(pathways: Pathways, stage: Stage, today: date) -> dict[str, Any]:
    G = pathways.graph
    who_for = [_link(G, u, STAGE_PREFIX, d.get("requires"), d.get("note"))
               for u, _, d in G.in_edges(stage.id, data=True)]
    funding = [{"summary": f.summary, "year": f.year, "valid_until": f.valid_until,
                "closed": f.closed or (f.valid_until is not None and f.valid_until < today)} for f in stage.funding]
    return {"who_for": sorted(who_for, key=lambda link: link.title), "funding": funding,
            "pay": pay_words(pathways, stage), "pay_sources": pay_sources(pathways, stage),
            "job_searches": training_job_searches(stage)}


def stage_page(pathways: Pathways, stage: Stage, today: date) -> str:
    """The Markdown page of one stage."""
    G = pathways.graph
    context: dict[str, Any] = {"stage": stage, "prefix": STAGE_PREFIX,
                               "onward": onward_links(G, stage.id, STAGE_PREFIX),
                               "neighbourhood": neighbourhood_map(G, stage.id, STAGE_PREFIX),
                               "search_boost": search_boost(stage)}
    if stage.kind == "role":
        context.update(_role_context(pathways, stage))
    elif stage.kind == "training":
        context.update(_training_context(pathways, stage, today))
    else:
        jobs = jobs_in_reach(G, stage.id, STAGE_PREFIX)
        context.update(jobs=jobs, facts=start_facts(G, stage, jobs))
    context.update(dated_context(pathways, stage, today))
    page = link_stage_mentions(render(_KIND_PAGES[stage.kind], **context), G, stage.id, STAGE_PREFIX)
    page = explain_terms(page, pathways.glossary, STAGE_PREFIX + "glossary/")
    return with_front_matter(page, "occupation", occupation_json_ld(pathways, stage)) if stage.kind == "role" else page


def stage_pages(pathways: Pathways, today: date) -> dict[str, str]:
    """One page per stage, at the address DESIGN.md fixes for its kind."""
    return {source_path(s.id, s.kind): stage_page(pathways, s, today)
            for s in (loaded.stage for loaded in pathways.stages.values())}


_SECTIONS = {
    "start": ("start/index.md", "Where to start",
              "Choose the description that fits you best to see every route open to you from there."),
    "role": ("careers/index.md", "Careers",
             "Jobs in pharmacy, grouped by what the job is: support staff, registered pharmacy technicians and "
             "pharmacists."),
    "training": ("training/index.md", "Training and qualifications",
                 "Courses and apprenticeships that lead to pharmacy jobs, with how long they take and who pays."),
}


def _index_detail(G: nx.DiGraph, stage_id: str) -> str | None:
    data = G.nodes[stage_id]
    if data["kind"] == "training":
        months = int(data["months"])
        paid = "earn while you learn" if data.get("earn_while_learning") else "usually unpaid"
        return f"usually {short_months(months)}, {paid}" if months else paid
    if data["kind"] != "role":  # a starting point is where a visitor is now: it has no pay of its own
        return None
    bands = data.get("pay_bands") or []
    if bands:
        return f"NHS band {bands[0]}" if len(bands) == 1 else f"NHS bands {bands[0]} to {bands[-1]}"
    return "pay set by each employer"


def index_pages(pathways: Pathways) -> dict[str, str]:
    """The list page of each kind of stage, in career order; jobs grouped by what the job is (``job_group``), a
    job without one under its career stage as on the map."""
    G = pathways.graph
    columns = career_columns(G)
    headings = column_headings(G)
    pages = {}
    for kind, (path, heading, intro) in _SECTIONS.items():
        members = sorted((n for n in G if G.nodes[n]["kind"] == kind),
                         key=lambda n: (columns[n], str(G.nodes[n]["title"])))
        job_group = {stage.id: group for group, stages in roles_by_group(pathways).items() for stage in stages}
        groups: dict[str, list[dict[str, Any]]] = {}
        for n in members:
            group = JOB_GROUP_HEADINGS[g] if (g := job_group.get(n)) else headings[columns[n]] if kind == "role" else ""
            groups.setdefault(group, []).append({
                "url": "../" + stage_url(n, kind), "title": G.nodes[n]["title"], "summary": G.nodes[n]["summary"],
                "detail": _index_detail(G, n)})
        order = list(JOB_GROUP_HEADINGS.values())
        groups = dict(sorted(groups.items(), key=lambda g: order.index(g[0]) if g[0] in order else len(order)))
        pages[path] = render("section_index.md.j2", heading=heading, intro=intro,
                             groups=[{"heading": h, "items": items} for h, items in groups.items()])
    return pages


#: Who the home page speaks to: (link text, what it offers, candidate stage ids in order, fallback page).
_AUDIENCES = (
    ("I'm at school or college", "Jobs and training you can start when you leave.",
     ("school-leaver",), "start/"),
    ("I want to change career", "Ways in if you have done another job.",
     ("career-changer",), "start/"),
    ("I work in pharmacy support", "How to train for the next job up.",
     ("pharmacy-assistant", "dispensing-assistant"), "careers/"),
    ("I'm a registered pharmacy technician", "Senior and other jobs you can move up to.",
     ("pharmacy-technician",), "careers/"),
    ("I'm a teacher or careers leader", "Route cards to print, and a guide for schools.", (), "schools/"),
)


#: Jobs the home page shows with pay and training time (DESIGN.md contract ids), in career order.
_HOME_ROLES = ("pharmacy-assistant", "dispensing-assistant", "pharmacy-technician",
               "primary-care-pharmacy-technician", "aseptic-pharmacy-technician", "pharmacist")


def _home_roles(pathways: Pathways) -> list[dict[str, Any]]:
    G = pathways.graph
    kinds = headline_kinds(pathways, G)
    roles = []
    for role in (r for r in _HOME_ROLES if r in G):
        stage = pathways.stage(role)
        groups = origin_groups(G, role, "")
        roles.append({"title": stage.title, "url": stage_url(role, "role"), "summary": stage.summary,
                      "pay": pay_brief(pathways, stage), "training": training_words(groups, kinds)})
    return roles


def _question_words() -> str:
    """The phrases the home question's script shows around each answer, worded here so that the browser only looks
    them up; each route's own words (its time, whether you earn) come with the answer from ``routes.answer_dict``."""
    words = {
        "fastest": "Fastest route:",
        "more": "{n} more route(s) in the route finder.",
        "none": "There is no route between these on this site. Try another starting point or job.",
        "same": "You are already there. Choose a different job to get to.",
        "finder": "See every route, with options, in the route finder",
        "page": "More about this job: {title}",
    }
    return json.dumps(words, ensure_ascii=False)


def home_page(pathways: Pathways) -> dict[str, str]:
    """The home page: where you are now, a from/to question answered on the spot, and jobs with pay and time."""
    G = pathways.graph
    entries = []
    for title, summary, candidates, fallback in _AUDIENCES:
        found = next((c for c in candidates if c in G), None)
        url = stage_url(found, G.nodes[found]["kind"]) if found else fallback
        entries.append({"title": title, "summary": summary, "url": url})
    origins = sorted((n for n in G if G.nodes[n]["kind"] in ("start", "role")),
                     key=lambda n: (G.nodes[n]["kind"] != "start", str(G.nodes[n]["title"]).casefold()))
    goals = sorted((n for n in G if G.nodes[n]["kind"] == "role"), key=lambda n: str(G.nodes[n]["title"]).casefold())
    options = {n: str(G.nodes[n]["title"]) for n in G}
    small = career_map(G, prefix="../")
    return {"index.md": render("home.md.j2", entries=entries, map_width=small.width // 3,
                               map_height=small.height // 3, origins=origins, goals=goals, options=options,
                               words=_question_words(), roles=_home_roles(pathways),
                               default_from="school-leaver" if "school-leaver" in G else None,
                               default_to="pharmacy-technician" if "pharmacy-technician" in G else None)}


def map_page(pathways: Pathways) -> dict[str, str]:
    """The career map page (SVG plus its text alternative) and the map as a standalone SVG file."""
    G = pathways.graph
    svg = career_map(G, prefix="../")
    by_column: dict[int, list[dict[str, Any]]] = {}
    columns = career_columns(G)
    for node in svg.nodes:
        by_column.setdefault(columns[node.id], []).append({
            "url": node.url, "title": G.nodes[node.id]["title"], "kind_label": node.kind_label,
            "onward": onward_links(G, node.id, "../")})
    headings = column_headings(G)
    listed = [{"heading": headings[c], "stages": by_column[c]} for c in sorted(by_column)]
    printed = career_map_print(G, prefix="../")
    page = render("map.md.j2", svg=svg, printed=printed, columns=listed)
    standalone = '<?xml version="1.0" encoding="UTF-8"?>\n' + str(svg.svg(links=True))
    return {"map/index.md": page, "map/career-map.svg": standalone, "map/career-map-poster.svg": _poster(G)}


def _poster(G: nx.DiGraph) -> str:
    """The printed map as a file for a poster: A3 landscape, with a title and where to read more; its boxes link
    to the site when its address is known."""
    site = configured_site_url()
    printed = career_map_print(G, prefix=site or "../", map_id="career-map-poster")
    drawing = printed.svg(links=bool(site))
    margin, top = 24, 80
    # A3's shape (420 by 297): wide enough for the drawing, and tall enough.
    width = max(printed.width + 2 * margin, round((printed.height + top + margin) * 420 / 297))
    height = max(printed.height + top + margin, round(width * 297 / 420))
    where = site or "search the web for Pharmacy careers pathways"
    return render("map_poster.svg.j2", map=printed, drawing=drawing, margin=margin, top=top, width=width,
                  height=height, where=where)
