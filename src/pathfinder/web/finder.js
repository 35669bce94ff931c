// The route finder page script: a plain ES module, no framework.
//
// The first answer comes from routes.json, worked out when the site was built. A module worker starts the
// project's own Python route code in Pyodide as soon as the page opens; once it is ready it answers questions
// with filters. The status line always says which is showing. All state lives in the URL
// (finder/?from=ID&to=ID[&earn=1][&max=N][&avoid=SETTING...]), so back and forward work.
//
// Material's instant navigation swaps page content without reloading, so the page is set up from `document$`
// each time it is shown, while the worker is started once per document and kept.

const MAX_PARAM = 80;
const MAX_MONTHS = 600;
const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const START_TIMEOUT_MS = 60000;

// One worker per document, kept across instant navigation.
const engine = { worker: null, state: "off", asks: new Map(), next: 1, readyMs: null, timer: null, listeners: new Set() };
const dataCache = new Map();
let popstateBound = false;

// ---- small helpers --------------------------------------------------------------------------------------------

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function monthsText(months) {
  if (months === 0) return "no training time";
  const years = months % 12 === 0 && months >= 24 ? ` (${months / 12} years)` : "";
  return `${months} ${months === 1 ? "month" : "months"}${years}`;
}

function shorten(text) {
  const plain = String(text);
  return plain.length > 60 ? `${plain.slice(0, 57)}...` : plain;
}

