"""The route finder: its page, its precomputed answers and everything its Python engine needs in the browser.

``finder_files`` returns site-relative paths mapped to Markdown or text, bytes, or a ``Path`` to copy:

- ``finder/index.md``: the page, from ``templates/finder.md.j2``. Without JavaScript it shows only links to the
  career pages (each lists the routes into it); the form shows only where the page script (``finder.js``) will
  run. Its page template, ``docs/overrides/finder.html``, defers Material's scripts and says so before the
  first paint.
- ``finder/routes.json``: ``routes.answer_dict`` for every starting point or role to every role (the routes,
  grouped, with the words the page shows), the qualifications, the limits and the date the data was checked:
  plain questions are answered from it without the engine. On a very big graph it holds only the origins each
  career page lists (``routes.plain_answers_into``), and ``partial`` says so.
- ``finder/graph.json``: the graph as node-link JSON (with the qualifications in its graph attributes), which
  the engine in the browser reads.
- ``assets/finder/<hash>/``: the page's ES modules, the worker, the styles, ``engine.zip`` (the ``routes`` package, only
  what it imports, and the small Python side of the worker) and, when Node is at hand, ``engine-lib-<hash>.zip``:
  only the Python files the engine imports (Pyodide's start-up, the standard library, networkx, the route code),
  compiled, which the worker gives Pyodide as its standard library, so it downloads about 0.8 MB (gzip) instead
  of the 2.5 MB standard library, the 2 MB networkx wheel and engine.zip, and Python compiles nothing as it
  starts. (A memory snapshot, which spares Python's start-up, was 7.5 MB with gzip on its own: more than the
  whole 5 MB budget of a situation question.)
- ``assets/pyodide/<version>/`` and ``assets/wheels/``: the Pyodide runtime from ``node_modules/pyodide`` and
  the networkx wheel downloaded by ``make wheels``. Versioned paths, so a host can cache them for a year.

The engine is fetched only when a visitor asks something about their situation.
"""

from __future__ import annotations

import ast
import hashlib
import io
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from collections.abc import Collection, Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

import networkx as nx

from .. import routes as routes_module
from ..export import graph_json
from ..graph import Pathways
from ..routes import MAX_HOURS_A_WEEK, MAX_MONTHS, MAX_ORIGINS, ROUTE_LIMIT, plain_answers_into
from .precompress import compressed
from .render import long_date, render, setting_label

__all__ = ["PYODIDE_FILES", "SETTINGS", "engine_bundle", "engine_library", "finder_files", "static_answers"]

#: The Pyodide files a module worker needs to start CPython with the standard library.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
#: Settings a visitor can ask to avoid, with the words every page uses for them.
SETTINGS = {setting: setting_label(setting)
            for setting in ("hospital", "community-pharmacy", "general-practice", "aseptic-unit")}
_WEB = Path(__file__).resolve().parents[1] / "web"
_WEB_FILES = ("finder.js", "url_state.mjs", "engine_client.mjs", "loading.mjs", "render.mjs", "worker.mjs",
              "finder.css")
_ZIP_DATE = (2020, 1, 1, 0, 0, 0)


def _project_root() -> Path:
    """The checkout holding node_modules/ and build/: the source tree's, else the working folder."""
    source_root = Path(__file__).resolve().parents[3]
    return source_root if (source_root / "node_modules").is_dir() else Path.cwd()


def pyodide_dir(root: Path | None = None) -> Path:
    """node_modules/pyodide, installed by ``npm ci``."""
    folder = (root or _project_root()) / "node_modules" / "pyodide"
    if not (folder / "package.json").is_file():
        raise FileNotFoundError(f"Pyodide is not installed at {folder}: run `npm ci` (or `make install`)")
    return folder


def pyodide_version(root: Path | None = None) -> str:
    """The installed Pyodide version, such as ``314.0.7``."""
    return str(json.loads((pyodide_dir(root) / "package.json").read_text(encoding="utf-8"))["version"])


def networkx_wheel(root: Path | None = None) -> Path:
    """build/wheels/networkx-<the installed version>-py3-none-any.whl, downloaded by ``make wheels``."""
    name = f"networkx-{metadata.version('networkx')}-py3-none-any.whl"
    wheel = (root or _project_root()) / "build" / "wheels" / name
    if not wheel.is_file():
        raise FileNotFoundError(f"{wheel} is missing: run `make wheels` to download it")
    return wheel


