"""The finder's Python side, run inside Pyodide by worker.mjs (and by the tests in a plain interpreter).

It answers route questions with the project's own ``pathfinder.routes``, unchanged. To start quickly it
imports only the parts of networkx that route code uses, reading them from the networkx wheel's own files:
the top of ``networkx/__init__.py`` (exceptions, utils, graph classes) and the algorithm modules listed in
``_SUBMODULES``. Anything else asked of ``networkx`` completes the full import first, so a route can never
differ from the command line's; ``full_import_used()`` says whether that happened.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import json
import os
import sys
from types import ModuleType
from typing import Any

__all__ = ["answer", "fallback_misses", "full_import_used", "install_fallback", "load_graph", "prepare"]

#: Packages set up without running their ``__init__`` (which would import every algorithm), parent first.
_STUB_PACKAGES = (
    "networkx.algorithms",
    "networkx.algorithms.shortest_paths",
    "networkx.algorithms.traversal",
    "networkx.readwrite",
    "networkx.readwrite.json_graph",
)
#: The modules route code and the graph loader need; their public names go on ``networkx``.
_SUBMODULES = (
    "networkx.algorithms.shortest_paths.weighted",
    "networkx.algorithms.simple_paths",
    "networkx.algorithms.traversal.breadth_first_search",
    "networkx.algorithms.dag",
    "networkx.readwrite.json_graph.node_link",
)
#: ``networkx/__init__.py`` is run up to this line; the rest imports generators, drawing, linalg and more.
_CUT = "from networkx import generators\n"

_state: dict[str, Any] = {"graph": None, "full": False, "stubs": []}
#: The fallback for a module the trimmed library left out (see ``install_fallback``).
_elsewhere: dict[str, Any] = {"urls": None, "misses": [], "widened": False}


def _spec(name: str) -> importlib.machinery.ModuleSpec:
    """Where ``name`` is, without running it (its parent package must already be in ``sys.modules``)."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot find {name}")
    return spec


def _spec_of(module: ModuleType) -> importlib.machinery.ModuleSpec:
    if module.__spec__ is None:
        raise ImportError(f"{module.__name__} has no spec")
    return module.__spec__


def _source(spec: importlib.machinery.ModuleSpec) -> str:
    """The source of a module, whether it lies in a folder or in a wheel on ``sys.path``."""
    get_source = getattr(spec.loader, "get_source", None)
    source = get_source(spec.name) if get_source else None
    if source is None:
        raise ImportError(f"no source for {spec.name}")
    return str(source)


def _complete_import() -> None:
    """Run every skipped ``__init__`` (deepest first, so each sees its children whole), then the rest of
    ``networkx/__init__.py``."""
    if _state["full"]:
        return
    _state["full"] = True
    for package, stub_spec in sorted(_state["stubs"], key=lambda pair: -pair[0].__name__.count(".")):
        stub_spec.loader.exec_module(package)
    nx = sys.modules["networkx"]
    spec = _spec_of(nx)
    exec(compile(_source(spec), spec.origin or "networkx", "exec"), nx.__dict__)


