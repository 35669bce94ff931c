"""Engine benchmark: synthetic pathway sets of growing size, checked and routed in a fresh process each.

Each size runs in its own Python process so peak memory (ru_maxrss) belongs to that size alone.
"""

from __future__ import annotations

import contextlib
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = (100, 1_000, 10_000)
#: The situation question's graph: this many stages, a share of them needing qualifications to enter.
SITUATION_SIZE, NEEDS_SHARE = 2_000, 0.5
SITUATION_TARGET_RATIO = 5.0
_QUALIFICATIONS = ("q-english", "q-maths", "q-science")
CHECK_TARGET_SECONDS = 10.0
MEMORY_TARGET_MB = 1024
#: Share of stages that are starting points and training; the rest are roles.
START_SHARE, TRAINING_SHARE = 0.01, 0.3
LAYERS = 8
ROUTE_GOALS_PER_START = 20


def _stage_yaml(stage_id: str, kind: str, links: list[str], rng: random.Random, needs: list[str] | None = None) -> str:
    """A realistic stage file: every field a real careers stage fills in."""
    lines = [
        "# yaml-language-server: $schema=../stage.schema.json",
        f"id: {stage_id}",
        f"kind: {kind}",
        f"title: Stage {stage_id.replace('-', ' ')}",
        "summary: You help people get the medicines they need. You work with a team and learn on the job.",
        "what_you_do:",
        "  - Check prescriptions",
        "  - Talk to patients about their medicines",
        f"settings: [{rng.choice(['hospital', 'community-pharmacy', 'general-practice', 'aseptic-unit'])}]",
        "entry_requirements:",
        "  - Usually GCSEs in English and maths",
    ]
    if kind == "training":
        months = rng.choice([6, 12, 15, 18, 24, 36])
        lines += ["duration:", f"  typical_months: {months}", f"  min_months: {months // 2}",
                  f"earn_while_learning: {str(rng.random() < 0.8).lower()}", "level: 3"]
    if kind == "role":
        lines += ["pay:", f"  bands: [{rng.randint(2, 7)}]", "  year: 2026/27"]
    if needs:
        lines.append(f"needs: [{', '.join(needs)}]")
    if links:
        lines.append("next:")
        lines += [f"  - to: {target}\n    requires:\n      - Some experience" for target in links]
    elif kind == "role":
        lines.append("final: true")  # the top of its ladder, as `pathfinder check` asks of a role leading nowhere
    lines += ["sources:", "  - url: https://www.example.org/source", "    title: A source",
              "reviewed: 2026-11-01", ""]
    return "\n".join(lines)


def _qualifications_yaml() -> str:
    """A qualifications file whose every qualification has a course, as the real one does."""
    lines = ["qualifications:"]
    for q in _QUALIFICATIONS:
        lines += [f"  - id: {q}", f"    name: Qualification {q}", "    course:", f"      title: Course for {q}",
                  "      months: 9", "      earn_while_learning: false", "      summary: A course.",
                  "      source:", "        url: https://www.example.org/course", "        title: A course"]
    lines += ["hours_note: No rule ties hours to these steps.", "hours_source:",
              "  url: https://www.example.org/hours", "  title: Hours", ""]
    return "\n".join(lines)


