// The finder's question and its URL, as pure functions (no DOM): node --test covers them (tests/js/).
//
// finder/?from=ID&to=ID[&earn=1][&max=N][&avoid=SETTING...][&have=ID,ID|none][&hours=N][&within=N][&compare=A,B]
// `catalog` is what routes.json holds: {nodes: {id: {kind, title}}, settings, asked, limits: {months, hours}}.

const MAX_PARAM = 80;

function shorten(text) {
  const plain = String(text);
  return plain.length > 60 ? `${plain.slice(0, 57)}...` : plain;
}

// A stage id from an id or an exact title (a link typed by hand may carry a title); null when unknown.
export function stageId(catalog, given, kinds) {
  if (given === null || given === undefined) return null;
  const text = String(given).trim().replace(/\s+/g, " ");
  if (!text || text.length > MAX_PARAM) return null;
  const lower = text.toLowerCase();
  for (const [id, node] of Object.entries(catalog.nodes)) {
    if (kinds.includes(node.kind) && (id === text || node.title.toLowerCase() === lower)) return id;
  }
  return null;
}

function wholeNumber(value, top) {
  if (!/^\d{1,4}$/.test(String(value).trim())) return null;
  const number = Number(value);
  return number >= 1 && number <= top ? number : null;
}

// Returns {question, problems}. `question` is null when the URL asks nothing; problems are plain sentences.
export function readQuestion(search, catalog) {
  const params = new URLSearchParams(search);
  const problems = [];
  const one = (name) => {
    const values = params.getAll(name);
    if (values.length > 1) problems.push(`The link gives "${name}" more than once. Choose again below.`);
    return values.length ? values[0] : null;
  };
  const stage = (name, label, kinds) => {
    const given = one(name);
    if (given === null || given === "") return null;
    const id = stageId(catalog, given, kinds);
    if (!id) problems.push(`We do not know "${shorten(given)}" as ${label}. Choose from the list below.`);
    return id;
  };
  const number = (name, top, words) => {
    const given = one(name);
    if (given === null || given === "") return null;
    const value = wholeNumber(given, top);
    if (value === null) problems.push(`${words} must be a whole number from 1 to ${top}, not "${shorten(given)}".`);
    return value;
  };
  const question = {
    from: stage("from", "a place to start from", ["start", "role"]),
    to: stage("to", "a role to get to", ["role"]),
    earn: false,
    max: number("max", catalog.limits.months, "The most months in total"),
    avoid: [],
    have: null,
    unknownHave: [], // qualifications the link names that this guide does not know: not planned as "none"
    hours: number("hours", catalog.limits.hours, "Hours a week"),
    within: number("within", catalog.limits.months, "The months for where you could get to"),
    compare: null,
  };
  const earn = one("earn");
  question.earn = earn === "1" || earn === "on" || earn === "true";
  if (earn !== null && !question.earn && earn !== "0" && earn !== "") {
    problems.push(`"earn" should be 1 or left out, not "${shorten(earn)}".`);
  }
  for (const value of params.getAll("avoid").flatMap((v) => v.split(",")).filter(Boolean)) {
    if (!Object.hasOwn(catalog.settings, value)) problems.push(`We do not know the setting "${shorten(value)}".`);
    else if (!question.avoid.includes(value)) question.avoid.push(value);
  }
  question.avoid.sort();
  const have = params.getAll("have");
  if (have.length) {
    question.have = [];
    for (const value of have.flatMap((v) => v.split(",")).filter((v) => v && v !== "none")) {
      // An old id (English and maths were one box) means every id it was split into.
      const meant = Object.hasOwn(catalog.old_ids || {}, value) ? catalog.old_ids[value] : [value];
      for (const id of meant) {
        if (!catalog.asked.includes(id)) {
          problems.push(`We do not know the qualification "${shorten(id)}". Tick the ones you have below.`);
          question.unknownHave.push(id);
        }
        else if (!question.have.includes(id)) question.have.push(id);
      }
    }
    question.have.sort();
  }
  const compare = one("compare");
  if (compare !== null && compare !== "") {
    const pair = /^([1-9]),([1-9])$/.exec(compare.trim());
    if (pair && pair[1] !== pair[2]) question.compare = [Number(pair[1]) - 1, Number(pair[2]) - 1];
    else if (pair) problems.push(`"compare" should be two different route numbers such as 1,2, not "${shorten(compare)}".`);
    else problems.push(`"compare" should be two route numbers such as 1,2, not "${shorten(compare)}".`);
  }
  const asked = params.has("from") || params.has("to");
  return { question: asked ? question : null, problems };
}

