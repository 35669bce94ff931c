// Build-time helper (Node): which Python files the finder's engine really reads, packed as one small library.
//
//   node trim.mjs PYODIDE_DIR WHEEL ENGINE_ZIP GRAPH_JSON QUESTIONS_JSON OUT_ZIP
//
// 1. Starts Pyodide with its whole standard library, puts the networkx wheel and the engine bundle on sys.path,
//    loads the graph and answers QUESTIONS_JSON (a list of finder questions), then lists every module Python
//    imported on the way: Pyodide's own start-up, the standard library, networkx and the route code.
// 2. Writes OUT_ZIP, entries stored uncompressed so that the host's Brotli or gzip packs the whole file: those
//    modules compiled by this Pyodide's own Python (.pyc, unchecked hash-based) and `_elsewhere.json`, the
//    names of every other module of the standard library and networkx, for which finder_engine's fallback
//    fetches the full files if an answer ever needs one. Compiled, because compiling some 200 modules from
//    source was most of the engine's start-up in the browser (about 2 of 2.3 s, and 0.4 s of imports). The
//    compiled files leave out docstrings and keep line numbers only to the line where each function starts (a
//    traceback still names every function and file): full line and column tables made the library 1.3 MB with
//    Brotli against 0.73 MB of source; without them about 0.67 MB (0.62 MB after step 3).
//    networkx/__init__.py stays source: finder_engine reads it to import networkx lightly.
// 3. Starts a second Pyodide with OUT_ZIP as its only standard library, asks the same questions, and packs
//    OUT_ZIP again with only the modules that run imported.
// 4. Starts a third with the final OUT_ZIP, asks the same questions, and checks that the answers are the same,
//    that nothing had to be fetched and that nothing was compiled from source but networkx/__init__.py.
//    Prints one JSON line: {ok, modules, misses, differences, fromSource}.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, wheel, engineZip, graphJson, questionsJson, out] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const graph = fs.readFileSync(graphJson, "utf8");
const questions = fs.readFileSync(questionsJson, "utf8");

function answerAll(pyodide) {
  pyodide.globals.set("graph_text", graph);
  pyodide.globals.set("questions_text", questions);
  return pyodide.runPython(`
import json
import finder_engine
finder_engine.load_graph(graph_text)
json.dumps([finder_engine.answer(json.dumps(q)) for q in json.loads(questions_text)])
`);
}

// 1. Trace.
const full = await loadPyodide({ indexURL: pyodideDir + path.sep });
full.FS.mkdirTree("/finder");
full.FS.writeFile("/finder/networkx.whl", new Uint8Array(fs.readFileSync(wheel)));
full.FS.writeFile("/finder/engine.zip", new Uint8Array(fs.readFileSync(engineZip)));
full.runPython('import sys\nsys.path[:0] = ["/finder/engine.zip", "/finder/networkx.whl"]');
const expected = answerAll(full);