function listSentence(items) {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

// ---- the question, from and to the URL ------------------------------------------------------------------------

function idForTitle(data, text, kinds) {
  const wanted = String(text).trim().replace(/\s+/g, " ").toLowerCase();
  if (!wanted || wanted.length > MAX_PARAM) return null;
  for (const [id, node] of Object.entries(data.nodes)) {
    if (kinds.includes(node.kind) && (id === wanted || node.title.toLowerCase() === wanted)) return id;
  }
  return null;
}

// Returns {question, problems}. `question` is null when the URL asks nothing; problems are plain sentences.
export function readQuestion(search, data) {
  const params = new URLSearchParams(search);
  const problems = [];
  const one = (name) => {
    const values = params.getAll(name);
    if (values.length > 1) problems.push(`The link gives "${name}" more than once. Choose again below.`);
    return values.length ? values[0] : null;
  };
  const from = one("from");
  const to = one("to");
  const earn = one("earn");
  const max = one("max");
  const compare = one("compare");
  const avoid = params.getAll("avoid").flatMap((value) => value.split(",")).filter((value) => value !== "");
  const stage = (given, label, kinds) => {
    if (given === null || given === "") return null;
    // The form sends titles when the page script did not handle it (no JavaScript yet): accept those too.
    const value = data.nodes[given] ? given : (idForTitle(data, given, kinds) || given);
    if (value.length > MAX_PARAM || !ID_PATTERN.test(value) || !data.nodes[value]
        || !kinds.includes(data.nodes[value].kind)) {
      problems.push(`We do not know "${shorten(value)}" as ${label}. Choose from the list below.`);
      return null;
    }
    return value;
  };
  const question = {
    from: stage(from, "a place to start from", ["start", "role"]),
    to: stage(to, "a role to get to", ["role"]),
    earn: earn === "1" || earn === "on" || earn === "true",
    max: null,
    avoid: [],
    compare: null,
  };
  if (earn !== null && !question.earn && earn !== "0" && earn !== "") {
    problems.push(`"earn" should be 1 or left out, not "${shorten(earn)}".`);
  }
  if (max !== null && max !== "") {
    if (!/^\d{1,4}$/.test(max.trim()) || Number(max) < 1 || Number(max) > MAX_MONTHS) {
      problems.push(`The most months in total must be a whole number from 1 to ${MAX_MONTHS}, not "${shorten(max)}".`);
    } else {
      question.max = Number(max);
    }
  }
  for (const value of avoid) {
    if (!Object.hasOwn(data.settings, value)) problems.push(`We do not know the setting "${shorten(value)}".`);
    else if (!question.avoid.includes(value)) question.avoid.push(value);
  }
  question.avoid.sort();
  if (compare !== null && compare !== "") {
    const pair = /^([1-5]),([1-5])$/.exec(compare.trim());
    if (pair) question.compare = [Number(pair[1]) - 1, Number(pair[2]) - 1];
    else problems.push(`"compare" should be two route numbers such as 1,2, not "${shorten(compare)}".`);
  }
  const asked = from !== null || to !== null;
  return { question: asked ? question : null, problems };
}

export function questionSearch(question) {
  const params = new URLSearchParams();
  if (question.from) params.set("from", question.from);
  if (question.to) params.set("to", question.to);
  if (question.earn) params.set("earn", "1");
  if (question.max) params.set("max", String(question.max));
  for (const setting of question.avoid) params.append("avoid", setting);
  if (question.compare) params.set("compare", question.compare.map((i) => i + 1).join(","));
  const text = params.toString();
  return text ? `?${text}` : "";
}

function isFiltered(question) {
  return question.earn || question.max !== null || question.avoid.length > 0;
}

// ---- the engine (worker) --------------------------------------------------------------------------------------

// The engine downloads several megabytes. A visitor whose browser asks to save data (Save-Data) gets it only
// when a question with options needs it; plain questions are answered from the static data either way.
function savingData() {
  return Boolean(navigator.connection && navigator.connection.saveData);
}

function absolute(root, name) {
  return new URL(root.dataset[name], location.href).href;
}

function startEngine(root) {
  if (engine.worker || engine.state === "failed") return;
  const fail = (message) => {
    if (engine.state === "failed") return;
    engine.state = "failed";
    engine.failure = message;
    clearTimeout(engine.timer);
    for (const [, resolve] of engine.asks) resolve({ error: "engine-failed", message });
    engine.asks.clear();
    for (const listener of engine.listeners) listener();
  };
  if (typeof Worker !== "function" || typeof WebAssembly !== "object") {
    fail("This browser cannot run the route finder's engine.");
    return;
  }
  engine.state = "starting";
  performance.mark("pf-worker-start");
  engine.startedAt = performance.now();
  try {
    engine.worker = new Worker(absolute(root, "worker"), { type: "module", name: "route-finder" });
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
      for (const listener of engine.listeners) listener();
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
  const urls = {};
  for (const name of ["pyodide", "wheel", "engine", "graph"]) urls[name] = absolute(root, name);
  if (root.dataset.snapshot) urls.snapshot = absolute(root, "snapshot");
  engine.worker.postMessage({ type: "init", urls });
}

// Ask the Python engine; resolves with its JSON answer (or an error object). Used for filtered questions.
function askEngine(question) {
  if (!engine.worker || engine.state === "failed") {
    return Promise.resolve({ error: "engine-failed", message: engine.failure || "The engine is not running." });
  }
  const id = engine.next++;
  return new Promise((resolve) => {
    engine.asks.set(id, resolve);
    engine.worker.postMessage({ type: "ask", id, question: { ...question, limit: 5 } });
  });
}

// ---- answers --------------------------------------------------------------------------------------------------

// The static answer in the engine's shape: {routes: [{stages, months, earn_while_learning}]}.
function staticAnswer(data, question) {
  const found = (data.routes[question.from] || {})[question.to] || [];
  if (!found.length) return { error: "no-route" };
  return { routes: found.map(([months, earns, stages]) => ({ stages, months, earn_while_learning: !!earns })) };
}

function loadData(root) {
  const url = absolute(root, "routes");
  if (!dataCache.has(url)) {
    dataCache.set(url, fetch(url).then((response) => {
      if (!response.ok) throw new Error(`routes.json answered ${response.status}`);
      return response.json();
    }));
  }
  return dataCache.get(url);
}

// ---- rendering ------------------------------------------------------------------------------------------------

function stageLink(data, id) {
  const node = data.nodes[id];
  return el("a", { href: new URL(`../${node.url}`, location.href).pathname }, node.title);
}

function requiresFor(data, fromId, toId) {
  const link = (data.next[fromId] || []).find((entry) => entry.to === toId);
  return link ? { requires: link.requires || [], note: link.note } : { requires: [], note: null };
}

function requiresList(requires) {
  if (!requires.length) return [];
  if (requires.length === 1) return [el("p", { class: "pf-requires" }, `To start: ${requires[0]}`)];
  return [el("p", { class: "pf-requires" }, "To start you need:"),
    el("ul", { class: "pf-requires-list" }, requires.map((text) => el("li", {}, text)))];
}

function renderStep(data, route, index, running) {
  const id = route.stages[index];
  const node = data.nodes[id];
  const last = index === route.stages.length - 1;
  const item = el("li", { class: "pf-step" }, el("span", { class: "pf-step-title" }, stageLink(data, id)));
  if (index === 0) {
    item.append(el("span", { class: "pf-step-meta" }, " - where you are now"));
    return item;
  }
  const months = last ? 0 : node.months;
  const meta = [];
  if (!last) meta.push(`${monthsText(months)}, ${monthsText(running)} so far`);
  else meta.push(`you arrive after ${monthsText(running)}`);
  item.append(el("span", { class: "pf-step-meta" }, ` - ${meta.join("")}`));
  if (node.kind === "training") {
    item.append(node.earn
      ? el("span", { class: "pf-earn" }, "Earn while you learn")
      : el("span", { class: "pf-unpaid" }, "Study without pay"));
  }
  const { requires, note } = requiresFor(data, route.stages[index - 1], id);
  item.append(...requiresList(requires));
  if (note) item.append(el("p", { class: "pf-note" }, note));
  return item;
}

function routeFacts(data, route) {
  const inner = route.stages.slice(1);
  const training = inner.filter((id) => data.nodes[id].kind === "training");
  const funding = training.flatMap((id) => data.nodes[id].funding || []);
  const pay = route.earn_while_learning
    ? "You earn throughout"
    : `Study without pay: ${listSentence(training.filter((id) => !data.nodes[id].earn).map((id) => data.nodes[id].title))}`;
  return {
    time: monthsText(route.months),
    pay,
    funding: funding.length ? funding.join(" ") : "No funding details for this route",
    registration: inner.some((id) => data.nodes[id].registered) ? "Yes" : "No",
    steps: String(route.stages.length - 1),
  };
}

function renderRoute(data, route, number) {
  let running = 0;
  const steps = route.stages.map((id, index) => {
    if (index > 0 && index < route.stages.length - 1) running += data.nodes[id].months;
    return renderStep(data, route, index, running);
  });
  const headingId = `pf-route-${number}`;
  const earn = route.earn_while_learning ? "you earn while you learn throughout" : "includes study without pay";
  return el("section", { class: "pf-route", "aria-labelledby": headingId, "data-stages": route.stages.join(" ") },
    el("h3", { id: headingId }, `Route ${number}: about ${monthsText(route.months)}`),
    el("p", { class: "pf-route-summary", "data-months": route.months, "data-earn": route.earn_while_learning ? "1" : "0" },
      `${route.stages.length - 1} steps, ${earn}.`),
    el("ol", { class: "pf-steps" }, steps));
}

// The two routes chosen are kept in the URL (compare=A,B), replacing the entry so back still goes to the
// previous question.
function renderCompare(data, found, question) {
  if (found.length < 2) return null;
  const [first, second] = (question.compare || [0, 1]).map((i) => (i < found.length ? i : 0));
  const choose = (id, label, selected) => el("div", { class: "pf-field" },
    el("label", { for: id }, label),
    el("select", { id }, found.map((_, i) => el("option", { value: i, selected: i === selected }, `Route ${i + 1}`))));
  const table = el("table", { class: "pf-compare-table" });
  const wrap = el("section", { class: "pf-compare", "aria-labelledby": "pf-compare-heading" },
    el("h2", { id: "pf-compare-heading" }, "Compare two routes"),
    el("div", { class: "pf-compare-choose" }, choose("pf-compare-a", "First route", first),
      choose("pf-compare-b", "Second route", second)),
    table);
  const fill = () => {
    const a = Number(wrap.querySelector("#pf-compare-a").value);
    const b = Number(wrap.querySelector("#pf-compare-b").value);
    const [fa, fb] = [routeFacts(data, found[a]), routeFacts(data, found[b])];
    const rows = [["Total time", "time"], ["Pay while training", "pay"], ["Funding", "funding"],
      ["Leads to registration with the GPhC", "registration"], ["Steps", "steps"]];
    table.replaceChildren(
      el("caption", {}, `Route ${a + 1} and route ${b + 1} side by side`),
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "What"),
        el("th", { scope: "col" }, `Route ${a + 1}`), el("th", { scope: "col" }, `Route ${b + 1}`))),
      el("tbody", {}, rows.map(([label, key]) => el("tr", {}, el("th", { scope: "row" }, label),
        el("td", {}, fa[key]), el("td", {}, fb[key])))));
  };
  wrap.addEventListener("change", () => {
    fill();
    question.compare = [Number(wrap.querySelector("#pf-compare-a").value), Number(wrap.querySelector("#pf-compare-b").value)];
    history.replaceState(history.state, "", `${location.pathname}${questionSearch(question)}`);
  });
  fill();
  return wrap;
}

