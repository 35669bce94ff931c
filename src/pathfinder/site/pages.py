"""Pages for each stage (careers, training, starting points), the section indexes, the home page and the map."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx

from ..graph import Pathways, stage_url
from ..routes import routes_into, what_next
from ..schema import Stage
from .map_svg import career_columns, career_map, column_headings, neighbourhood_map
from .render import render, setting_label
from .route_view import RouteView, nearest_goals, route_views, routes_between

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


@dataclass(frozen=True)
class OriginRoutes:
    """The routes into a stage from one origin."""

    id: str
    title: str
    routes: list[RouteView]


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


def _origin_order(G: nx.DiGraph, origin: str) -> tuple[int, str]:
    return (0 if G.nodes[origin]["kind"] == "start" else 1, str(G.nodes[origin]["title"]))


#: As many routes as the finder shows for the same question, so every route it can show is on a page too.
ROUTES_SHOWN = 5
#: Routes shown open; the rest sit in a "more routes" disclosure that works without JavaScript.
ROUTES_OPEN = 2


def routes_in(G: nx.DiGraph, stage_id: str, prefix: str) -> list[OriginRoutes]:
    """Routes into a stage from every starting point, then from every job, fastest first within each."""
    found = routes_into(G, stage_id, limit=ROUTES_SHOWN)
    return [OriginRoutes(origin, str(G.nodes[origin]["title"]), route_views(G, found[origin], prefix))
            for origin in sorted(found, key=lambda o: _origin_order(G, o))]


def _role_context(G: nx.DiGraph, stage: Stage) -> dict[str, Any]:
    origins = routes_in(G, stage.id, STAGE_PREFIX)
    starts = [o.id for o in origins if G.nodes[o.id]["kind"] == "start"]
    return {"origins": origins, "routes_open": ROUTES_OPEN,
            "plan_from": starts[0] if starts else (origins[0].id if origins else None)}


def _training_context(G: nx.DiGraph, stage: Stage, today: date) -> dict[str, Any]:
    who_for = [_link(G, u, STAGE_PREFIX, d.get("requires"), d.get("note"))
               for u, _, d in G.in_edges(stage.id, data=True)]
    funding = [{"summary": f.summary, "year": f.year, "valid_until": f.valid_until,
                "closed": f.closed or (f.valid_until is not None and f.valid_until < today)} for f in stage.funding]
    return {"who_for": sorted(who_for, key=lambda link: link.title), "funding": funding}


def _goal_groups(G: nx.DiGraph, start: str) -> list[dict[str, Any]]:
    """Routes from a starting point to every job it reaches, grouped by the settings of each job."""
    goals: dict[str, dict[str, Any]] = {}
    for goal in sorted(nearest_goals(G, start), key=lambda n: str(G.nodes[n]["title"])):
        if G.nodes[goal]["kind"] == "role":
            found = routes_between(G, start, goal, STAGE_PREFIX, limit=2)
            if found:
                goals[goal] = {"title": G.nodes[goal]["title"], "url": found[0].goal.url, "routes": found}
    groups: dict[str, list[dict[str, Any]]] = {}
    for goal, view in goals.items():
        for setting in G.nodes[goal].get("settings") or ["other"]:
            groups.setdefault(setting, []).append(view)
    order = sorted(groups, key=lambda s: (s == "other", setting_label(s)))
    return [{"title": "Other jobs" if s == "other" else f"Jobs in: {setting_label(s)}", "goals": groups[s]}
            for s in order]


def stage_page(pathways: Pathways, stage: Stage, today: date) -> str:
    """The Markdown page of one stage."""
    G = pathways.graph
    context: dict[str, Any] = {"stage": stage, "prefix": STAGE_PREFIX,
                               "onward": onward_links(G, stage.id, STAGE_PREFIX),
                               "neighbourhood": neighbourhood_map(G, stage.id, STAGE_PREFIX)}
    if stage.kind == "role":
        context.update(_role_context(G, stage))
    elif stage.kind == "training":
        context.update(_training_context(G, stage, today))
    else:
        context["groups"] = _goal_groups(G, stage.id)
    return render(_KIND_PAGES[stage.kind], **context)


def stage_pages(pathways: Pathways, today: date) -> dict[str, str]:
    """One page per stage, at the address DESIGN.md fixes for its kind."""
    return {source_path(s.id, s.kind): stage_page(pathways, s, today)
            for s in (loaded.stage for loaded in pathways.stages.values())}


_SECTIONS = {
    "start": ("start/index.md", "Where to start",
              "Choose the description that fits you best to see every route open to you from there."),
    "role": ("careers/index.md", "Careers",
             "Jobs in pharmacy support and as a pharmacy technician, from your first job to senior roles."),
    "training": ("training/index.md", "Training and qualifications",
                 "Courses and apprenticeships that lead to pharmacy jobs, with how long they take and who pays."),
}


def _index_detail(G: nx.DiGraph, stage_id: str) -> str | None:
    data = G.nodes[stage_id]
    if data["kind"] == "training":
        months = int(data["months"])
        paid = "earn while you learn" if data.get("earn_while_learning") else "usually unpaid"
        return f"usually {months} months, {paid}" if months else paid
    bands = data.get("pay_bands") or []
    if bands:
        return f"band {bands[0]}" if len(bands) == 1 else f"bands {bands[0]} to {bands[-1]}"
    return None


def index_pages(pathways: Pathways) -> dict[str, str]:
    """The list page of each kind of stage, in career order; jobs grouped by career stage as on the map."""
    G = pathways.graph
    columns = career_columns(G)
    headings = column_headings(G)
    pages = {}
    for kind, (path, heading, intro) in _SECTIONS.items():
        members = sorted((n for n in G if G.nodes[n]["kind"] == kind),
                         key=lambda n: (columns[n], str(G.nodes[n]["title"])))
        groups: dict[str, list[dict[str, Any]]] = {}
        for n in members:
            group = headings[columns[n]] if kind == "role" else ""
            groups.setdefault(group, []).append({
                "url": "../" + stage_url(n, kind), "title": G.nodes[n]["title"], "summary": G.nodes[n]["summary"],
                "detail": _index_detail(G, n)})
        pages[path] = render("section_index.md.j2", heading=heading, intro=intro,
                             groups=[{"heading": h, "items": items} for h, items in groups.items()])
    return pages


#: Who the home page speaks to: (link text, what it offers, candidate stage ids in order, fallback page).
_AUDIENCES = (
    ("I'm at school or college", "Jobs and training you can start after school or college.",
     ("school-leaver",), "start/"),
    ("I want to change career", "Ways into pharmacy if you have worked in another job.",
     ("career-changer",), "start/"),
    ("I work in pharmacy support", "How assistants and support workers train as pharmacy technicians.",
     ("pharmacy-assistant", "dispensing-assistant"), "careers/"),
    ("I'm a registered pharmacy technician", "Specialist, senior and other jobs you can move on to.",
     ("pharmacy-technician",), "careers/"),
    ("I'm a teacher or careers leader", "Printable route cards and an overview for schools.", (), "schools/"),
)


def home_page(pathways: Pathways) -> dict[str, str]:
    """The home page: who each entry point is for and where it leads, and the map in small."""
    G = pathways.graph
    entries = []
    for title, summary, candidates, fallback in _AUDIENCES:
        found = next((c for c in candidates if c in G), None)
        url = stage_url(found, G.nodes[found]["kind"]) if found else fallback
        entries.append({"title": title, "summary": summary, "url": url})
    small = career_map(G, prefix="../")
    return {"index.md": render("home.md.j2", entries=entries, map_width=small.width // 3,
                               map_height=small.height // 3)}


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
    page = render("map.md.j2", svg=svg, columns=listed)
    standalone = '<?xml version="1.0" encoding="UTF-8"?>\n' + str(svg.svg())
    return {"map/index.md": page, "map/career-map.svg": standalone}
