// The engine client: one module worker per document (kept across Material's instant navigation), started only
// when a question needs it. start(urls) is safe to call again; ask(question) resolves with the worker's answer,
// {error: "engine-failed", reason, message} or {error: "cancelled"} when a newer question or stopEngine() took
// its place. Only the newest question matters to the page, so a new one cancels the one before: while the
// engine starts, by taking its place in the queue; while Python is answering (it cannot be interrupted), by
// ending the worker and starting a new one (its files come from the browser's cache).
//
// Listeners hear every change of state and every step of the download: listener(state, progress), where
// progress is {loaded, startedMs, lastByteMs} (bytes counted as they arrive, times from performance.now()).

// No byte for this long while the download is incomplete: it has stopped, so the engine has failed. (Once every
// byte is in, Python starting up may take long on a slow device: that is not a failure.)
const STALLED_MS = 30000;

const engine = {
  worker: null, state: "off", failure: null, asks: new Map(), next: 1, readyMs: null, marks: null, urls: null,
  busy: false, current: null, expected: 0, timer: null, listeners: new Set(), progress: { loaded: 0, startedMs: 0, lastByteMs: 0 }, restarts: 0,
};

function changed() {
  for (const listener of engine.listeners) listener(engine.state, engine.progress);
}

function settle(result) {
  for (const [, resolve] of engine.asks) resolve(result);
  engine.asks.clear();
  engine.busy = false;
}

function fail(reason, message) {
  if (engine.state === "failed") return;
  engine.state = "failed";
  engine.failure = { reason, message };
  clearInterval(engine.timer);
  if (engine.worker) engine.worker.terminate();
  engine.worker = null;
  settle({ error: "engine-failed", reason, message });
  changed();
}

export function engineState() {
  return engine.state;
}

export function engineFailure() {
  return engine.failure;
}

export function engineProgress() {
  return engine.progress;
}

export function onEngineChange(listener) {
  engine.listeners.add(listener);
  return () => engine.listeners.delete(listener);
}

// Whether this browser can run the engine at all (checked before anything is downloaded).
export function engineSupported() {
  return typeof Worker === "function" && typeof WebAssembly === "object" && WebAssembly !== null
    && typeof WebAssembly.instantiate === "function";
}

function launch() {
  const urls = engine.urls;
  engine.state = "starting";
  engine.busy = false;
  const now = performance.now();
  engine.progress = { loaded: 0, startedMs: now, lastByteMs: now };
  performance.mark("pf-worker-start");
  try {
    engine.worker = new Worker(urls.worker, { type: "module", name: "route-finder" });
  } catch (error) {
    fail("start", String(error));
    return;
  }
  const worker = engine.worker;
  worker.addEventListener("message", (event) => {
    if (worker !== engine.worker) return; // a worker ended for a newer question
    const message = event.data || {};
    if (message.type === "progress") {
      engine.progress = { ...engine.progress, loaded: message.loaded, lastByteMs: performance.now() };
      changed();
    } else if (message.type === "ready") {
      engine.state = "ready";
      engine.readyMs = message.ms;
      engine.marks = message.marks;
      engine.progress = { ...engine.progress, loaded: message.loaded };
      engine.busy = engine.asks.size > 0; // the worker answers the question that waited for it
      performance.mark("pf-engine-ready");
      clearInterval(engine.timer);
      changed();
    } else if (message.type === "failed") {
      fail(message.reason || "start", message.message);
    } else if (message.type === "answer" && engine.asks.has(message.id)) {
      if (message.marks) engine.marks = message.marks; // the first answer's, with the files fetched
      engine.asks.get(message.id)(message.result);
      engine.asks.delete(message.id);
      engine.busy = false;
    }
  });
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    if (worker === engine.worker) fail("start", event.message || "The engine could not start.");
  });
  worker.addEventListener("messageerror", () => fail("start", "The engine sent a message the page could not read."));
  clearInterval(engine.timer);
  engine.timer = setInterval(() => {
    const incomplete = !engine.expected || engine.progress.loaded < 0.98 * engine.expected;
    if (engine.state === "starting" && incomplete && performance.now() - engine.progress.lastByteMs > STALLED_MS) {
      fail("download", "The download stopped.");
    }
  }, 1000);
  const { worker: _script, ...rest } = urls;
  worker.postMessage({ type: "init", urls: rest });
  changed();
}

// `expected`: the bytes the worker will fetch (the build says), so a stopped download can be told from a slow start.
export function startEngine(urls, expected = 0) {
  if (engine.worker || engine.state === "failed") return;
  engine.urls = urls;
  engine.expected = expected;
  if (!engineSupported()) {
    fail("no-wasm", "This browser does not run WebAssembly in a worker.");
    return;
  }
  launch();
}

// Ends the worker (and whatever it was answering). The next startEngine() begins again.
export function stopEngine() {
  if (!engine.worker) return;
  engine.worker.terminate();
  engine.worker = null;
  clearInterval(engine.timer);
  settle({ error: "cancelled" });
  engine.state = "off";
  changed();
}

// After a failure, forget it and start again (a "Try again" button).
export function retryEngine() {
  if (engine.state !== "failed" || !engine.urls) return;
  engine.state = "off";
  engine.failure = null;
  startEngine(engine.urls, engine.expected);
}

export function askEngine(question) {
  if (!engine.worker || engine.state === "failed") {
    const failure = engine.failure || { reason: "off", message: "The engine is not running." };
    return Promise.resolve({ error: "engine-failed", ...failure });
  }
  // The same question again (the page set up twice, as Material's instant navigation can): one answer for both.
  const key = JSON.stringify(question);
  if (engine.asks.size && engine.current && engine.current.key === key) return engine.current.promise;
  if (engine.asks.size) {
    const ready = engine.state === "ready" && engine.busy;
    settle({ error: "cancelled" });
    if (ready) {
      // Python is busy with the old question and cannot be interrupted: start afresh.
      engine.worker.terminate();
      engine.worker = null;
      engine.restarts += 1;
      launch();
    }
  }
  const id = engine.next++;
  const promise = new Promise((resolve) => {
    engine.asks.set(id, resolve);
    engine.busy = engine.state === "ready";
    engine.worker.postMessage({ type: "ask", id, question });
  });
  engine.current = { key, promise };
  return promise;
}

// For tests and the benchmark.
export const engineProbe = {
  get state() { return engine.state; },
  get readyMs() { return engine.readyMs; },
  get marks() { return engine.marks; },
  get restarts() { return engine.restarts; },
  get progress() { return engine.progress; },
  get pending() { return engine.asks.size; },
  ask: askEngine,
};
