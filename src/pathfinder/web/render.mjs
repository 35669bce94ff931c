// Rendering: builds the answer from what Python sent (routes.json at build time, or the engine). Every time,
// step and yes/no here is a word Python chose; this module only lays them out.

import { questionSearch } from "./url_state.mjs";

const QUALIFICATION = "qualification:";

export function el(tag, attributes = {}, ...children) {
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

// A link that prints with its full address (print CSS shows data-full).
function link(href, text) {
  const full = new URL(href, location.href).href;
  return el("a", { href: full.startsWith(location.origin) ? new URL(full).pathname : full, "data-full": full }, text);
}

function stageLink(data, id, title) {
  if (id.startsWith(QUALIFICATION)) return el("span", {}, title);
  return link(`../${data.nodes[id].url}`, data.nodes[id].title);
}

function requiresFor(data, fromId, toId) {
  const found = (data.next[fromId] || []).find((entry) => entry.to === toId);
  return found ? { requires: found.requires || [], note: found.note } : { requires: [], note: null };
}

function requiresList(requires) {
  if (!requires.length) return [];
  if (requires.length === 1) return [el("p", { class: "pf-requires" }, `To start: ${requires[0]}`)];
  return [el("p", { class: "pf-requires" }, "To start you need:"),
    el("ul", { class: "pf-requires-list" }, requires.map((text) => el("li", {}, text)))];
}

// Python words each step's mark (paid training, study alongside work or study without pay): route.words.marks.
const MARK_CLASS = { "Earn while you learn": "pf-earn", "Study alongside work": "pf-alongside" };

function payMark(route, index) {
  const mark = ((route.words || {}).marks || [])[index];
  return mark ? el("span", { class: MARK_CLASS[mark] || "pf-unpaid" }, mark) : null;
}

function renderStep(data, group, index) {
  const { route, choices } = group;
  const id = route.stages[index];
  const title = choices && choices.at === index
    ? [`One of these jobs: `, ...choices.stages.flatMap((choice, i) => [i ? (i === choices.stages.length - 1 ? " or " : ", ") : "",
      stageLink(data, choice)])]
    : [stageLink(data, id, route.titles[index])];
  const item = el("li", { class: "pf-step" }, el("span", { class: "pf-step-title" }, title),
    el("span", { class: "pf-step-meta" }, ` - ${route.words.steps[index]}`));
  if (index === 0) return item;
  const mark = payMark(route, index);
  if (mark) item.append(mark);
  const added = (route.added || []).find((entry) => entry.at === index);
  if (added) {
    item.append(el("p", { class: "pf-added" }, `Added because you said you do not have ${added.name}. ${added.summary} `,
      el("a", { href: added.source.url, "data-full": added.source.url }, `Source: ${added.source.title}`)));
    for (const advice of added.advice || []) {
      item.append(el("p", { class: "pf-advice" }, `${advice.text} `,
        el("a", { href: advice.source.url, "data-full": advice.source.url }, `Source: ${advice.source.title}`)));
    }
    return item;
  }
  if (choices && choices.at === index) return item; // what each job asks differs: its own page says
  const previous = [...route.stages.slice(0, index)].reverse().find((s) => !s.startsWith(QUALIFICATION));
  const { requires, note } = requiresFor(data, previous, id);
  item.append(...requiresList(requires));
  if (note) item.append(el("p", { class: "pf-note" }, note));
  return item;
}

// Every route a group stands for, in the CLI's terms (the tests compare these).
export function groupStages(group) {
  const { route, choices } = group;
  if (!choices) return [route.stages];
  return choices.stages.map((choice) => route.stages.map((s, i) => (i === choices.at ? choice : s)));
}

export function renderRoute(data, group, number) {
  const { route } = group;
  const headingId = `pf-route-${number}`;
  const earn = route.earn_while_learning ? "you earn while you learn throughout" : "includes study without pay";
  return el("section", { class: "pf-route", "aria-labelledby": headingId,
    "data-stages": groupStages(group).map((stages) => stages.join(" ")).join("|") },
  el("h3", { id: headingId }, `Route ${number}: ${route.words.time}`),
  el("p", { class: "pf-route-summary", "data-months": route.months, "data-earn": route.earn_while_learning ? "1" : "0" },
    `${route.words.count}, ${earn}.`),
  el("ol", { class: "pf-steps" }, route.stages.map((_, index) => renderStep(data, group, index))));
}

export function renderCompare(groups, question, onChoose) {
  if (groups.length < 2) return null;
  const [first, second] = (question.compare || [0, 1]).map((i) => (i < groups.length ? i : 0));
  const choose = (id, label, selected) => el("div", { class: "pf-field" }, el("label", { for: id }, label),
    el("select", { id }, groups.map((_, i) => el("option", { value: i, selected: i === selected }, `Route ${i + 1}`))));
  const table = el("table", { class: "pf-compare-table" });
  const wrap = el("section", { class: "pf-compare", "aria-labelledby": "pf-compare-heading" },
    el("h2", { id: "pf-compare-heading" }, "Compare two routes"),
    el("div", { class: "pf-compare-choose" }, choose("pf-compare-a", "First route", first),
      choose("pf-compare-b", "Second route", second)), table);
  const rows = [["Total time", "time"], ["Pay while training", "pay"],
    ["Registered with the GPhC at the end", "registration"], ["Steps", "count"]];
  const fill = () => {
    const a = Number(wrap.querySelector("#pf-compare-a").value);
    const b = Number(wrap.querySelector("#pf-compare-b").value);
    const [wa, wb] = [groups[a].route.words, groups[b].route.words];
    table.replaceChildren(
      el("caption", {}, `Route ${a + 1} and route ${b + 1} side by side`),
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "What"),
        el("th", { scope: "col" }, `Route ${a + 1}`), el("th", { scope: "col" }, `Route ${b + 1}`))),
      el("tbody", {}, rows.map(([label, key]) => el("tr", {}, el("th", { scope: "row" }, label),
        el("td", {}, wa[key]), el("td", {}, wb[key])))));
    return [a, b];
  };
  wrap.addEventListener("change", () => onChoose(fill()));
  fill();
  return wrap;
}

