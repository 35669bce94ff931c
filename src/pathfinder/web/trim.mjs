// Build-time helper (Node): which Python files the finder's engine really reads, packed as one small library.
//
//   node trim.mjs PYODIDE_DIR WHEEL ENGINE_ZIP GRAPH_JSON QUESTIONS_JSON OUT_ZIP
//
// 1. Starts Pyodide with its whole standard library, puts the networkx wheel and the engine bundle on sys.path,
//    loads the graph and answers QUESTIONS_JSON (a list of finder questions), then lists every module Python
//    imported on the way: Pyodide's own start-up, the standard library, networkx and the route code.
// 2. Writes OUT_ZIP, entries stored uncompressed so that the host's Brotli or gzip packs the whole file: the
//    source of those modules (compiled .pyc files compress to nearly twice the size, which costs a phone more
//    than compiling does) and `_elsewhere.json`, the names of every other module of the standard library and
//    networkx, for which finder_engine's fallback fetches the full files if an answer ever needs one.
// 3. Starts a second Pyodide with OUT_ZIP as its only standard library, asks the same questions, and checks
//    that the answers are the same and that nothing had to be fetched. Prints one JSON line: {ok, modules,
//    misses, differences}.
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

packed = {name: source(root, name) for name, root in sorted(used.items())}
have = {name[:-3].removesuffix("/__init__").replace("/", ".") for name in packed}
elsewhere = sorted(set().union(*(module_names(root) for root in ROOTS if "engine.zip" not in root)) - have)
packed["_elsewhere.json"] = json.dumps(elsewhere).encode()
with zipfile.ZipFile("/finder/engine-lib.zip", "w", zipfile.ZIP_STORED) as archive:
    for name in sorted(packed):
        info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
        info.external_attr = 0o644 << 16
        archive.writestr(info, packed[name])
`);
const lib = full.FS.readFile("/finder/engine-lib.zip");
const modules = full.runPython("len(packed)");
fs.writeFileSync(out, lib);

// 3. Check.
const trimmed = await loadPyodide({ indexURL: pyodideDir + path.sep, stdLibURL: out });
trimmed.runPython("import finder_engine\nfinder_engine.install_fallback(None)");
const got = answerAll(trimmed);
const misses = JSON.parse(trimmed.runPython("import json, finder_engine\njson.dumps(finder_engine.fallback_misses())"));
const want = JSON.parse(expected);
const differences = JSON.parse(got).filter((answer, i) => answer !== want[i]).length;
console.log(JSON.stringify({ ok: differences === 0 && misses.length === 0, modules, misses, differences }));
