// Build-time helper (Node): start Pyodide once, import the finder's engine (finder_engine, the light networkx
// import and pathfinder.routes) and save Pyodide's memory snapshot, so the worker in the browser starts with
// all of that done instead of initialising Python and importing again.
//
//   node snapshot.mjs PYODIDE_DIR WHEEL ENGINE_ZIP OUT
//
// The archives are removed from the file system before the snapshot is taken; the worker writes them back at
// the same paths (/finder/...) so that later imports still find them.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, wheel, engineZip, out] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep, _makeSnapshot: true });
const wheelPath = `/finder/${path.basename(wheel)}`;
pyodide.FS.mkdirTree("/finder");
pyodide.FS.writeFile(wheelPath, new Uint8Array(fs.readFileSync(wheel)));
pyodide.FS.writeFile("/finder/engine.zip", new Uint8Array(fs.readFileSync(engineZip)));
pyodide.runPython(`
import sys
sys.path[:0] = ["/finder/engine.zip", "${wheelPath}"]
import finder_engine
finder_engine.prepare()
`);
pyodide.FS.unlink(wheelPath);
pyodide.FS.unlink("/finder/engine.zip");
fs.writeFileSync(out, pyodide.makeMemorySnapshot());