function keepsFilters(data, id, question) {
  const node = data.nodes[id];
  if (question.earn && node.kind === "training" && !node.earn) return false;
  if (question.avoid.length && node.settings.length && node.settings.every((s) => question.avoid.includes(s))) return false;
  if (question.max !== null && node.kind === "training" && node.months > question.max) return false;
  return true;
}

function renderWhatNext(data, question) {
  const onward = (data.next[question.from] || []).filter((link) => keepsFilters(data, link.to, question));
  const from = data.nodes[question.from];
  const section = el("section", { class: "pf-next", "aria-labelledby": "pf-next-heading" },
    el("h2", { id: "pf-next-heading" }, `What next from ${from.title}`));
  if (!onward.length) {
    section.append(el("p", {}, isFiltered(question)
      ? "None of the next steps from here fit your options." : "This page lists no next steps from here."));
    return section;
  }
  section.append(el("ul", {}, onward.map((link) => {
    const node = data.nodes[link.to];
    const item = el("li", {}, stageLink(data, link.to));
    if (node.kind === "training") item.append(` - ${monthsText(node.months)}${node.earn ? ", earn while you learn" : ""}`);
    item.append(...requiresList(link.requires));
    return item;
  })));
  return section;
}

function renderAnswer(root, data, question, answer, source) {
  const results = root.querySelector("#pf-results");
  const from = data.nodes[question.from].title;
  const to = data.nodes[question.to].title;
  const parts = [];
  if (answer.error) {
    parts.push(el("p", { class: "pf-none" }, answer.error === "no-route" && isFiltered(question) && source === "engine"
      ? `There is no route from ${from} to ${to} with the options you chose. Try fewer options.`
      : `There is no route from ${from} to ${to} in this guide. See what next from where you are, below.`));
  } else {
    parts.push(el("h2", { id: "pf-routes-heading" }, `Routes from ${from} to ${to}`));
    parts.push(el("div", { class: "pf-routes", "data-source": source },
      answer.routes.map((route, i) => renderRoute(data, route, i + 1))));
    parts.push(renderCompare(data, answer.routes, question));
  }
  parts.push(renderWhatNext(data, question));
  parts.push(el("p", { class: "pf-print" }, el("button", { type: "button", class: "md-button pf-print-button" },
    "Print this plan")));
  results.replaceChildren(...parts.filter(Boolean));
  results.dataset.source = source;
  results.dataset.question = questionSearch(question);
  const mark = source === "static" ? "pf-first-answer" : "pf-engine-answer";
  if (!performance.getEntriesByName(mark).length) performance.mark(mark);
  results.querySelector(".pf-print-button").addEventListener("click", () => window.print());
}

