// The route finder page: wiring only. The question lives in the URL (url_state.mjs); plain questions are
// answered from routes.json, worked out when the site was built; anything about your situation goes to the
// Python engine (engine_client.mjs), which starts only when such a question is near: when the visitor opens
// or changes those controls, or the URL holds one. render.mjs lays out what Python sent.
//
// Material's instant navigation swaps page content without reloading, so the page is set up from `document$`
// each time it is shown, while the worker is started once per document and kept.

import { engineProbe, askEngine, engineFailure, engineProgress, engineState, onEngineChange, retryEngine, startEngine,
  stopEngine } from "./engine_client.mjs";
import { askWords, connectionAdvice, failureWords, progressWords, situationNote } from "./loading.mjs";
import { engineQuestion, linkNeedsEngine, needsEngine, questionSearch, readQuestion } from "./url_state.mjs";
import { el, renderCompare, renderDeadEnd, renderReach, renderReachMap, renderRoute, renderTools, renderWhatNext }
  from "./render.mjs";

const dataCache = new Map();

function absolute(root, name) {
  return new URL(root.dataset[name], location.href).href;
}

function engineUrls(root) {
  const urls = {};
  for (const name of ["worker", "pyodide", "wheel", "engine", "graph"]) urls[name] = absolute(root, name);
  if (root.dataset.library) urls.library = absolute(root, "library");
  if (root.dataset.lock) urls.lock = root.dataset.lock;
  return urls;
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

function fillForm(form, data, question) {
  const titleOf = (id) => (id && data.nodes[id] ? data.nodes[id].title : "");
  form.elements.from.value = question ? titleOf(question.from) : "";
  form.elements.to.value = question ? titleOf(question.to) : "";
  form.elements.earn.checked = Boolean(question && question.earn);
  form.elements.max.value = question && question.max ? String(question.max) : "";
  form.elements.hours.value = question && question.hours ? String(question.hours) : "";
  form.elements.within.value = question && question.within ? String(question.within) : "";
  const haveSay = form.elements["have-say"];
  if (haveSay) {
    haveSay.checked = Boolean(question && question.have);
    form.querySelector("#pf-have").hidden = !haveSay.checked;
  }
  for (const box of form.querySelectorAll('input[name="have"]')) box.checked = Boolean(question && question.have && question.have.includes(box.value));
  for (const box of form.querySelectorAll('input[name="avoid"]')) box.checked = Boolean(question && question.avoid.includes(box.value));
  if (question && question.avoid.length) form.querySelector("#pf-options").open = true;
}

// The form as URL parameters; stage titles become ids through the page's own option list (built by Python).
function formSearch(form) {
  const idOf = (input, list) => {
    const text = input.value.trim();
    const option = [...form.querySelectorAll(`#${list} option`)].find((o) => o.value.toLowerCase() === text.toLowerCase());
    return option ? option.dataset.id : text;
  };
  const params = new URLSearchParams();
  const from = idOf(form.elements.from, "pf-from-list");
  const to = idOf(form.elements.to, "pf-to-list");
  if (from) params.set("from", from);
  if (to) params.set("to", to);
  if (form.elements.earn.checked) params.set("earn", "1");
  for (const name of ["max", "hours"]) if (form.elements[name].value.trim()) params.set(name, form.elements[name].value.trim());
  if (!to && form.elements.within.value.trim()) params.set("within", form.elements.within.value.trim());
  for (const box of form.querySelectorAll('input[name="avoid"]:checked')) params.append("avoid", box.value);
  if (form.elements["have-say"] && form.elements["have-say"].checked) {
    const have = [...form.querySelectorAll('input[name="have"]:checked')].map((box) => box.value);
    params.set("have", have.length ? have.join(",") : "none");
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

function showProblems(root, problems) {
  const box = root.querySelector("#pf-problem");
  box.replaceChildren(...problems.map((text) => el("p", {}, text)));
  box.hidden = problems.length === 0;
}

function countWords(groups) {
  return groups.length === 1 ? "There is one route" : `There are ${groups.length} routes`;
}

// Said once when some routes go through any of several support jobs.
function groupWords(groups) {
  return groups.some((group) => group.size > 1) ? " Where a route can go through any of several support jobs, they are listed at that step." : "";
}

function renderRoutes(data, question, answer, source) {
  const from = data.nodes[question.from].title;
  const to = data.nodes[question.to].title;
  const groups = answer.groups;
  const general = [...new Set(answer.routes.flatMap((route) => (route.notes || []).slice((route.added || []).length)))];
  return [
    el("h2", { id: "pf-answer-heading", tabindex: "-1" }, `${countWords(groups)} from ${from} to ${to}`),
    general.length ? el("ul", { class: "pf-notes" }, general.map((text) => el("li", {}, text))) : null,
    el("div", { class: "pf-routes", "data-source": source }, groups.map((group, i) => renderRoute(data, group, i + 1))),
    groups.length === 1 ? el("p", { class: "pf-one" }, "With one route there is nothing to compare.")
      : renderCompare(groups, question, (pair) => {
        question.compare = pair;
        history.replaceState(history.state, "", `${location.pathname}${questionSearch(question)}`);
      }),
  ];
}

function statusFor(data, question, answer, source) {
  if (answer.reach) return `${answer.reach.length} ${answer.reach.length === 1 ? "role" : "roles"} you could get to, worked out just now in your browser.`;
  if (answer.error) return "No route with your choices. See the suggestion below.";
  const count = countWords(answer.groups);
  return source === "engine" ? `${count}, worked out just now in your browser for your situation.${groupWords(answer.groups)}`
    : `${count}, worked out when the site was built.${groupWords(answer.groups)}`;
}

// The engine's progress, its questions and its buttons, under the status line (which announces only the
// changes that matter: the progress here is not a live region, so a screen reader is not told every step).
function loadingBox(status) {
  const box = el("div", { class: "pf-loading", id: "pf-loading", hidden: "" });
  const text = el("p", { class: "pf-loading-text" });
  const bar = el("progress", { class: "pf-loading-bar", max: "1", "aria-label": "Download" });
  const buttons = el("div", { class: "pf-loading-buttons" });
  box.append(text, bar, buttons);
  status.after(box);
  let labels = "";
  return {
    show(words, share, actions) {
      box.hidden = false;
      text.hidden = !words;
      if (words && text.textContent !== words) text.textContent = words;
      bar.hidden = share === null || share === undefined;
      if (!bar.hidden) bar.value = share;
      const wanted = actions.map(([label]) => label).join("|");
      if (wanted !== labels) {
        labels = wanted;
        buttons.replaceChildren(...actions.map(([label, action]) => {
          const button = el("button", { type: "button", class: "md-button" }, label);
          button.addEventListener("click", action);
          return button;
        }));
      }
    },
    hide() {
      box.hidden = true;
    },
  };
}

function mount(root) {
  if (root.dataset.mounted) return;
  root.dataset.mounted = "1";
  root.classList.add("pf-js");
  const fallback = root.querySelector("#pf-nojs");
  const form = root.querySelector("#pf-form");
  const status = root.querySelector("#pf-status");
  const results = root.querySelector("#pf-results");
  form.hidden = false;
  if (fallback) fallback.hidden = true;
  // Save-Data or a very slow connection: ask before the download (once a document).
  let consented = !connectionAdvice(navigator.connection);
  const wake = () => { if (consented) startEngine(engineUrls(root), Number(root.dataset.engineBytes) || 0); };
  // The first sign of a situation question starts the engine, so it is ready by the time it is asked.
  for (const type of ["focusin", "change", "click"]) form.querySelector("#pf-situation").addEventListener(type, wake);
  form.elements.earn.addEventListener("change", wake);
  const haveSay = form.elements["have-say"];
  if (haveSay) haveSay.addEventListener("change", () => { form.querySelector("#pf-have").hidden = !haveSay.checked; });
  let shown = 0;
  let focusAfter = false;
  const total = Number(root.dataset.engineBytes) || 0;
  const download = Number(root.dataset.engineDownload) || 0;
  const loading = loadingBox(status);

  // Shows the answer to `search` (the page's own URL unless a submitted form gives one) and records it in the
  // address bar: `push` adds a history entry (a new question), otherwise the entry is corrected in place.
  const show = async (data, search = location.search, push = false) => {
    const ticket = ++shown;
    loading.hide();
    const { question, problems } = readQuestion(search, data);
    fillForm(form, data, question);
    showProblems(root, problems);
    // A question the page understood is kept in its one spelling; one it did not is kept as typed.
    const wanted = question && !problems.length ? questionSearch(question) : search;
    const record = () => {
      if (wanted === location.search) return;
      if (push) history.pushState({ finder: true }, "", `${location.pathname}${wanted}`);
      else history.replaceState(history.state, "", `${location.pathname}${wanted}`);
    };
    const finish = (parts, source, text) => {
      results.replaceChildren(...parts.filter(Boolean), renderTools(data));
      results.dataset.source = source;
      results.dataset.question = questionSearch(question);
      status.textContent = text;
      const mark = source === "static" ? "pf-first-answer" : "pf-engine-answer";
      if (!performance.getEntriesByName(mark).length) performance.mark(mark);
      results.querySelector(".pf-print-button").addEventListener("click", () => window.print());
      results.querySelector(".pf-copy-button").addEventListener("click", async () => {
        try {
          await navigator.clipboard.writeText(location.href);
          status.textContent = "Link to this plan copied.";
        } catch {
          status.textContent = `Copy this link: ${location.href}`;
        }
      });
      const heading = results.querySelector("#pf-answer-heading");
      if (focusAfter && heading) heading.focus();
      focusAfter = false;
    };
    if (!question || !question.from || question.from === question.to) {
      record();
      results.replaceChildren();
      delete results.dataset.source;
      delete results.dataset.question;
      status.textContent = question && question.from ? "Where you are now and where you want to get to are the same. Choose another role."
        : problems.length ? "Nothing to show yet: check the message above."
          : question && question.to ? `Choose where you are now to plan the route to ${data.nodes[question.to].title}.` : "";
      return;
    }
    if (!needsEngine(question)) {
      record();
      if (!question.to) {
        finish([renderWhatNext(data, question.from)], "static",
          `Choose where you want to get to, or a number of months to see where you could get to. Next steps from ${data.nodes[question.from].title} are below.`);
        return;
      }
      const answer = (data.routes[question.from] || {})[question.to];
      if (answer) {
        finish(renderRoutes(data, question, answer, "static"), "static", statusFor(data, question, answer, "static"));
        return;
      }
      // A very big graph's routes.json holds only the origins each career page lists ("partial"): ask the engine.
      if (!data.partial) {
        finish([...renderDeadEnd(data, question, { closed: [], relax: null }), renderWhatNext(data, question.from)], "static",
          "No route in this guide. See what next from where you are.");
        return;
      }
    }
    // Until the engine answers (or if it cannot), the plain answer from the static data, with what the
    // situation could change.
    const plain = (extra) => {
      const answer = question.to ? (data.routes[question.from] || {})[question.to] : null;
      const parts = answer ? renderRoutes(data, question, answer, "static")
        : [renderWhatNext(data, question.from)];
      const keep = focusAfter;
      finish([el("p", { class: "pf-plain-note" }, situationNote(question, data.settings)), ...parts], "static",
        extra);
      focusAfter = keep;
    };
    if (question.unknownHave.length) {
      record();
      plain("We do not know some of the qualifications in this link, so this is not planned from your "
        + "qualifications. Tick the ones you have under \"Your situation\" and search again.");
      return;
    }
    if (!consented && engineState() === "off") {
      record();
      plain("Planning from your situation needs a download first. Nothing has been downloaded yet.");
      loading.show(askWords(connectionAdvice(navigator.connection), download), null, [["Download and plan", () => {
        consented = true;
        wake();
        show(data);
      }]]);
      return;
    }
    wake();
    const failed = () => {
      plain(failureWords(engineFailure()));
      if (fallback) fallback.hidden = false;
      const failure = engineFailure();
      if (failure && failure.reason !== "no-wasm") loading.show(null, null, [["Try again", () => { retryEngine(); show(data); }]]);
    };
    if (engineState() === "failed") {
      record();
      failed();
      return;
    }
    if (engineState() !== "ready") {
      plain("Getting the route finder ready to plan from your situation. The routes below are for anyone until then.");
      results.setAttribute("aria-busy", "true");
    }
    performance.mark("pf-ask");
    const asked = askEngine(engineQuestion(question));
    record(); // while the engine works: the history update takes milliseconds of its own
    const askedAt = performance.now();
    let said30 = false;
    const tick = () => {
      if (ticket !== shown) return;
      const now = performance.now();
      if (engineState() === "starting") {
        const progress = engineProgress();
        const words = progressWords({ loaded: progress.loaded, elapsed: now - progress.startedMs,
          idle: now - progress.lastByteMs }, total, download);
        loading.show(words.text, words.share, [["Stop", stopHere]]);
        return;
      }
      const seconds = Math.round((now - askedAt) / 1000);
      if (seconds >= 30 && !said30) {
        said30 = true;
        status.textContent = "This question has taken more than 30 seconds. You can stop it and ask another.";
      }
      if (seconds >= 3) loading.show(`Working out your plan: ${seconds} seconds so far.`, null, [["Stop", stopHere]]);
    };
    const stopHere = () => {
      stopEngine();
      loading.hide();
      status.textContent = "Stopped. The routes below are for anyone; ask again to plan from your situation.";
      results.removeAttribute("aria-busy");
    };
    tick();
    const timer = setInterval(tick, 500);
    const answer = await asked;
    clearInterval(timer);
    if (ticket !== shown || !root.isConnected || answer.error === "cancelled") return;
    performance.mark("pf-answered");
    results.removeAttribute("aria-busy");
    loading.hide();
    if (answer.error === "engine-failed" || answer.error === "unknown-stage" || answer.error === "engine") {
      failed();
      return;
    }
    if (fallback) fallback.hidden = true;
    const parts = answer.reach ? renderReach(data, question, answer)
      : answer.error ? [...renderDeadEnd(data, question, answer), renderWhatNext(data, question.from)]
        : renderRoutes(data, question, answer, "engine");
    finish(parts, "engine", statusFor(data, question, answer, "engine"));
    if (answer.reach && answer.reach.length && root.dataset.map) {
      const map = await renderReachMap(absolute(root, "map"), data, question, answer);
      if (map && ticket === shown && root.isConnected) results.querySelector(".pf-reach").after(map);
    }
  };

  loadData(root).then((data) => {
    const refresh = () => { if (root.isConnected) show(data); };
    root.refresh = refresh;
    onEngineChange((state) => { if (state === "failed" && root.isConnected) refresh(); });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      focusAfter = true;
      if (root.isConnected) show(data, formSearch(form), true);
    });
    refresh();
  }, () => {
    status.textContent = "The route finder could not load its answers. Every career page lists the routes into it.";
    form.hidden = true;
    if (fallback) fallback.hidden = false;
  });
}

function setUp() {
  const root = document.getElementById("pf-finder");
  if (root) mount(root);
}

// A link that asks about a situation starts the engine as this module runs (the document is parsed by then),
// not once the page's answers have arrived and Material's scripts have run: on a phone on 4G that was about
// 0.9 s later (measured). Never on Save-Data or a very slow connection, where the page asks first.
function startForLink() {
  performance.mark("pf-script");
  const root = document.getElementById("pf-finder");
  if (!root || connectionAdvice(navigator.connection)) return;
  const offered = (name) => [...root.querySelectorAll(`input[name="${name}"]`)].map((box) => box.value);
  if (linkNeedsEngine(location.search, { have: offered("have"), settings: offered("avoid") })) {
    startEngine(engineUrls(root), Number(root.dataset.engineBytes) || 0);
  }
}

startForLink();
window.pathfinderFinder = engineProbe;
window.addEventListener("popstate", () => {
  const root = document.getElementById("pf-finder");
  if (root && root.refresh) root.refresh();
});
// The finder page loads Material's bundle with `defer` (docs/overrides/finder.html), so on a full load this
// module may run before the bundle: wait for the parsed document, by when deferred scripts have all run. Then
// follow Material's document$ where it exists (instant navigation shows this page again without running this
// module again), else set up once.
function start() {
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else {
    setUp();
  }
}

if (window.document$ || document.readyState === "complete") {
  start();
} else {
  document.addEventListener("DOMContentLoaded", start, { once: true });
}
