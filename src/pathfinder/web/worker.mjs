// The finder's Python engine: a module worker running self-hosted Pyodide, the networkx wheel and the project's
// own route code (engine.zip). The page sends {type: "init", urls} once, then {type: "ask", id, question};
// the worker answers {type: "ready", ms}, {type: "answer", id, result} or {type: "failed", message}.
// Everything is fetched from the site itself; nothing is installed from anywhere else.

let engine = null;
let failed = null;
const marks = {};
const waiting = [];

function post(message) {
  self.postMessage(message);
}

async function fetchOk(url, as) {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return as === "text" ? response.text() : response.arrayBuffer();
}

function ask(id, question) {
  try {
    const result = JSON.parse(engine.answer(JSON.stringify(question)));
    post({ type: "answer", id, result });
  } catch (error) {
    post({ type: "answer", id, result: { error: "engine", message: String(error && error.message) } });
  }
}

async function bootPyodide(urls, snapshot) {
  // pyodide.asm.mjs is imported beside pyodide.mjs rather than after it.
  const [{ loadPyodide }, asm] = await Promise.all([
    import(new URL("pyodide.mjs", urls.pyodide).href),
    import(new URL("pyodide.asm.mjs", urls.pyodide).href),
  ]);
  marks.imported = performance.now() - marks.origin;
  const options = { indexURL: urls.pyodide, createPyodideModule: asm.default, checkAPIVersion: true };
  if (snapshot) {
    try {
      // A memory snapshot made at build time (snapshot.mjs): Python started, the engine imported.
      const pyodide = await loadPyodide({ ...options, _loadSnapshot: snapshot });
      marks.snapshot = true;
      return pyodide;
    } catch (error) {
      marks.snapshotError = String(error && error.message);
    }
  }
  marks.snapshot = false;
  return loadPyodide(options);
}

async function start(urls) {
  marks.origin = performance.now();
  // Start every download at once: Pyodide fetches its runtime while ours arrive.
  const wheel = fetchOk(urls.wheel);
  const bundle = fetchOk(urls.engine);
  const graph = fetchOk(urls.graph, "text");
  const snapshot = urls.snapshot ? fetchOk(urls.snapshot) : null;
  if (snapshot) snapshot.catch(() => {}); // a failed download is handled where it is awaited
  const pyodide = await bootPyodide(urls, snapshot);
  marks.pyodide = performance.now() - marks.origin;
  // Both archives go on sys.path as they are: Python reads only the modules it imports from them.
  const wheelPath = `/finder/${urls.wheel.split("/").pop()}`;
  pyodide.FS.mkdirTree("/finder");
  pyodide.FS.writeFile(wheelPath, new Uint8Array(await wheel));
  pyodide.FS.writeFile("/finder/engine.zip", new Uint8Array(await bundle));
  pyodide.globals.set("finder_paths", pyodide.toPy(["/finder/engine.zip", wheelPath]));
  pyodide.runPython("import sys\nfor p in reversed(finder_paths):\n    p in sys.path or sys.path.insert(0, p)");
  marks.unpacked = performance.now() - marks.origin;
  const module = pyodide.pyimport("finder_engine");
  module.load_graph(await graph);
  marks.loaded = performance.now() - marks.origin;
  engine = module;
  return marks.loaded;
}

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "init" && !engine && !failed) {
    start(message.urls).then(
      (ms) => {
        post({ type: "ready", ms, marks });
        for (const [id, question] of waiting.splice(0)) ask(id, question);
      },
      (error) => {
        failed = String((error && error.message) || error);
        post({ type: "failed", message: failed });
      },
    );
  } else if (message.type === "ask") {
    if (engine) ask(message.id, message.question);
    else if (failed) post({ type: "failed", message: failed });
    else waiting.push([message.id, message.question]);
  }
});