def generate(root: Path, size: int, seed: int = 1, needs_share: float = 0.0) -> None:
    """Write ``size`` stages in layers, each linking to one to three stages in the next layers; with
    ``needs_share``, that share of the stages after the starts needs one or two qualifications to enter."""
    rng = random.Random(seed)
    starts = max(2, int(size * START_SHARE))
    layer_of = [0] * starts + [1 + (i * (LAYERS - 1)) // (size - starts) for i in range(size - starts)]
    # Training always leads on, so the last layer holds only roles.
    kinds = ["start"] * starts + [
        "training" if layer < LAYERS - 1 and rng.random() < TRAINING_SHARE / (1 - START_SHARE) else "role"
        for layer in layer_of[starts:]
    ]
    ids = [f"{kind}-{i:05d}" for i, kind in enumerate(kinds)]
    by_layer: dict[int, list[int]] = {}
    for index, layer in enumerate(layer_of):
        by_layer.setdefault(layer, []).append(index)
    # Every non-start stage gets at least one incoming link, so the whole set is reachable.
    incoming: dict[int, list[int]] = {i: [] for i in range(size)}
    for index in range(starts, size):
        parents = by_layer[layer_of[index] - 1]
        incoming[rng.choice(parents)].append(index)
    folders = {"start": "start", "role": "roles", "training": "training"}
    for folder in folders.values():
        (root / folder).mkdir(parents=True, exist_ok=True)
    for index, stage_id in enumerate(ids):
        links = set(incoming[index])
        later = [j for layer in range(layer_of[index] + 1, min(LAYERS, layer_of[index] + 3)) for j in by_layer[layer]]
        if later and (kinds[index] == "training" or not links):
            links.update(rng.sample(later, k=min(len(later), rng.randint(1, 3))))
        needs = (sorted(rng.sample(_QUALIFICATIONS, k=rng.randint(1, 2)))
                 if kinds[index] != "start" and rng.random() < needs_share else None)
        text = _stage_yaml(stage_id, kinds[index], [ids[j] for j in sorted(links)], rng, needs)
        (root / folders[kinds[index]] / f"{stage_id}.yaml").write_text(text)
    if needs_share:
        (root / "figures").mkdir(exist_ok=True)
        (root / "figures" / "qualifications.yaml").write_text(_qualifications_yaml())


def measure(size: int) -> dict[str, float]:
    """Run inside a fresh process: generate, then time each phase."""
    from pathfinder.graph import build_graph, graph_problems
    from pathfinder.load import load_dir
    from pathfinder.routes import NoRoute, routes

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate(root, size)
        started = time.perf_counter()
        result = load_dir(root)
        loaded = time.perf_counter()
        G = build_graph(s.stage for s in result.stages.values())
        problems = graph_problems(G, result)
        built = time.perf_counter()
    assert not result.problems and not problems, (result.problems + problems)[:5]
    rng = random.Random(2)
    starts = [n for n, kind in G.nodes(data="kind") if kind == "start"]
    roles = [n for n, kind in G.nodes(data="kind") if kind == "role"]
    queries = found = 0
    for start in starts:
        for goal in rng.sample(roles, k=min(len(roles), ROUTE_GOALS_PER_START)):
            queries += 1
            with contextlib.suppress(NoRoute):
                found += bool(routes(G, start, goal))
    routed = time.perf_counter()
    return {
        "stages": G.number_of_nodes(), "links": G.number_of_edges(),
        "load_validate_s": loaded - started, "graph_s": built - loaded, "routes_s": routed - built,
        "queries": queries, "answered": found,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def measure_situation(size: int) -> dict[str, float]:
    """Run inside a fresh process: ``reach`` from one start on ``size`` stages whose entry needs qualifications,
    without a situation and with ``--have none`` (every need becomes a course step)."""
    from pathfinder.graph import load_pathways
    from pathfinder.routes import Situation, reach

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate(root, size, needs_share=NEEDS_SHARE)
        pathways = load_pathways(root)
        assert not pathways.errors, pathways.errors[:5]
        G = pathways.graph
        start = min(n for n, kind in G.nodes(data="kind") if kind == "start")
        started = time.perf_counter()
        plain = reach(G, start)
        middle = time.perf_counter()
        situation = reach(G, start, Situation(have=frozenset()))
        done = time.perf_counter()
        # The command as a maintainer runs it (load, check and answer), as the issue measured it.
        command = [str(Path(sys.executable).with_name("pathfinder")), "reach", start, "--pathways", str(root)]
        cli_plain, cli_none = _timed(command), _timed([*command, "--have", "none"])
    return {"stages": G.number_of_nodes(), "plain_s": middle - started, "have_none_s": done - middle,
            "plain_roles": len(plain), "have_none_roles": len(situation),
            "cli_plain_s": cli_plain, "cli_have_none_s": cli_none}


def _timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True)
    return time.perf_counter() - started


def _situation_rows(runs: int = 5) -> list[tuple[str, str, str]]:
    """The median of ``runs`` fresh processes: one run of a fraction of a second is at the mercy of the machine."""
    found = [json.loads(subprocess.run([sys.executable, __file__, "situation", str(SITUATION_SIZE)],
                                       capture_output=True, text=True, check=True).stdout) for _ in range(runs)]
    m = {key: statistics.median(run[key] for run in found) for key in found[0]}
    ratio = m["have_none_s"] / max(m["plain_s"], 1e-9)
    command_ratio = m["cli_have_none_s"] / max(m["cli_plain_s"], 1e-9)
    return [(f"{int(m['stages']):>6} stages, half needing qualifications: reach() from a start, plain | --have none",
             f"{m['plain_s']:.2f} s | {m['have_none_s']:.2f} s ({ratio:.1f}x; {int(m['plain_roles'])} | "
             f"{int(m['have_none_roles'])} roles)", ""),
            (f"{int(m['stages']):>6} stages: `pathfinder reach` command (load, check, answer), plain | --have none",
             f"{m['cli_plain_s']:.2f} s | {m['cli_have_none_s']:.2f} s ({command_ratio:.1f}x)",
             f"--have none <= {SITUATION_TARGET_RATIO:.0f}x plain")]


def run() -> list[tuple[str, str, str]]:
    """(metric, value, target) rows for every size, then the situation question."""
    rows = _situation_rows()
    for size in SIZES:
        out = subprocess.run([sys.executable, __file__, str(size)], capture_output=True, text=True, check=True)
        m = json.loads(out.stdout)
        check = m["load_validate_s"] + m["graph_s"]
        prefix = f"{int(m['stages']):>6} stages ({int(m['links'])} links)"
        rows += [
            (f"{prefix}: load + validate", f"{m['load_validate_s']:.2f} s", ""),
            (f"{prefix}: graph build + graph checks", f"{m['graph_s']:.2f} s", ""),
            (f"{prefix}: check total", f"{check:.2f} s",
             f"< {CHECK_TARGET_SECONDS:.0f} s at 10,000" if size == 10_000 else "near-linear"),
            (f"{prefix}: routes, {int(m['queries'])} queries from every start",
             f"{m['routes_s']:.2f} s ({1000 * m['routes_s'] / max(1, m['queries']):.1f} ms each)", ""),
            (f"{prefix}: peak memory", f"{m['peak_mb']:.0f} MB", f"< {MEMORY_TARGET_MB} MB"),
        ]
    return rows


if __name__ == "__main__":
    if sys.argv[1] == "situation":
        print(json.dumps(measure_situation(int(sys.argv[2]))))
    else:
        print(json.dumps(measure(int(sys.argv[1]))))