def _fallback(module_name: str) -> Any:
    """A module ``__getattr__``: a name the light import left out completes the import, then looks again."""

    def __getattr__(name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        _complete_import()
        namespace = sys.modules[module_name].__dict__
        if name in namespace:
            return namespace[name]
        raise AttributeError(f"module {module_name!r} has no attribute {name!r}")

    return __getattr__


def _stub(name: str) -> ModuleType:
    spec = _spec(name)
    module = importlib.util.module_from_spec(spec)
    setattr(module, "__getattr__", _fallback(name))  # noqa: B010 - a module-level __getattr__ (PEP 562)
    sys.modules[name] = module
    parent, _, child = name.rpartition(".")
    setattr(sys.modules[parent], child, module)
    _state["stubs"].append((module, spec))
    return module


def _import_networkx_light() -> None:
    """Import the networkx core and the route algorithms only; see the module docstring."""
    spec = _spec("networkx")
    source = _source(spec)
    if _CUT not in source:  # a networkx this code was not written for: import it all, the slow safe way
        importlib.import_module("networkx")
        return
    nx = importlib.util.module_from_spec(spec)
    sys.modules["networkx"] = nx
    try:
        exec(compile(source[: source.index(_CUT)], spec.origin or "networkx", "exec"), nx.__dict__)
        for name in _STUB_PACKAGES:
            _stub(name)
        for name in _SUBMODULES:
            module = importlib.import_module(name)
            for public in getattr(module, "__all__", ()):
                setattr(nx, public, getattr(module, public))
    except Exception:
        for name in [m for m in sys.modules if m == "networkx" or m.startswith("networkx.")]:
            del sys.modules[name]
        _state["stubs"].clear()
        importlib.import_module("networkx")
        return
    setattr(nx, "__getattr__", _fallback("networkx"))  # noqa: B010 - a module-level __getattr__ (PEP 562)


def _fetch(url: str) -> bytes:
    """The bytes at ``url``, synchronously (a worker may block; an import cannot wait for a promise)."""
    from js import XMLHttpRequest  # type: ignore[import-not-found]  # Pyodide's bridge to the browser

    request = XMLHttpRequest.new()
    request.open("GET", url, False)
    request.responseType = "arraybuffer"
    request.send(None)
    if request.status != 200:
        raise ImportError(f"{url} answered {request.status}")
    return bytes(request.response.to_bytes())


def _widen(library: str) -> None:
    """Fetch the whole standard library and networkx wheel, and let every package look in them too."""
    _elsewhere["widened"] = True
    roots = []
    for index, url in enumerate(_elsewhere["urls"]):
        root = f"/finder/full-{index}.zip"
        with open(root, "wb") as out:
            out.write(_fetch(url))
        roots.append(root)
        sys.path.append(root)
    for module in list(sys.modules.values()):
        paths = getattr(module, "__path__", None)
        if isinstance(paths, list):
            for entry in list(paths):
                if isinstance(entry, str) and entry.startswith(library + "/"):
                    paths.extend(f"{root}/{entry[len(library) + 1:]}" for root in roots)
    importlib.invalidate_caches()


class _Elsewhere:
    """Last on ``sys.meta_path``: a module of the standard library or networkx that the trimmed library left
    out (the build lists them in ``_elsewhere.json``) fetches the full files once, then is imported from them,
    so an answer never differs from the command line's. Other missing modules stay missing."""

    def __init__(self, library: str, names: set[str]) -> None:
        self.library = library
        self.names = names

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if name not in self.names:
            return None
        _elsewhere["misses"].append(name)
        if not _elsewhere["urls"]:
            return None
        if not _elsewhere["widened"]:
            os.makedirs("/finder", exist_ok=True)
            _widen(self.library)
        return importlib.machinery.PathFinder.find_spec(name, path)


def install_fallback(urls: list[str] | None) -> None:
    """Where the engine runs from the build's trimmed library (``web/trim.mjs``): fetch the full standard
    library and wheel from ``urls`` if a module outside it is ever imported (``None``: only record it)."""
    loader = globals().get("__loader__")
    library = getattr(loader, "archive", None)
    if loader is None or not library or any(isinstance(f, _Elsewhere) for f in sys.meta_path):
        return
    try:
        names = set(json.loads(loader.get_data(f"{library}/_elsewhere.json")))
    except OSError:  # not the trimmed library: everything is there already
        return
    _elsewhere["urls"] = urls
    sys.meta_path.append(_Elsewhere(library, names))


def fallback_misses() -> list[str]:
    """The modules the trimmed library lacked, in the order they were asked for."""
    return list(_elsewhere["misses"])


def full_import_used() -> bool:
    """Whether anything needed the rest of networkx (the light import fell short)."""
    return bool(_state["full"])


def prepare() -> None:
    """Import everything an answer needs (the build's trace in ``web/trim.mjs`` records what this imports)."""
    if "networkx" not in sys.modules:
        _import_networkx_light()
    importlib.import_module("pathfinder.routes")


def load_graph(graph_json: str) -> None:
    """Read the node-link graph the site build wrote (``graph.json``)."""
    prepare()
    import networkx as nx

    _state["graph"] = nx.node_link_graph(json.loads(graph_json), edges="edges")


def _ids(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def answer(question_json: str) -> str:
    """Answer ``{"from", "to", "earn", "max", "avoid", "have", "hours", "within"}`` from ``pathfinder.routes``.

    With ``to``: ``{"from", "to", "routes"}`` (``pathfinder route --json`` with the finder's words and groups),
    or ``{"error": "no-route", "message", "relax", "closed"}``. Without ``to``: ``{"from", "within", "reach"}``
    as ``pathfinder reach --json``. ``{"error": "unknown-stage", "message"}`` for an id not in the graph. A ``have``
    id nobody knows is left out and the answer says so in ``unknown_have`` (``{"ids", "text"}``).
    """
    from pathfinder.routes import (
        NoRoute,
        Situation,
        UnknownStage,
        answer_dict,
        reach_dict,
        read_have,
        unknown_have_words,
    )

    G = _state["graph"]
    question = json.loads(question_json)
    have, unknown = (read_have(G, _ids(question["have"])) if isinstance(question.get("have"), list)
                     else (None, []))
    goal = question.get("to")
    limit = question.get("within") if not goal else question.get("max")
    hours = question.get("hours")
    situation = Situation(have=have, hours=int(hours) if hours is not None else None,
                          earn_while_learning=bool(question.get("earn")),
                          avoid_settings=frozenset(_ids(question.get("avoid"))),
                          max_months=int(limit) if limit is not None else None)
    start = str(question.get("from", ""))
    try:
        found = reach_dict(G, start, situation) if not goal else answer_dict(G, start, str(goal), situation)
    except UnknownStage as error:
        return json.dumps({"error": "unknown-stage", "message": str(error)})
    except NoRoute as error:  # answer_dict turns this into a dead end with hints; kept for safety
        return json.dumps({"error": "no-route", "message": str(error)})
    if unknown:  # said plainly rather than treated as "none" without a word
        found["unknown_have"] = {"ids": unknown, "text": unknown_have_words(G, unknown)}
    return json.dumps(found)