def _third_party_imports(source: str, siblings: Collection[str] = ()) -> set[str]:
    """Top-level names ``source`` imports outside the standard library; "." for a relative import of anything but
    one of ``siblings`` (modules shipped beside it in the same package)."""
    tree = ast.parse(source)
    names = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
             for alias in node.names}
    names |= {node.module.split(".")[0] for node in ast.walk(tree)
              if isinstance(node, ast.ImportFrom) and node.module and not node.level}
    if any(isinstance(node, ast.ImportFrom) and node.level and (node.level > 1 or node.module not in siblings)
           for node in ast.walk(tree)):
        names.add(".")
    return names - set(sys.stdlib_module_names) - {"__future__"}


def _zip(files: dict[str, bytes]) -> bytes:
    """A zip of ``files`` that is byte-for-byte the same on every build."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return out.getvalue()


def engine_bundle() -> bytes:
    """engine.zip: the ``pathfinder/routes/`` package as it is, an empty package file and the worker's Python side.

    Fails the build if any module of the package comes to import anything but the standard library and networkx.
    """
    package = Path(str(routes_module.__file__)).parent
    files = {"pathfinder/__init__.py": b'"""The route code, packed for the finder. Generated: do not edit."""\n',
             "finder_engine.py": (_WEB / "finder_engine.py").read_bytes()}
    modules = sorted(package.glob("*.py"))
    for module in modules:
        source = module.read_bytes()
        extra = _third_party_imports(source.decode("utf-8"), {m.stem for m in modules}) - {"networkx"}
        if extra:
            raise RuntimeError(f"routes/{module.name} must import only the standard library and networkx, "
                               f"not {sorted(extra)}")
        files[f"pathfinder/routes/{module.name}"] = source
    return _zip(files)


def _node() -> str | None:
    return shutil.which("node")


def _trace_questions(G: nx.DiGraph) -> list[dict[str, Any]]:
    """Questions that take the engine down each of its paths (routes, dead ends with hints, reach, situations,
    an unknown stage), so that the trace in ``web/trim.mjs`` sees every module an answer imports."""
    base: dict[str, Any] = {"earn": False, "max": None, "avoid": [], "have": None, "hours": None, "within": None}
    asked = [q for q, d in (G.graph.get("qualifications") or {}).items() if d.get("ask", True)]
    questions: list[dict[str, Any]] = [{**base, "from": "<unknown>", "to": "<unknown>"}]
    for start in _origins(G):
        questions.append({**base, "from": start, "to": None, "have": []})
        questions.append({**base, "from": start, "to": None, "earn": True, "within": 30, "hours": 20,
                          "have": asked[:1]})
    starts = [n for n, kind in G.nodes(data="kind") if kind == "start"]
    for start in starts:
        for goal in _roles(G):
            questions.append({**base, "from": start, "to": goal, "have": []})
            questions.append({**base, "from": start, "to": goal, "max": 12, "avoid": ["hospital"], "hours": 10})
    return questions


def engine_library(bundle: bytes, wheel: Path, G: nx.DiGraph, root: Path | None = None) -> Path | None:
    """engine-lib.zip: only the Python files the engine reads (Pyodide's start-up, the standard library modules
    and the parts of networkx the route code imports, and the route code), compiled, made with Node by
    ``web/trim.mjs``, which also checks that it answers as the whole library does. The worker hands it to
    Pyodide as its standard library, so nothing else is fetched; a module it lacks fetches the full files.

    Kept in build/engine-lib/ under a hash of the code that decides its contents (not of the graph, so a data
    change does not redo it). None when Node is missing or the check fails: the worker then loads Pyodide's
    full standard library and the networkx wheel.
    """
    root = root or _project_root()
    pyodide = pyodide_dir(root)
    script = _WEB / "trim.mjs"
    key = _digest([bundle, wheel.read_bytes(), script.read_bytes(), pyodide_version(root).encode(),
                   (pyodide / "python_stdlib.zip").read_bytes()])
    out = root / "build" / "engine-lib" / f"engine-lib-{key}.zip"
    if out.is_file():
        return out
    node = _node()
    if node is None:
        return None
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        inputs = Path(scratch)
        (inputs / "engine.zip").write_bytes(bundle)
        (inputs / "graph.json").write_text(json.dumps(graph_json(G)), encoding="utf-8")
        (inputs / "questions.json").write_text(json.dumps(_trace_questions(G)), encoding="utf-8")
        partial = inputs / "engine-lib.zip"
        done = subprocess.run([node, str(script), str(pyodide), str(wheel), str(inputs / "engine.zip"),
                               str(inputs / "graph.json"), str(inputs / "questions.json"), str(partial)],
                              capture_output=True, text=True, check=False, timeout=300)
        lines = done.stdout.strip().splitlines()
        report = json.loads(lines[-1]) if done.returncode == 0 and lines else {}
        if not report.get("ok") or not partial.is_file():
            print(f"pathfinder: no trimmed engine library (the finder will download more): {report} "
                  f"{done.stderr[-500:]}", file=sys.stderr)
            return None
        shutil.move(partial, out)
    return out


def _origins(G: nx.DiGraph) -> list[str]:
    return [str(n) for n, kind in G.nodes(data="kind") if kind in ("start", "role")]


def _roles(G: nx.DiGraph) -> list[str]:
    return [str(n) for n, kind in G.nodes(data="kind") if kind == "role"]


def static_answers(G: nx.DiGraph) -> dict[str, dict[str, dict[str, Any]]]:
    """The finder's answer (as ``routes.answer_dict`` gives it) into every role from the origins its page lists
    (``routes.plain_answers_into``: every starting point or role that reaches it, up to ``MAX_ORIGINS``), keyed by
    origin then role. Bounded so the build grows with the graph, not with its pairs."""
    answers: dict[str, dict[str, dict[str, Any]]] = {start: {} for start in _origins(G)}
    for goal in _roles(G):
        for start, answer in plain_answers_into(G, goal).items():  # the origins above that reach it
            answers[start][goal] = answer
    return answers


def _node_summary(data: dict[str, Any]) -> dict[str, Any]:
    """What the page needs of a stage to lay out an answer: every fact and word in it comes from Python."""
    return {"title": data["title"], "kind": data["kind"], "earn": data["earn_while_learning"], "url": data["url"]}


def _routes_json(pathways: Pathways) -> str:
    G = pathways.graph
    qualifications = G.graph.get("qualifications") or {}
    reviewed = [loaded.stage.reviewed for loaded in pathways.stages.values()]
    data = {
        "comment": "Generated by the site build from pathways/; do not edit. Answers as routes.answer_dict gives.",
        "nodes": {str(n): _node_summary(d) for n, d in G.nodes(data=True)},
        "next": {str(u): [{"to": str(v), "requires": d.get("requires") or [], "note": d.get("note")}
                          for _, v, d in G.out_edges(u, data=True)] for u in G},
        "settings": SETTINGS,
        "qualifications": {q: {"name": d["name"], "source": (d.get("course") or {}).get("source")}
                           for q, d in qualifications.items()},
        "asked": [q for q, d in qualifications.items() if d.get("ask", True)],
        # Ids no longer used, and the ids they now mean, so a shared address such as have=gcse-english-maths works.
        "old_ids": dict(G.graph.get("qualification_aliases") or {}),
        "limits": {"routes": ROUTE_LIMIT, "months": MAX_MONTHS, "hours": MAX_HOURS_A_WEEK},
        "checked": long_date(max(reviewed)) if reviewed else None,
        "routes": (answers := static_answers(G)),
        # True when a role may have more origins than MAX_ORIGINS, so a question may have no precomputed answer:
        # the page script then asks its engine rather than saying there is no route.
        "partial": max(Counter(goal for by_goal in answers.values() for goal in by_goal).values(),
                       default=0) >= MAX_ORIGINS,
    }
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def _digest(parts: Iterable[bytes]) -> str:
    sha = hashlib.sha256()
    for part in parts:
        sha.update(part)
    return sha.hexdigest()[:10]


def _choices(G: nx.DiGraph, ids: list[str]) -> list[dict[str, str]]:
    ordered = sorted(ids, key=lambda n: (G.nodes[n]["kind"] != "start", str(G.nodes[n]["title"]).casefold()))
    return [{"id": n, "title": str(G.nodes[n]["title"]), "url": str(G.nodes[n]["url"])} for n in ordered]


def _name_choices(G: nx.DiGraph, ids: list[str]) -> list[dict[str, str]]:
    """The other names (``also_called``) of the stages in ``ids``, as more choices that lead to the same ids: a
    dispenser types "Dispenser" and the list offers it, labelled with the title it stands for."""
    names = [{"id": n, "title": str(name), "label": str(G.nodes[n]["title"])}
             for n in ids for name in G.nodes[n].get("also_called") or ()]
    return sorted(names, key=lambda choice: choice["title"].casefold())


def _page(G: nx.DiGraph, assets: str, urls: dict[str, str]) -> str:
    qualifications = G.graph.get("qualifications") or {}
    download_mb = f"{int(urls.get('engine-download') or 0) / 1e6:.1f}"
    return render(
        "finder.md.j2", assets=assets, urls=urls, download_mb=download_mb, limit=ROUTE_LIMIT, max_months=MAX_MONTHS,
        max_hours=MAX_HOURS_A_WEEK, settings=SETTINGS,
        origins=_choices(G, _origins(G)) + _name_choices(G, _origins(G)),
        goals=_choices(G, _roles(G)) + _name_choices(G, _roles(G)),
        roles=sorted(_choices(G, _roles(G)), key=lambda r: r["title"].casefold()),
        qualifications=[{"id": q, "name": d["name"]} for q, d in qualifications.items() if d.get("ask", True)],
    )


def _lock_info(runtime: Path) -> str:
    """pyodide-lock.json without its packages: the ABI check Pyodide makes as it starts reads only ``info``."""
    lock = json.loads((runtime / "pyodide-lock.json").read_text(encoding="utf-8"))
    return json.dumps({"info": lock["info"], "packages": {}}, separators=(",", ":"))


def finder_files(pathways: Pathways) -> dict[str, str | bytes | Path]:
    """Site-relative path -> Markdown/text, bytes, or a Path to copy. Includes ``finder/index.md``."""
    G = pathways.graph
    wheel = networkx_wheel()
    version = pyodide_version()
    bundle = engine_bundle()
    web = {name: (_WEB / name).read_bytes() for name in _WEB_FILES}
    assets = f"assets/finder/{_digest([bundle, *web.values()])}"
    library = engine_library(bundle, wheel, G)
    graph = json.dumps(graph_json(G), separators=(",", ":"), ensure_ascii=False)
    # What the engine downloads: the runtime's two modules (imported, so not counted as they arrive), then the
    # files it fetches (counted, for the page's progress).
    runtime = pyodide_dir()
    imported = [(runtime / name).read_bytes() for name in ("pyodide.mjs", "pyodide.asm.mjs")] + [web["worker.mjs"]]
    fetched = [(runtime / "pyodide.asm.wasm").read_bytes()]
    fetched += [library.read_bytes()] if library else [(runtime / "python_stdlib.zip").read_bytes(),
                                                       wheel.read_bytes(), bundle]
    fetched.append(graph.encode())
    urls = {
        "routes": "routes.json",
        "graph": "graph.json",
        "worker": f"../{assets}/worker.mjs",
        "engine": f"../{assets}/engine.zip",
        "pyodide": f"../assets/pyodide/{version}/",
        "wheel": f"../assets/wheels/{wheel.name}",
        "library": f"../{assets}/{library.name}" if library else "",
        "map": "../map/career-map.svg",
        # What Pyodide reads of its lock file (the engine installs no package), so the worker need not fetch it.
        "lock": _lock_info(runtime),
        # For the page's progress: the bytes the worker fetches, and all it downloads with gzip.
        "engine-bytes": str(sum(len(data) for data in fetched)),
        "engine-download": str(sum(len(compressed(data, "gz")) for data in imported + fetched)),
    }
    files: dict[str, str | bytes | Path] = {
        "finder/index.md": _page(G, assets, urls),
        "finder/routes.json": _routes_json(pathways),
        "finder/graph.json": graph,
        f"{assets}/engine.zip": bundle,
        f"assets/wheels/{wheel.name}": wheel,
    }
    files.update({f"{assets}/{name}": content for name, content in web.items()})
    if library is not None:
        files[f"{assets}/{library.name}"] = library
    files.update({f"assets/pyodide/{version}/{name}": pyodide_dir() / name for name in PYODIDE_FILES})
    return files
