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
    post({ type: "answer", id, result, ms: 0 });
  } catch (error) {
    post({ type: "answer", id, result: { error: "engine", message: String(error && error.message) } });
  }
}

async function start(urls) {
  const started = performance.now();
  // Start every download at once: Pyodide fetches its runtime while ours arrive.
  const wheel = fetchOk(urls.wheel);
  const bundle = fetchOk(urls.engine);
  const graph = fetchOk(urls.graph, "text");
  const { loadPyodide } = await import(new URL("pyodide.mjs", urls.pyodide).href);
  marks.imported = performance.now() - started;
  const pyodide = await loadPyodide({ indexURL: urls.pyodide, checkAPIVersion: true });
  marks.pyodide = performance.now() - started;
  // Both archives go on sys.path as they are: Python reads only the modules it imports from them.
  pyodide.FS.mkdirTree("/finder");
  pyodide.FS.writeFile(`/finder/${urls.wheel.split("/").pop()}`, new Uint8Array(await wheel));
  pyodide.FS.writeFile("/finder/engine.zip", new Uint8Array(await bundle));
  pyodide.runPython(`import sys; sys.path[:0] = ["/finder/engine.zip", "/finder/${urls.wheel.split("/").pop()}"]`);
  marks.unpacked = performance.now() - started;
  const module = pyodide.pyimport("finder_engine");
  module.load_graph(await graph);
  marks.loaded = performance.now() - started;
  engine = module;
  return performance.now() - started;
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
