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
// When each step of the start-up ended, in ms since the worker began (its performance.timeOrigin, sent too so
// the page can put them on its own clock): for the benchmark's breakdown and the tests.
const marks = { timeOrigin: performance.timeOrigin };
const mark = (name) => { marks[name] = Math.round(performance.now()); };

// The runtime's WebAssembly compiles while it downloads (instantiateStreaming): note when that ends.
for (const name of ["instantiateStreaming", "instantiate"]) {
  const real = typeof WebAssembly === "object" && WebAssembly && WebAssembly[name];
  if (typeof real !== "function") continue;
  WebAssembly[name] = function (...args) {
    mark(`wasm-${name}-called`);
    return real.apply(this, args).then((result) => {
      if (result && result.instance) mark("wasm-compiled");
      return result;
    });
  };
}

// Each file the worker fetched: when it started and ended, and its size as sent.
function resources() {
  return performance.getEntriesByType("resource").map((entry) => ({
    name: entry.name.split("/").pop(), start: Math.round(entry.startTime), end: Math.round(entry.responseEnd),
    sent: entry.transferSize, body: entry.encodedBodySize,
  }));
}

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
// Downloads started before anyone asked for them (see start()), by address, each handed out once.
const early = new Map();
function address(input) {
  return new URL(typeof input === "string" || input instanceof URL ? input : input.url, self.location.href).href;
}
self.fetch = async (input, init) => {
  const key = address(input);
  if (early.has(key)) {
    const response = early.get(key);
    early.delete(key);
    return response;
  }
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
    const started = performance.now();
    const result = JSON.parse(engine.answer(JSON.stringify(question)));
    if (!marks.answered) {
      mark("answered");
      marks.answerMs = Math.round(performance.now() - started);
    }
    post({ type: "answer", id, result, marks: marks.answerMs !== undefined ? { ...marks, resources: resources() } : null });
  } catch (error) {
    post({ type: "answer", id, result: { error: "engine", message: String(error && error.message) } });
  }
}

async function start(urls) {
  mark("init");
  if (typeof WebAssembly !== "object") throw Object.assign(new Error("WebAssembly is not available"), { reason: "no-wasm" });
  // Every file the engine needs is asked for now, at once: Pyodide asks for its WebAssembly, its lock file and
  // its library only once its own two scripts have arrived and run (0.35 s later on 4G, measured), and the
  // WebAssembly, compiled as it arrives, is the longest download. The page gives what Pyodide reads of the lock
  // file (urls.lock), so that is not fetched at all.
  const library = urls.library || new URL("python_stdlib.zip", urls.pyodide).href;
  const wanted = [new URL("pyodide.asm.wasm", urls.pyodide).href, library];
  if (!urls.lock) wanted.push(new URL("pyodide-lock.json", urls.pyodide).href);
  for (const url of wanted) {
    const response = self.fetch(url, { credentials: "same-origin" });
    response.catch(() => {}); // reported where Pyodide awaits it
    early.set(address(url), response);
  }
  const graph = fetchOk(urls.graph, "text");
  const archives = urls.library ? [] : [fetchOk(urls.wheel), fetchOk(urls.engine)];
  graph.catch(() => {}); // a failed download is reported where it is awaited
  for (const archive of archives) archive.catch(() => {});
  // pyodide.asm.mjs is imported beside pyodide.mjs rather than after it.
  const [{ loadPyodide }, asm] = await Promise.all([
    import(new URL("pyodide.mjs", urls.pyodide).href),
    import(new URL("pyodide.asm.mjs", urls.pyodide).href),
  ]);
  mark("runtime-imported");
  const options = { indexURL: urls.pyodide, createPyodideModule: asm.default, checkAPIVersion: true };
  if (urls.library) options.stdLibURL = urls.library;
  if (urls.lock) options.lockFileContents = urls.lock;
  const pyodide = await Promise.race([loadPyodide(options), downloadFailure]);
  mark("python-started");
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
  module.prepare();
  mark("code-imported");
  const text = await graph;
  mark("graph-downloaded");
  module.load_graph(text);
  mark("graph-loaded");
  marks.library = Boolean(urls.library);
  marks.fallback = module.fallback_misses().toJs();
  engine = module;
  return marks["graph-loaded"] - marks.init;
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