export function renderWhatNext(data, from) {
  const onward = data.next[from] || [];
  const section = el("section", { class: "pf-next", "aria-labelledby": "pf-next-heading" },
    el("h2", { id: "pf-next-heading" }, `What next from ${data.nodes[from].title}`));
  if (!onward.length) {
    section.append(el("p", {}, "This guide lists no next steps from here."));
    return section;
  }
  section.append(el("ul", {}, onward.map((next) => el("li", {}, stageLink(data, next.to), ...requiresList(next.requires)))));
  return section;
}

// A dead end: why, and the nearest change that gives a route, as a link to that plan.
export function renderDeadEnd(data, question, answer) {
  const from = data.nodes[question.from].title;
  const to = data.nodes[question.to].title;
  const parts = [el("h2", { id: "pf-answer-heading", tabindex: "-1" }, `No route from ${from} to ${to} with your choices`)];
  for (const text of answer.closed || []) parts.push(el("p", { class: "pf-closed" }, text));
  if (answer.relax) {
    const changed = { ...question, compare: null };
    if (answer.relax.change === "max") changed.max = answer.relax.max;
    if (answer.relax.change === "earn") changed.earn = false;
    if (answer.relax.change === "avoid") changed.avoid = [];
    parts.push(el("p", { class: "pf-relax" }, `${answer.relax.text} `,
      el("a", { href: `${location.pathname}${questionSearch(changed)}`, class: "pf-relax-link" }, "Show that plan")));
  } else if (!(answer.closed || []).length) {
    parts.push(el("p", { class: "pf-none" }, `There is no route from ${from} to ${to} in this guide. See what next from where you are, below.`));
  }
  return parts;
}