// 2. Pack.
full.runPython(`
import json, sys, zipfile

ROOTS = [p for p in sys.path if p.endswith((".zip", ".whl"))]

def archive_name(origin):
    for root in ROOTS:
        if origin and origin.startswith(root + "/"):
            return root, origin[len(root) + 1:]
    return None, None

used = {}
for module in list(sys.modules.values()):
    spec = getattr(module, "__spec__", None)
    root, name = archive_name(getattr(spec, "origin", None))
    if name and name.endswith(".py"):
        used[name] = root

import ast, importlib.util, os, types
from importlib._bootstrap_external import _code_to_hash_pyc

# Where Pyodide mounts its standard library (the trimmed library takes its place): compiled code names its
# files there, as code compiled on import would.
MOUNT = os.path.dirname(os.__file__)
KEEP_SOURCE = {"networkx/__init__.py"}  # finder_engine reads its source

def without_docstrings(tree):
    # As python -OO does, but keeping assert statements: nothing the route code does depends on a docstring.
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and body
                and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)):
            node.body = body[1:] or [ast.copy_location(ast.Pass(), body[0])]
    return tree

def function_lines(code):
    # Every instruction on the code's first line (Python's location table, entries of kind 13: a line and no
    # columns, at most 8 code units each, the line given as a change from the one before, here 0).
    table = bytearray()
    units = len(code.co_code) // 2
    while units > 0:
        step = min(units, 8)
        table += bytes((0x80 | 13 << 3 | step - 1, 0))
        units -= step
    consts = tuple(function_lines(c) if isinstance(c, types.CodeType) else c for c in code.co_consts)
    return code.replace(co_linetable=bytes(table), co_consts=consts)

def compiled(name, data):
    tree = without_docstrings(ast.parse(data, name))
    code = function_lines(compile(tree, f"{MOUNT}/{name}", "exec", dont_inherit=True))
    return _code_to_hash_pyc(code, importlib.util.source_hash(data), False)

def source(root, name):
    with zipfile.ZipFile(root) as archive:
        return archive.read(name)

def module_names(root):
    names = set()
    with zipfile.ZipFile(root) as archive:
        for entry in archive.namelist():
            if entry.endswith(".py") and ".dist-info/" not in entry:
                stem = entry[:-3].removesuffix("/__init__")
                names.add(stem.replace("/", "."))
    return names

def pack(names):
    have = {name[:-3].removesuffix("/__init__").replace("/", ".") for name in names}
    packed = {}
    for name in sorted(names):
        data = source(used[name], name)
        if name in KEEP_SOURCE:
            packed[name] = data
        else:
            packed[name + "c"] = compiled(name, data)
    elsewhere = sorted(set().union(*(module_names(root) for root in ROOTS if "engine.zip" not in root)) - have)
    packed["_elsewhere.json"] = json.dumps(elsewhere).encode()
    with zipfile.ZipFile("/finder/engine-lib.zip", "w", zipfile.ZIP_STORED) as archive:
        for name in sorted(packed):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            archive.writestr(info, packed[name])
    return len(packed)
`);
full.runPython("pack(set(used))");
fs.writeFileSync(out, full.FS.readFile("/finder/engine-lib.zip"));

// The library's modules a Pyodide started with it imported, as entry names ("json/__init__.py").
function libraryModules(pyodide) {
  return JSON.parse(pyodide.runPython(`
import json, sys
origins = [getattr(getattr(m, "__spec__", None), "origin", None) or "" for m in list(sys.modules.values())]
json.dumps(sorted({o.split(".zip/", 1)[1].removesuffix("c") for o in origins if ".zip/" in o}))`));
}

// 3. Run the same questions from that library, and keep only what they imported there: the run above also
//    imported modules only because the networkx wheel's metadata was on sys.path (the email package, to read it).
const first = await loadPyodide({ indexURL: pyodideDir + path.sep, stdLibURL: out });
first.runPython("import finder_engine\nfinder_engine.install_fallback(None)");
answerAll(first);
full.globals.set("imported", full.toPy(libraryModules(first)));
const modules = full.runPython("pack({name for name in used if name in set(imported) or name in KEEP_SOURCE})");
fs.writeFileSync(out, full.FS.readFile("/finder/engine-lib.zip"));

// 4. Check.
const trimmed = await loadPyodide({ indexURL: pyodideDir + path.sep, stdLibURL: out });
trimmed.runPython("import finder_engine\nfinder_engine.install_fallback(None)");
const got = answerAll(trimmed);
const misses = JSON.parse(trimmed.runPython("import json, finder_engine\njson.dumps(finder_engine.fallback_misses())"));
// Modules Python had to compile from source on the way (only networkx/__init__.py is meant to be one).
const fromSource = JSON.parse(trimmed.runPython(`
import json, sys
origins = [getattr(getattr(m, "__spec__", None), "origin", None) or "" for m in list(sys.modules.values())]
json.dumps(sorted(o.split(".zip/", 1)[1] for o in origins if ".zip/" in o and o.endswith(".py")))`));
const want = JSON.parse(expected);
const differences = JSON.parse(got).filter((answer, i) => answer !== want[i]).length;
const compiled = fromSource.every((name) => name === "networkx/__init__.py");
console.log(JSON.stringify({ ok: differences === 0 && misses.length === 0 && compiled, modules, misses, differences,
  fromSource }));