function statusText(question, answer, source) {
  const count = answer.error ? "No routes found" : `${answer.routes.length} ${answer.routes.length === 1 ? "route" : "routes"} found`;
  if (source === "engine") return `${count}, worked out just now in your browser with your options.`;
  if (!isFiltered(question)) return `${count}. These answers were worked out when the site was built.`;
  if (engine.state === "failed") {
    return `${count} without your options. The route finder could not start in this browser, so your options are not applied.`;
  }
  return `${count} without your options. Your options will be applied when the route finder has started, in a few seconds.`;
}

// ---- the page -------------------------------------------------------------------------------------------------

function fillForm(form, data, question) {
  const titleOf = (id) => (id && data.nodes[id] ? data.nodes[id].title : "");
  form.elements.from.value = question ? titleOf(question.from) : "";
  form.elements.to.value = question ? titleOf(question.to) : "";
  form.elements.earn.checked = Boolean(question && question.earn);
  form.elements.max.value = question && question.max ? String(question.max) : "";
  for (const box of form.querySelectorAll('input[name="avoid"]')) box.checked = Boolean(question && question.avoid.includes(box.value));
  if (question && (question.earn || question.max || question.avoid.length)) form.querySelector("#pf-options").open = true;
}

function idFromInput(data, input, kinds) {
  const text = input.value.trim();
  if (!text) return { id: null };
  const id = idForTitle(data, text, kinds);
  return id ? { id } : { id: null, unknown: text };
}

