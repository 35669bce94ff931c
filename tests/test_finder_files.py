"""The route finder's build output: static answers equal the routes package for every pair, and the files it adds."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import networkx as nx
import pytest

from pathfinder.graph import Pathways, load_pathways
from pathfinder.routes import NoRoute, routes
from pathfinder.site import finder
from pathfinder.site.finder import PYODIDE_FILES, finder_files, static_answers

ROOT = Path(__file__).resolve().parents[1]
DATA_DIRS = [Path(__file__).parent / "data" / "valid", ROOT / "pathways"]


def _usable(folder: Path) -> Pathways | None:
    if not any(folder.rglob("*.yaml")):
        return None
    pathways = load_pathways(folder)
    return None if pathways.problems else pathways


@pytest.fixture(params=DATA_DIRS, ids=lambda p: p.name)
def pathways(request: pytest.FixtureRequest) -> Pathways:
    loaded = _usable(request.param)
    if loaded is None:
        pytest.skip(f"no usable stages in {request.param}")
    return loaded


@pytest.fixture
def files(pathways: Pathways) -> dict[str, str | bytes | Path]:
    return finder_files(pathways)


def _kinds(G: nx.DiGraph, *kinds: str) -> list[str]:
    return [n for n, kind in G.nodes(data="kind") if kind in kinds]


def test_static_answers_equal_routes_py_for_every_pair(pathways: Pathways) -> None:
    G = pathways.graph
    answers = static_answers(G)
    assert set(answers) == set(_kinds(G, "start", "role"))
    for start in _kinds(G, "start", "role"):
        for goal in _kinds(G, "role"):
            try:
                expected = [r.as_dict(G) for r in routes(G, start, goal)]
            except NoRoute:
                expected = []
            answer = answers[start].get(goal)
            assert (answer["routes"] if answer else []) == expected, (start, goal)
            if answer:  # every route is in exactly one group
                grouped = sorted(len(g["choices"]["stages"]) if g["choices"] else 1 for g in answer["groups"])
                assert sum(grouped) == len(expected)


def test_routes_json_is_the_static_answers_with_what_the_page_shows(
        pathways: Pathways, files: dict[str, str | bytes | Path]) -> None:
    data = json.loads(str(files["finder/routes.json"]))
    assert data["routes"] == json.loads(json.dumps(static_answers(pathways.graph)))
    assert set(data["nodes"]) == set(pathways.graph)
    assert set(data["settings"]) == {"hospital", "community-pharmacy", "general-practice", "aseptic-unit"}
    for stage, links in data["next"].items():
        assert [link["to"] for link in links] == list(pathways.graph.successors(stage))


def test_graph_json_reads_back_as_the_same_graph(pathways: Pathways, files: dict[str, str | bytes | Path]) -> None:
    G = nx.node_link_graph(json.loads(str(files["finder/graph.json"])), edges="edges")
    assert nx.utils.graphs_equal(G, pathways.graph)


def test_engine_bundle_is_the_routes_package_and_the_worker_side_only(files: dict[str, str | bytes | Path]) -> None:
    (name,) = [path for path in files if path.endswith("/engine.zip")]
    archive = zipfile.ZipFile(io.BytesIO(bytes(files[name])))  # type: ignore[arg-type]
    package = sorted((ROOT / "src" / "pathfinder" / "routes").glob("*.py"))
    assert {"__init__.py", "search.py", "planning.py"} <= {module.name for module in package}
    assert sorted(archive.namelist()) == sorted(["finder_engine.py", "pathfinder/__init__.py",
                                                 *(f"pathfinder/routes/{module.name}" for module in package)])
    for module in package:
        assert archive.read(f"pathfinder/routes/{module.name}") == module.read_bytes()


def test_engine_bundle_is_the_same_on_every_build() -> None:
    assert finder.engine_bundle() == finder.engine_bundle()


def test_third_party_imports_are_found() -> None:
    assert finder._third_party_imports("import json\nimport networkx as nx\nfrom yaml import safe_load\n") == {
        "networkx", "yaml"}
    assert finder._third_party_imports("from .graph import Pathways\n") == {"."}
    assert finder._third_party_imports("from .search import routes\n", {"search"}) == set()
    assert finder._third_party_imports("from ..graph import Pathways\n", {"graph"}) == {"."}


def test_runtime_files_are_copied_under_versioned_paths(files: dict[str, str | bytes | Path]) -> None:
    version = finder.pyodide_version()
    for name in PYODIDE_FILES:
        source = files[f"assets/pyodide/{version}/{name}"]
        assert isinstance(source, Path) and source.is_file()
    wheels = [path for path in files if path.startswith("assets/wheels/")]
    assert wheels == [f"assets/wheels/networkx-{nx.__version__}-py3-none-any.whl"]
    assert isinstance(files[wheels[0]], Path)


def test_page_shows_its_form_only_where_the_script_runs_and_links_to_every_role(
        pathways: Pathways, files: dict[str, str | bytes | Path]) -> None:
    page = str(files["finder/index.md"])
    # Its template marks browsers that will run the script, and finder.css shows the form only there (the
    # browser tests check both ways); the script tag undoes the mark when the script cannot load.
    assert re.search(r"^template: finder\.html$", page, re.MULTILINE), "without JavaScript no form is shown"
    assert re.search(r"^finder_styles: \.\./assets/finder/\w+/finder\.css$", page, re.MULTILINE)
    assert "onerror=\"document.documentElement.classList.remove('pf-scripted')\"" in page
    for field in ('name="from"', 'name="to"', 'name="earn"', 'name="max"', 'name="avoid"', 'name="hours"',
                  'name="within"'):
        assert field in page
    asked = [q for q, d in (pathways.graph.graph.get("qualifications") or {}).items() if d.get("ask", True)]
    assert all(f'name="have" value="{q}"' in page for q in asked)
    fallback = page[page.index('id="pf-nojs"'): page.index("</ul></div>")]
    for role in _kinds(pathways.graph, "role"):
        assert f'href="../careers/{role}/"' in fallback
    assert 'aria-live="polite"' in page
    assert "http://" not in page and "https://" not in page


def test_page_escapes_titles() -> None:
    G = nx.DiGraph()
    G.add_node("a", kind="role", title='<script>alert("x")</script>', url="careers/a/")
    page = finder._page(G, "assets/finder/x", {"routes": "routes.json"})
    assert "<script>alert" not in page and "&lt;script&gt;" in page


def test_missing_wheel_says_how_to_get_it(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="make wheels"):
        finder.networkx_wheel(tmp_path)


def test_without_node_there_is_no_trimmed_library_and_the_build_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, valid_dir: Path) -> None:
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    monkeypatch.setattr(finder, "_node", lambda: None)
    G = load_pathways(valid_dir).graph
    assert finder.engine_library(finder.engine_bundle(), finder.networkx_wheel(), G, tmp_path) is None


def test_the_trimmed_library_holds_what_the_engine_imports_and_names_the_rest(valid_dir: Path) -> None:
    """Made by web/trim.mjs (which checks it answers as the full library does); Node is needed."""
    if finder._node() is None:
        pytest.skip("no Node")
    G = load_pathways(valid_dir).graph
    library = finder.engine_library(finder.engine_bundle(), finder.networkx_wheel(), G)
    assert library is not None
    archive = zipfile.ZipFile(library)
    names = set(archive.namelist())
    # Compiled (Python in the browser would otherwise compile them as it starts), but for networkx/__init__.py,
    # whose source finder_engine reads to import networkx lightly.
    assert {"finder_engine.pyc", "pathfinder/routes/__init__.pyc", "networkx/__init__.py", "json/__init__.pyc",
            "networkx/algorithms/shortest_paths/weighted.pyc"} <= names
    assert [name for name in names if name.endswith(".py")] == ["networkx/__init__.py"]
    assert all(archive.read(name)[:4] == archive.read("json/__init__.pyc")[:4]  # one Python's magic number
               for name in names if name.endswith(".pyc"))
    assert not any(name.startswith(("networkx/drawing/", "networkx/generators/", "unittest/", "tkinter/"))
                   for name in names)
    elsewhere = set(json.loads(archive.read("_elsewhere.json")))
    assert {"networkx.drawing", "unittest"} <= elsewhere
    assert "json" not in elsewhere
    # The networkx wheel's metadata made the traced run read it with the email package; the engine never does.
    assert {"email.parser", "email.message"} <= elsewhere
    assert not any(name.startswith("email/") and name != "email/__init__.pyc" for name in names)
    # Stored, so that the host's Brotli or gzip compresses the whole file.
    assert all(info.compress_type == zipfile.ZIP_STORED for info in archive.infolist())


def test_the_page_names_the_library_and_what_the_download_costs(
        pathways: Pathways, files: dict[str, str | bytes | Path]) -> None:
    page = str(files["finder/index.md"])
    download = int(re.search(r'data-engine-download="(\d+)"', page).group(1))  # type: ignore[union-attr]
    fetched = int(re.search(r'data-engine-bytes="(\d+)"', page).group(1))  # type: ignore[union-attr]
    assert 0 < download < fetched
    assert download <= 5_000_000, "a situation question must cost at most 5 MB"
    if finder._node() is not None:
        (library,) = [path for path in files if "/engine-lib-" in path]
        assert f'data-library="../{library}"' in page