export function renderReach(data, question, answer) {
  const from = data.nodes[question.from].title;
  const within = question.within ? ` within ${question.within} months` : "";
  const heading = el("h2", { id: "pf-answer-heading", tabindex: "-1" }, `Where you could get to from ${from}${within}`);
  if (!answer.reach.length && !(answer.varies || []).length) {
    return [heading, ...(answer.closed || []).map((text) => el("p", { class: "pf-closed" }, text)),
      el("p", { class: "pf-none" }, "No role can be reached under these conditions. Try more months.")];
  }
  const item = (entry) => {
    const plan = { ...question, to: entry.to, within: null, compare: null };
    return el("li", { "data-to": entry.to, "data-months": entry.months }, stageLink(data, entry.to), ` - ${entry.time}. `,
      el("a", { href: `${location.pathname}${questionSearch(plan)}` }, `Plan the route to ${data.nodes[entry.to].title}`));
  };
  const parts = [heading, el("ol", { class: "pf-reach" }, answer.reach.map(item))];
  // Jobs whose route asks for time in a job that varies: never counted as within the months (Python words it).
  if ((answer.varies || []).length) {
    parts.push(el("p", { class: "pf-varies" }, answer.varies_text), el("ol", { class: "pf-reach-varies" }, answer.varies.map(item)));
  }
  return parts;
}

export function renderTools(data) {
  return el("div", { class: "pf-tools" },
    el("p", { class: "pf-print-only pf-plan-address" }, "This plan: ", el("span", { class: "pf-plan-url" }, location.href)),
    data.checked ? el("p", { class: "pf-checked" }, `The facts in this guide were last checked on ${data.checked}.`) : null,
    el("p", { class: "pf-actions" },
      el("button", { type: "button", class: "md-button pf-copy-button" }, "Copy link to this plan"), " ",
      el("button", { type: "button", class: "md-button pf-print-button" }, "Print this plan")));
}

// The career map (the site's own SVG, fetched only for a "where could I get to" answer) with the roles you
// could reach and where you are marked. Resolves to null when the map cannot be read: the list says it all.
export async function renderReachMap(mapUrl, data, question, answer) {
  try {
    const response = await fetch(mapUrl);
    if (!response.ok) return null;
    const svg = new DOMParser().parseFromString(await response.text(), "image/svg+xml").documentElement;
    if (svg.nodeName !== "svg") return null;
    const reached = new Set(answer.reach.map((entry) => data.nodes[entry.to].url));
    const here = data.nodes[question.from].url;
    let marked = 0;
    for (const node of svg.querySelectorAll("a.pf-map-node")) {
      const url = (node.getAttribute("href") || "").replace(/^(\.\.\/)+/, "");
      const box = node.querySelector("rect");
      if (!box) continue;
      if (reached.has(url)) {
        box.setAttribute("fill", "#cce2d8");
        box.setAttribute("stroke-width", "5");
        node.classList.add("pf-map-reached");
        marked += 1;
      } else if (url === here) {
        box.setAttribute("fill", "#fff7bf");
        box.setAttribute("stroke-width", "5");
        node.classList.add("pf-map-here");
      }
    }
    if (!marked) return null;
    for (const element of svg.querySelectorAll("[id]")) element.id = `pf-reach-${element.id}`;
    for (const element of svg.querySelectorAll("[aria-labelledby]")) {
      element.setAttribute("aria-labelledby", `pf-reach-${element.getAttribute("aria-labelledby")}`);
    }
    for (const element of svg.querySelectorAll("[marker-end]")) {
      element.setAttribute("marker-end", element.getAttribute("marker-end").replace("url(#", "url(#pf-reach-"));
    }
    for (const link of svg.querySelectorAll("a[href]")) link.setAttribute("href", new URL(link.getAttribute("href"), mapUrl).pathname);
    const figure = el("figure", { class: "pf-reach-map" },
      el("figcaption", {}, "On the career map: green boxes are the roles you could get to, the yellow box is where you are now."),
      el("div", { class: "pf-reach-map-scroll", tabindex: "0", role: "region", "aria-label": "Career map, scrolls sideways" }));
    figure.lastChild.append(document.importNode(svg, true));
    return figure;
  } catch {
    return null;
  }
}