function showProblems(root, problems) {
  const box = root.querySelector("#pf-problem");
  box.replaceChildren(...problems.map((text) => el("p", {}, text)));
  box.hidden = problems.length === 0;
}

function mount(root) {
  if (root.dataset.mounted) return;
  root.dataset.mounted = "1";
  root.classList.add("pf-js");
  const fallback = root.querySelector("#pf-nojs");
  if (fallback) fallback.hidden = true;
  if (!savingData()) startEngine(root);
  const form = root.querySelector("#pf-form");
  const status = root.querySelector("#pf-status");
  const results = root.querySelector("#pf-results");
  let shown = 0;

  const show = async (data) => {
    const ticket = ++shown;
    const { question, problems } = readQuestion(location.search, data);
    fillForm(form, data, question);
    showProblems(root, problems);
    if (!question || !question.from || !question.to || question.from === question.to) {
      results.replaceChildren();
      delete results.dataset.source;
      delete results.dataset.question;
      if (question && question.from && question.to) {
        status.textContent = "Where you are now and where you want to get to are the same. Choose another role.";
      } else if (question && question.from && !problems.length) {
        results.replaceChildren(renderWhatNext(data, question));
        status.textContent = `Choose where you want to get to. Next steps from ${data.nodes[question.from].title} are below.`;
      } else {
        status.textContent = problems.length ? "Nothing to show yet: check the message above." : "";
      }
      return;
    }
    const canonical = questionSearch(question);
    if (!problems.length && canonical !== location.search) {
      history.replaceState(history.state, "", `${location.pathname}${canonical}`);
    }
    const quick = staticAnswer(data, question);
    renderAnswer(root, data, question, quick, "static");
    status.textContent = statusText(question, quick, "static");
    // A big graph's routes.json holds only the origins each career page lists ("partial"): ask the engine.
    if ((!isFiltered(question) && !(quick.error && data.partial)) || engine.state === "failed") return;
    startEngine(root); // already running unless the visitor saves data
    const answer = await askEngine(question);
    if (ticket !== shown || !root.isConnected) return;
    if (answer.error && answer.error !== "no-route") {
      // The engine could not answer this one: keep the static answer and say so.
      status.textContent = answer.error === "engine-failed" ? statusText(question, quick, "static")
        : "The route finder could not apply your options to this question. These are all routes, without your options.";
      return;
    }
    renderAnswer(root, data, question, answer, "engine");
    status.textContent = statusText(question, answer, "engine");
  };

  loadData(root).then((data) => {
    const refresh = () => { if (root.isConnected) show(data); };
    root.refresh = refresh;
    engine.listeners.add(() => {
      if (!root.isConnected) return;
      if (engine.state === "failed") refresh();
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const from = idFromInput(data, form.elements.from, ["start", "role"]);
      const to = idFromInput(data, form.elements.to, ["role"]);
      const unknown = [from.unknown, to.unknown].filter(Boolean).map((text) => `We do not know "${shorten(text)}". Choose from the list.`);
      if (unknown.length) {
        showProblems(root, unknown);
        status.textContent = "Nothing to show yet: check the message above.";
        return;
      }
      const max = form.elements.max.value.trim();
      const params = new URLSearchParams();
      if (from.id) params.set("from", from.id);
      if (to.id) params.set("to", to.id);
      if (form.elements.earn.checked) params.set("earn", "1");
      if (max) params.set("max", max);
      for (const box of form.querySelectorAll('input[name="avoid"]:checked')) params.append("avoid", box.value);
      const search = params.toString() ? `?${params}` : "";
      if (search !== location.search) history.pushState({ finder: true }, "", `${location.pathname}${search}`);
      refresh();
    });
    refresh();
  }, () => {
    status.textContent = "The route finder could not load its answers. Every career page lists the routes into it.";
    if (fallback) fallback.hidden = false;
  });
}

function setUp() {
  const root = document.getElementById("pf-finder");
  if (root) mount(root);
}

function onPopState() {
  const root = document.getElementById("pf-finder");
  if (root && root.refresh) root.refresh();
}

// For tests and the benchmark: the engine's state and a way to ask it directly.
window.pathfinderFinder = {
  get state() { return engine.state; },
  get readyMs() { return engine.readyMs; },
  get marks() { return engine.marks; },
  ask: askEngine,
};

if (!popstateBound) {
  popstateBound = true;
  window.addEventListener("popstate", onPopState);
}
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(setUp);
} else {
  setUp();
}
