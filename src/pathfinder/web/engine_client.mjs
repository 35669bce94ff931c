// The engine client: one module worker per document (kept across Material's instant navigation), started only
// when a question needs it. start(urls) is safe to call again; ask(question) resolves with the worker's answer
// or {error: "engine-failed", message}.

const START_TIMEOUT_MS = 60000;

const engine = { worker: null, state: "off", failure: null, asks: new Map(), next: 1, readyMs: null, marks: null,
  timer: null, listeners: new Set() };

function changed() {
  for (const listener of engine.listeners) listener(engine.state);
}

function fail(message) {
  if (engine.state === "failed") return;
  engine.state = "failed";
  engine.failure = message;
  clearTimeout(engine.timer);
  for (const [, resolve] of engine.asks) resolve({ error: "engine-failed", message });
  engine.asks.clear();
  changed();
}

export function engineState() {
  return engine.state;
}

export function onEngineChange(listener) {
  engine.listeners.add(listener);
  return () => engine.listeners.delete(listener);
}

export function startEngine(urls) {
  if (engine.worker || engine.state === "failed") return;
  if (typeof Worker !== "function" || typeof WebAssembly !== "object") {
    fail("This browser cannot run the route finder's engine.");
    return;
  }
  engine.state = "starting";
  performance.mark("pf-worker-start");
  try {
    engine.worker = new Worker(urls.worker, { type: "module", name: "route-finder" });
  } catch (error) {
    fail(String(error));
    return;
  }
  engine.worker.addEventListener("message", (event) => {
    const message = event.data || {};
    if (message.type === "ready") {
      engine.state = "ready";
      engine.readyMs = message.ms;
      engine.marks = message.marks;
      performance.mark("pf-engine-ready");
      clearTimeout(engine.timer);
      changed();
    } else if (message.type === "failed") {
      fail(message.message);
    } else if (message.type === "answer" && engine.asks.has(message.id)) {
      engine.asks.get(message.id)(message.result);
      engine.asks.delete(message.id);
    }
  });
  engine.worker.addEventListener("error", (event) => {
    event.preventDefault();
    fail(event.message || "The engine could not start.");
  });
  engine.worker.addEventListener("messageerror", () => fail("The engine sent a message the page could not read."));
  engine.timer = setTimeout(() => fail("The engine took too long to start."), START_TIMEOUT_MS);
  changed();
  const { worker, ...rest } = urls;
  engine.worker.postMessage({ type: "init", urls: rest });
}

export function askEngine(question) {
  if (!engine.worker || engine.state === "failed") {
    return Promise.resolve({ error: "engine-failed", message: engine.failure || "The engine is not running." });
  }
  const id = engine.next++;
  return new Promise((resolve) => {
    engine.asks.set(id, resolve);
    engine.worker.postMessage({ type: "ask", id, question });
  });
}

// For tests and the benchmark.
export const engineProbe = {
  get state() { return engine.state; },
  get readyMs() { return engine.readyMs; },
  get marks() { return engine.marks; },
  ask: askEngine,
};
