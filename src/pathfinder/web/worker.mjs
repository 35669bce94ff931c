// The finder's Python engine: a module worker running self-hosted Pyodide and the project's own route code.
// The page sends {type: "init", urls} once, then {type: "ask", id, question}; the worker answers
// {type: "progress", loaded}, {type: "ready", ms, marks}, {type: "answer", id, result} or {type: "failed", reason,
// message}. Everything is fetched from the site itself; nothing is installed from anywhere else.
//
// With the build's trimmed library (urls.library, made by trim.mjs) Pyodide gets it as its standard library:
// the start-up modules, the parts of networkx the route code imports and the route code, compiled, in one file.
// Without it, the full standard library, the networkx wheel and engine.zip (the route code as source).

let engine = null;
let failed = null;
let waiting = null; // only the newest question waits: the page wants no other answer
const marks = {};

function post(message) {
  self.postMessage(message);
}

// Every download goes through here (Pyodide's too), so the page can show how much has arrived.
const realFetch = self.fetch.bind(self);
let loaded = 0;
let downloadFailed = false;
// Rejects at the first failed download: Pyodide only logs a failed standard library and carries on to fail
// later, so start() races it against this to say so at once.
let failDownload = () => {};
const downloadFailure = new Promise((_, reject) => { failDownload = reject; });
downloadFailure.catch(() => {});
let lastPost = 0;
function counted(response) {
  if (!response.body) return response;
  const counter = new TransformStream({
    transform(chunk, controller) {
      loaded += chunk.byteLength;
      const now = performance.now();
      if (now - lastPost > 100) {
        lastPost = now;
        post({ type: "progress", loaded });
      }
      controller.enqueue(chunk);
    },
    flush() {
      post({ type: "progress", loaded });
    },
  });
  return new Response(response.body.pipeThrough(counter),
    { status: response.status, statusText: response.statusText, headers: response.headers });
}
self.fetch = async (input, init) => {
  let response;
  try {
    response = await realFetch(input, init);
  } catch (error) {
    downloadFailed = true;
    failDownload(Object.assign(new Error(`${input} could not be downloaded`), { reason: "download" }));
    throw error;
  }
  if (!response.ok) {
    downloadFailed = true;
    failDownload(Object.assign(new Error(`${input} answered ${response.status}`), { reason: "download" }));
  }
  return counted(response);
};

async function fetchOk(url, as) {
  const response = await self.fetch(url, { credentials: "same-origin" });
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

async function start(urls) {
  marks.origin = performance.now();
  if (typeof WebAssembly !== "object") throw Object.assign(new Error("WebAssembly is not available"), { reason: "no-wasm" });
  const graph = fetchOk(urls.graph, "text");
  const archives = urls.library ? [] : [fetchOk(urls.wheel), fetchOk(urls.engine)];
  graph.catch(() => {}); // a failed download is reported where it is awaited
  for (const archive of archives) archive.catch(() => {});
  // pyodide.asm.mjs is imported beside pyodide.mjs rather than after it.
  const [{ loadPyodide }, asm] = await Promise.all([
    import(new URL("pyodide.mjs", urls.pyodide).href),
    import(new URL("pyodide.asm.mjs", urls.pyodide).href),
  ]);
  marks.imported = performance.now() - marks.origin;
  const options = { indexURL: urls.pyodide, createPyodideModule: asm.default, checkAPIVersion: true };
  if (urls.library) options.stdLibURL = urls.library;
  const pyodide = await Promise.race([loadPyodide(options), downloadFailure]);
  marks.pyodide = performance.now() - marks.origin;
  if (!urls.library) {
    // Both archives go on sys.path as they are: Python reads only the modules it imports from them.
    const [wheel, bundle] = await Promise.all(archives);
    const wheelPath = `/finder/${urls.wheel.split("/").pop()}`;
    pyodide.FS.mkdirTree("/finder");
    pyodide.FS.writeFile(wheelPath, new Uint8Array(wheel));
    pyodide.FS.writeFile("/finder/engine.zip", new Uint8Array(bundle));
    pyodide.globals.set("finder_paths", pyodide.toPy(["/finder/engine.zip", wheelPath]));
    pyodide.runPython("import sys\nfor p in reversed(finder_paths):\n    p in sys.path or sys.path.insert(0, p)");
  }
  const module = pyodide.pyimport("finder_engine");
  module.install_fallback(pyodide.toPy([new URL("python_stdlib.zip", urls.pyodide).href, urls.wheel]));
  module.load_graph(await graph);
  marks.loaded = performance.now() - marks.origin;
  marks.library = Boolean(urls.library);
  marks.fallback = module.fallback_misses().toJs();
  engine = module;
  return marks.loaded;
}

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "init" && !engine && !failed) {
    start(message.urls).then(
      (ms) => {
        post({ type: "ready", ms, marks, loaded });
        if (waiting) ask(...waiting);
        waiting = null;
      },
      (error) => {
        const reason = (error && error.reason) || (downloadFailed ? "download" : "start");
        failed = { reason, message: String((error && error.message) || error) };
        post({ type: "failed", ...failed });
      },
    );
  } else if (message.type === "ask") {
    if (engine) ask(message.id, message.question);
    else if (failed) post({ type: "failed", ...failed });
    else waiting = [message.id, message.question];
  }
});
