"""`make bench`: every benchmark of the project, printed as one Markdown table per area.

Each area is a module in this folder with ``run() -> list[(metric, value, target)]``. Timings are measured
on this machine now; nothing here asserts, so a slow run is a number to read, not a failed test.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

AREAS = [("Engine: check and route synthetic pathway sets", "bench_engine"),
         ("Site: build and page weight", "bench_site"),
         ("Route finder: cold-cache browser timings and bytes", "bench_finder")]


def _table(title: str, rows: list[tuple[str, str, str]]) -> str:
    width = [max(len(r[i]) for r in [("metric", "value", "target"), *rows]) for i in range(3)]
    line = "| " + " | ".join(f"{{:<{w}}}" for w in width) + " |"
    rule = "|" + "|".join("-" * (w + 2) for w in width) + "|"
    out = [f"\n### {title}\n", line.format("metric", "value", "target"), rule]
    out += [line.format(*row) for row in rows]
    return "\n".join(out)


def main() -> int:
    sys.path.insert(0, str(Path(__file__).parent))
    only = set(sys.argv[1:])
    for title, module_name in AREAS:
        if only and module_name not in only:
            continue
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            print(f"\n### {title}\n\n(no benchmark yet: bench/{module_name}.py is missing)")
            continue
        started = time.perf_counter()
        rows = module.run()
        print(_table(title, rows))
        print(f"\n({time.perf_counter() - started:.0f} s to measure)")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
