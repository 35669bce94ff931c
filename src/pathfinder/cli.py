"""The ``pathfinder`` command: check, route, reach, export, schema and generate.

Exit codes: 0 success, 1 problems in the data or no route, 2 usage (including an unknown stage name).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import networkx as nx

from . import export
from .graph import Pathways, load_pathways
from .problems import FORMATS, report
from .routes import (
    MAX_HOURS_A_WEEK,
    MAX_LIMIT,
    MAX_MONTHS,
    ROUTE_LIMIT,
    NoRoute,
    Plan,
    Situation,
    UnknownStage,
    closed_by_hours,
    find_stage,
    nearest_relaxation,
    plans,
    reach_dict,
    read_have,
    route_words,
    unknown_have_usage,
)
from .schema import SETTINGS, stage_json_schema
from .schema_files import write_schema_files

__all__ = ["main"]

OK, PROBLEMS, USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """Argument parser whose usage errors exit with the project's usage code."""

    def error(self, message: str) -> None:  # type: ignore[override]
        # One line, like every other error the command prints; the full usage is one --help away.
        print(f"{self.prog}: error: {message} (see {self.prog} --help)", file=sys.stderr)
        raise SystemExit(USAGE)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of 1 or more, got {value}")
    return value


def _setting(text: str) -> str:
    if text in SETTINGS:
        return text
    close = difflib.get_close_matches(text, SETTINGS, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f" (settings: {', '.join(SETTINGS)})"
    raise argparse.ArgumentTypeError(f"no setting is called {text!r}{hint}")


def _bounded(name: str, top: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        value = _positive_int(text)
        if value > top:
            raise argparse.ArgumentTypeError(f"{name} must be from 1 to {top}, got {value}")
        return value

    return parse


_months = _bounded("months", MAX_MONTHS)
_hours = _bounded("hours a week", MAX_HOURS_A_WEEK)


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
    route.add_argument("start", metavar="FROM", help="id, title or other name of where you are now")
    route.add_argument("goal", metavar="TO", help="id, title or other name of where you want to get to")
    route.add_argument("--earn-while-learning", action="store_true", help="only routes where all training pays")
    route.add_argument("--max-months", type=_months, metavar="N", help="only routes of at most N months")
    route.add_argument("--avoid", action="append", default=[], metavar="SETTING", type=_setting,
                       help="leave out stages that happen only in this setting (repeatable)")
    route.add_argument("--limit", type=_route_limit, default=ROUTE_LIMIT, metavar="K",
                       help=f"at most K routes (default {ROUTE_LIMIT}, most {MAX_LIMIT})")
    route.add_argument("--json", action="store_true", help="print JSON instead of text")

    reach_ = commands.add_parser("reach", help="every role you can reach from a stage, fastest first")
    reach_.add_argument("start", metavar="FROM", help="id, title or other name of where you are now")
    reach_.add_argument("--within", type=_months, metavar="N", help="only roles you can reach in N months")
    reach_.add_argument("--earn-while-learning", action="store_true", help="only routes where all training pays")
    reach_.add_argument("--avoid", action="append", default=[], metavar="SETTING", type=_setting,
                        help="leave out stages that happen only in this setting (repeatable)")
    reach_.add_argument("--json", action="store_true", help="print JSON instead of text")
    for sub in (route, reach_):
        sub.add_argument("--have", action="append", metavar="ID",
                         help="a qualification you have (repeatable); 'none' for none of them. Without it nothing "
                              "is assumed; with it, each one a step needs that you lack becomes a step")
        sub.add_argument("--hours", type=_hours, metavar="N",
                         help="hours a week you can work or train; applied only where an official rule ties to it")

    exp = commands.add_parser("export", help="print the graph as JSON (node-link), GraphML or CSV")
    exp.add_argument("--format", choices=export.FORMATS, default="json")

    schema = commands.add_parser("schema", help="print the JSON Schema of a stage file")
    schema.add_argument("--write", metavar="DIR", type=Path,
                        help="write every data file's JSON Schema into DIR (normally pathways) instead")

    generate = commands.add_parser("generate", help="write the site's generated pages to a folder")
    generate.add_argument("out", metavar="DIR", type=Path)

    for sub in (route, reach_, exp, generate):
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


def _plan_text(G: nx.DiGraph, number: int, plan: Plan) -> list[str]:
    shown = plan.as_dict(G)
    words = route_words(G, shown)
    lines = [f"Route {number}: {words['time']}. {words['pay']}."]
    for step, (stage_id, title, said) in enumerate(zip(shown["stages"], shown["titles"], words["steps"], strict=True)):
        lines.append(f"  {step + 1}. {title} [{stage_id}] ({said})")
    lines += [f"  Note: {note}" for note in plan.notes]
    lines += [f"  Advice: {advice['text']} ({advice['source']['url']})" for added in shown.get("added", [])
              for advice in added["advice"]]
    return lines


def _situation(args: argparse.Namespace, G: nx.DiGraph, max_months: int | None) -> Situation:
    """The visitor's situation from the options. ``--have none`` means nothing held; an unknown id is a usage
    error with the nearest known ids."""
    have = None
    if args.have is not None:
        held, unknown = read_have(G, args.have)
        if unknown:
            print(f"pathfinder: {unknown_have_usage(G, unknown)}", file=sys.stderr)
            raise SystemExit(USAGE)
        have = held
    return Situation(have=have, hours=args.hours, earn_while_learning=args.earn_while_learning,
                     max_months=max_months, avoid_settings=args.avoid)


def _no_route(G: nx.DiGraph, error: NoRoute, situation: Situation) -> int:
    hints = closed_by_hours(G, situation.hours)
    relax = nearest_relaxation(G, error.start, error.goal, situation)
    if relax:
        hints.append(relax["text"])
    hint = " ".join(hints) or "Try fewer filters, or see what each stage leads to with the career map."
    print(f"{error} {hint}", file=sys.stderr)
    return PROBLEMS


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
    situation = _situation(args, G, args.max_months)
    try:
        found = plans(G, start, goal, situation, limit=args.limit)
    except NoRoute as error:
        return _no_route(G, error, situation)
    if args.json:
        print(json.dumps({"from": start, "to": goal, "routes": [p.as_dict(G) for p in found]}, indent=2))
    else:
        print("\n".join(line for number, plan in enumerate(found, 1) for line in _plan_text(G, number, plan)))
    return OK


def _cmd_reach(args: argparse.Namespace) -> int:
    pathways = _load(args.pathways)
    if pathways is None:
        return PROBLEMS
    G = pathways.graph
    try:
        start = find_stage(G, args.start)
    except UnknownStage as error:
        print(f"pathfinder: {error}", file=sys.stderr)
        return USAGE
    answer = reach_dict(G, start, _situation(args, G, args.within))
    if args.json:
        print(json.dumps(answer, indent=2))
    elif not answer["reach"] and not answer["varies"]:
        print(f"No role can be reached from {G.nodes[start]['title']} under these conditions.")
    else:
        for entry in answer["reach"]:
            print(f"{G.nodes[entry['to']]['title']} [{entry['to']}]: {entry['time']}")
        if answer["varies"]:
            print(answer["varies_text"])
            for entry in answer["varies"]:
                print(f"  {G.nodes[entry['to']]['title']} [{entry['to']}]: {entry['time']}")
    return OK


def _cmd_export(args: argparse.Namespace) -> int:
    pathways = _load(args.pathways)
    if pathways is None:
        return PROBLEMS
    sys.stdout.write(export.render(pathways, args.format))
    return OK


def _cmd_schema(args: argparse.Namespace) -> int:
    if args.write is None:
        print(json.dumps(stage_json_schema(), indent=2))
        return OK
    if not args.write.is_dir():
        print(f"pathfinder: error: no folder at {args.write}", file=sys.stderr)
        return USAGE
    for path in write_schema_files(args.write):
        print(f"wrote {path}")
    return OK


def _cmd_generate(args: argparse.Namespace) -> int:
    from .site import write_site  # imported here: the generator is only needed by this command

    if args.out.exists() and not args.out.is_dir():
        print(f"pathfinder: error: {args.out} is a file, not a folder: name a new or existing folder",
              file=sys.stderr)
        return USAGE
    pathways = _load(args.pathways)
    if pathways is None:
        return PROBLEMS
    try:
        written = write_site(pathways, args.out)
    except FileNotFoundError as error:  # a build input is missing (the networkx wheel, Pyodide): say what to run
        print(f"pathfinder: error: {error}", file=sys.stderr)
        return USAGE
    except OSError as error:
        print(f"pathfinder: error: cannot write the site to {args.out}: {error.strerror or error}", file=sys.stderr)
        return PROBLEMS
    print(f"wrote {written} files to {args.out}")
    return OK


_COMMANDS = {"check": _cmd_check, "route": _cmd_route, "reach": _cmd_reach, "export": _cmd_export,
             "schema": _cmd_schema, "generate": _cmd_generate}


#: Exit code of a Unix tool stopped by SIGPIPE (128 + 13), which is what a closed pipe means.
CLOSED_PIPE = 141


def _quiet_closed_pipe() -> int:
    """The reader of our output went away (``pathfinder schema | head -1``): stop quietly, as Unix tools do.
    Standard output is pointed at /dev/null so that Python's final flush does not complain either."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # not a real file descriptor (tests capture output in memory)
    return CLOSED_PIPE


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        code = _COMMANDS[args.command](args)
        sys.stdout.flush()
    except BrokenPipeError:
        return _quiet_closed_pipe()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
