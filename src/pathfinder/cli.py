"""The ``pathfinder`` command: check, route, export, schema and generate.

Exit codes: 0 success, 1 problems in the data or no route, 2 usage (including an unknown stage name).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import export
from .graph import Pathways, load_pathways
from .problems import FORMATS, report
from .routes import MAX_LIMIT, NoRoute, Route, UnknownStage, find_stage, route_step_months, routes
from .schema import stage_json_schema

__all__ = ["main"]

OK, PROBLEMS, USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """Argument parser whose usage errors exit with the project's usage code."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(USAGE)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of 1 or more, got {value}")
    return value


def _route_limit(text: str) -> int:
    value = _positive_int(text)
    if value > MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"expected at most {MAX_LIMIT} routes, got {value}")
    return value


def _parser() -> _Parser:
    parser = _Parser(prog="pathfinder", description="Pharmacy careers pathways: check data, find routes.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser("check", help="check every stage file and the whole graph")
    check.add_argument("dir", nargs="?", default="pathways", type=Path, help="pathways folder (default: pathways)")
    check.add_argument("--format", choices=sorted(FORMATS), default="text", help="how to print problems")
    check.add_argument("--strict", action="store_true", help="fail on warnings too (facts due for a check)")

    route = commands.add_parser("route", help="routes from one stage to another, fastest first")
    route.add_argument("start", metavar="FROM", help="id or title of where you are now")
    route.add_argument("goal", metavar="TO", help="id or title of where you want to get to")
    route.add_argument("--earn-while-learning", action="store_true", help="only routes where all training pays")
    route.add_argument("--max-months", type=_positive_int, metavar="N", help="only routes of at most N months")
    route.add_argument("--avoid", action="append", default=[], metavar="SETTING",
                       help="leave out stages that happen only in this setting (repeatable)")
    route.add_argument("--limit", type=_route_limit, default=5, metavar="K",
                       help=f"at most K routes (default 5, most {MAX_LIMIT})")
    route.add_argument("--json", action="store_true", help="print JSON instead of text")

    exp = commands.add_parser("export", help="print the graph as JSON (node-link), GraphML or CSV")
    exp.add_argument("--format", choices=export.FORMATS, default="json")

    commands.add_parser("schema", help="print the JSON Schema of a stage file")

    generate = commands.add_parser("generate", help="write the site's generated pages to a folder")
    generate.add_argument("out", metavar="DIR", type=Path)

    for sub in (route, exp, generate):
        sub.add_argument("--pathways", default=Path("pathways"), type=Path, metavar="DIR",
                         help="pathways folder (default: pathways)")
    return parser


def _load(root: Path) -> Pathways | None:
    """Load the data, or print why it cannot be used and return None."""
    if not root.is_dir():
        print(f"pathfinder: error: no pathways folder at {root}", file=sys.stderr)
        raise SystemExit(USAGE)
    pathways = load_pathways(root)
    if pathways.errors:
        print(report(pathways.errors), file=sys.stderr)
        return None
    return pathways


def _cmd_check(args: argparse.Namespace) -> int:
    if not args.dir.is_dir():
        print(f"pathfinder: error: no pathways folder at {args.dir}", file=sys.stderr)
        return USAGE
    pathways = load_pathways(args.dir)
    output = report(pathways.problems, args.format)
    if output:
        print(output)
    if not pathways.problems and args.format == "text":
        print(f"{len(pathways.stages)} stages, {pathways.graph.number_of_edges()} links: no problems")
    failing = pathways.problems if args.strict else pathways.errors
    return PROBLEMS if failing else OK


def _route_text(pathways: Pathways, found: list[Route]) -> str:
    G = pathways.graph
    lines = []
    for number, route in enumerate(found, 1):
        earn = "you earn throughout" if route.earn_while_learning else "includes unpaid study"
        lines.append(f"Route {number}: about {route.months} months, {earn}")
        total = 0
        for step, (stage_id, months) in enumerate(zip(route.stages, route_step_months(G, route.stages), strict=True)):
            total += months
            timing = f" ({months} months, {total} so far)" if months else ""
            lines.append(f"  {step + 1}. {G.nodes[stage_id]['title']} [{stage_id}]{timing}")
    return "\n".join(lines)


def _cmd_route(args: argparse.Namespace) -> int:
    pathways = _load(args.pathways)
    if pathways is None:
        return PROBLEMS
    G = pathways.graph
    try:
        start, goal = find_stage(G, args.start), find_stage(G, args.goal)
    except UnknownStage as error:
        print(f"pathfinder: {error}", file=sys.stderr)
        return USAGE
    try:
        found = routes(G, start, goal, earn_while_learning=args.earn_while_learning,
                       max_months=args.max_months, avoid_settings=args.avoid, limit=args.limit)
    except NoRoute as error:
        print(f"{error} Try fewer filters, or see what each stage leads to with the career map.", file=sys.stderr)
        return PROBLEMS
    if args.json:
        print(json.dumps({"from": start, "to": goal, "routes": [r.as_dict(G) for r in found]}, indent=2))
    else:
        print(_route_text(pathways, found))
    return OK


def _cmd_export(args: argparse.Namespace) -> int:
    pathways = _load(args.pathways)
    if pathways is None:
        return PROBLEMS
    sys.stdout.write(export.render(pathways, args.format))
    return OK


def _cmd_schema(_args: argparse.Namespace) -> int:
    print(json.dumps(stage_json_schema(), indent=2))
    return OK


def _cmd_generate(args: argparse.Namespace) -> int:
    from .site import write_site  # imported here: the generator is only needed by this command

    pathways = _load(args.pathways)
    if pathways is None:
        return PROBLEMS
    try:
        written = write_site(pathways, args.out)
    except FileNotFoundError as error:  # a build input is missing (the networkx wheel, Pyodide): say what to run
        print(f"pathfinder: error: {error}", file=sys.stderr)
        return USAGE
    print(f"wrote {written} files to {args.out}")
    return OK


_COMMANDS = {"check": _cmd_check, "route": _cmd_route, "export": _cmd_export, "schema": _cmd_schema,
             "generate": _cmd_generate}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    return _COMMANDS[args.command](args)


if __name__ == "__main__":
    raise SystemExit(main())