// The two routes to compare (0-based) among `count` routes: the pair asked for where both exist and differ,
// else the first two different routes, keeping whichever asked-for one exists. Never one route with itself.
export function comparePair(asked, count) {
  if (count < 2) return null;
  const exists = (i) => Number.isInteger(i) && i >= 0 && i < count;
  const [a, b] = asked || [0, 1];
  const first = exists(a) ? a : exists(b) && b !== 0 ? 0 : exists(b) ? 1 : 0;
  const second = exists(b) && b !== first ? b : first === 0 ? 1 : 0;
  return [first, second];
}

export function questionSearch(question) {
  const params = new URLSearchParams();
  if (question.from) params.set("from", question.from);
  if (question.to) params.set("to", question.to);
  if (question.earn) params.set("earn", "1");
  if (question.max) params.set("max", String(question.max));
  for (const setting of question.avoid) params.append("avoid", setting);
  if (question.have) params.set("have", question.have.length ? question.have.join(",") : "none");
  if (question.hours) params.set("hours", String(question.hours));
  if (question.within && !question.to) params.set("within", String(question.within));
  if (question.compare) params.set("compare", question.compare.map((i) => i + 1).join(","));
  const text = params.toString();
  return text ? `?${text}` : "";
}

// Whether the answer needs the Python engine: anything beyond a plain from/to (or from alone).
export function needsEngine(question) {
  if (!question) return false;
  return question.earn || question.max !== null || question.avoid.length > 0 || question.have !== null
    || question.hours !== null || (!question.to && question.within !== null);
}

// Whether a link (its query string) surely asks something only the engine answers, read without the catalog
// so that the page can start the engine before its answers have arrived. `known` holds what the form offers:
// {have: qualification ids, settings: setting ids}. Strict: anything readQuestion might refuse or not send to
// the engine (an unknown or old qualification id, hours=abc) gives false, and the page decides once its
// answers are in.
export function linkNeedsEngine(search, known) {
  const params = new URLSearchParams(search);
  const values = (name) => params.getAll(name).flatMap((value) => value.split(",")).map((v) => v.trim());
  const given = (name) => values(name).some(Boolean);
  if (!given("from") || params.getAll("from").length > 1) return false;
  const numbers = ["max", "hours", "within"].filter(given);
  if (numbers.some((name) => params.getAll(name).length > 1 || !/^\d{1,4}$/.test(params.get(name).trim()))) return false;
  const have = values("have").filter((id) => id && id !== "none");
  if (have.some((id) => !known.have.includes(id))) return false;
  const avoid = values("avoid").filter(Boolean);
  if (avoid.some((id) => !known.settings.includes(id))) return false;
  const earn = params.get("earn");
  if (earn !== null && !["1", "on", "true", "0", ""].includes(earn)) return false;
  return ["1", "on", "true"].includes(earn) || avoid.length > 0 || params.has("have")
    || numbers.some((name) => name !== "within" || !given("to"));
}

// What the worker is asked (finder_engine.answer's keys).
export function engineQuestion(question) {
  const { from, to, earn, max, avoid, have, hours, within } = question;
  return { from, to: to || null, earn, max, avoid, have, hours, within: to ? null : within };
}
