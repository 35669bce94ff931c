// URL state of the route finder (src/pathfinder/web/url_state.mjs): pure functions, run with `node --test`.
import assert from "node:assert/strict";
import { test } from "node:test";

import { comparePair, engineQuestion, linkNeedsEngine, needsEngine, questionSearch, readQuestion, stageId }
  from "../../src/pathfinder/web/url_state.mjs";

const catalog = {
  nodes: {
    "school-leaver": { kind: "start", title: "Leaving school or college" },
    "pharmacy-technician": { kind: "role", title: "Pharmacy technician" },
    "trainee-pharmacy-technician": { kind: "training", title: "Trainee pharmacy technician" },
  },
  settings: { hospital: "Hospital", "community-pharmacy": "Community pharmacy" },
  asked: ["gcse-english", "gcse-maths", "gcse-science"],
  old_ids: { "gcse-english-maths": ["gcse-english", "gcse-maths"] },
  limits: { months: 120, hours: 60 },
};

test("a plain question round-trips and needs no engine", () => {
  const { question, problems } = readQuestion("?from=school-leaver&to=pharmacy-technician", catalog);
  assert.deepEqual(problems, []);
  assert.equal(question.from, "school-leaver");
  assert.equal(question.have, null);
  assert.equal(needsEngine(question), false);
  assert.equal(questionSearch(question), "?from=school-leaver&to=pharmacy-technician");
});

test("no from and no to asks nothing", () => {
  assert.equal(readQuestion("", catalog).question, null);
  assert.equal(readQuestion("?earn=1", catalog).question, null);
});

test("titles are read as ids, training is not a place to start", () => {
  assert.equal(stageId(catalog, "  leaving SCHOOL or college ", ["start", "role"]), "school-leaver");
  assert.equal(stageId(catalog, "trainee-pharmacy-technician", ["start", "role"]), null);
  const { question, problems } = readQuestion("?from=trainee-pharmacy-technician&to=pharmacy-technician", catalog);
  assert.equal(question.from, null);
  assert.equal(problems.length, 1);
});

test("situation: have, hours and within are kept in a canonical order and need the engine", () => {
  const { question, problems } = readQuestion("?from=school-leaver&hours=20&have=gcse-science,gcse-maths&within=36", catalog);
  assert.deepEqual(problems, []);
  assert.deepEqual(question.have, ["gcse-maths", "gcse-science"]);
  assert.equal(needsEngine(question), true);
  assert.equal(questionSearch(question), "?from=school-leaver&have=gcse-maths%2Cgcse-science&hours=20&within=36");
  assert.deepEqual(engineQuestion(question), { from: "school-leaver", to: null, earn: false, max: null, avoid: [],
    have: ["gcse-maths", "gcse-science"], hours: 20, within: 36 });
});

test("the old English-and-maths id in a shared address means both, and English alone can be said", () => {
  const old = readQuestion("?from=school-leaver&to=pharmacy-technician&have=gcse-english-maths", catalog);
  assert.deepEqual(old.problems, []);
  assert.deepEqual(old.question.have, ["gcse-english", "gcse-maths"]);
  const english = readQuestion("?from=school-leaver&to=pharmacy-technician&have=gcse-english", catalog);
  assert.deepEqual(english.question.have, ["gcse-english"]);
});

test("have=none means I have none of them, which differs from saying nothing", () => {
  const { question } = readQuestion("?from=school-leaver&to=pharmacy-technician&have=none", catalog);
  assert.deepEqual(question.have, []);
  assert.equal(needsEngine(question), true);
  assert.match(questionSearch(question), /have=none/);
});

test("within is dropped once a role is chosen", () => {
  const { question } = readQuestion("?from=school-leaver&to=pharmacy-technician&within=12", catalog);
  assert.equal(questionSearch(question), "?from=school-leaver&to=pharmacy-technician");
  assert.equal(needsEngine(question), false);
});

test("bad values become problems, not state", () => {
  for (const [search, field] of [["max=0", "max"], ["max=121", "max"], ["max=ten", "max"], ["hours=61", "hours"],
    ["within=-3", "within"]]) {
    const { question, problems } = readQuestion(`?from=school-leaver&${search}`, catalog);
    assert.equal(question[field], null, search);
    assert.equal(problems.length, 1, search);
  }
  const { question, problems } = readQuestion("?from=school-leaver&have=%3Cb%3E&avoid=moon&earn=maybe&compare=x", catalog);
  assert.deepEqual(question.have, []);
  assert.deepEqual(question.avoid, []);
  assert.equal(problems.length, 4);
});

test("a parameter given twice is a problem", () => {
  const { problems } = readQuestion("?from=school-leaver&from=school-leaver&to=pharmacy-technician", catalog);
  assert.equal(problems.length, 1);
});

test("avoid and compare", () => {
  const { question } = readQuestion("?from=school-leaver&to=pharmacy-technician&avoid=hospital,community-pharmacy&avoid=hospital&compare=2,1", catalog);
  assert.deepEqual(question.avoid, ["community-pharmacy", "hospital"]);
  assert.deepEqual(question.compare, [1, 0]);
  assert.equal(questionSearch(question),
    "?from=school-leaver&to=pharmacy-technician&avoid=community-pharmacy&avoid=hospital&compare=2%2C1");
});

test("compare never pairs a route with itself", () => {
  const same = readQuestion("?from=school-leaver&to=pharmacy-technician&compare=2,2", catalog);
  assert.equal(same.question.compare, null);
  assert.match(same.problems.join(" "), /two different route numbers/);
  // Three routes: a pair past the end falls back to two different routes, keeping the one that exists.
  assert.deepEqual(comparePair([4, 4], 3), [0, 1]);
  assert.deepEqual(comparePair([4, 2], 3), [0, 2]);
  assert.deepEqual(comparePair([2, 4], 3), [2, 0]);
  assert.deepEqual(comparePair([0, 0], 3), [0, 1]);
  assert.deepEqual(comparePair([1, 0], 3), [1, 0]);
  assert.deepEqual(comparePair(null, 3), [0, 1]);
  assert.equal(comparePair([0, 1], 1), null);
  for (let count = 2; count <= 4; count += 1) {
    for (let a = -1; a <= 9; a += 1) {
      for (let b = -1; b <= 9; b += 1) {
        const [x, y] = comparePair([a, b], count);
        assert.ok(x !== y && x >= 0 && y >= 0 && x < count && y < count, `${a},${b} of ${count}`);
      }
    }
  }
});

test("a qualification the guide does not know is kept apart, never read as none", () => {
  const { question, problems } = readQuestion("?from=school-leaver&to=pharmacy-technician&have=gcse-science,nope", catalog);
  assert.deepEqual(question.have, ["gcse-science"]);
  assert.deepEqual(question.unknownHave, ["nope"]);
  assert.match(problems[0], /We do not know the qualification "nope"/);
  assert.deepEqual(readQuestion("?from=school-leaver&have=none", catalog).question.unknownHave, []);
});

test("a link starts the engine early only when it surely asks about a situation, as needsEngine decides", () => {
  const known = { have: catalog.asked, settings: Object.keys(catalog.settings) };
  const links = [
    "?from=school-leaver&to=pharmacy-technician",
    "?from=school-leaver",
    "?from=school-leaver&to=pharmacy-technician&within=12",
    "?from=school-leaver&to=pharmacy-technician&earn=0",
    "?from=school-leaver&to=pharmacy-technician&compare=1,2",
    "?from=school-leaver&to=pharmacy-technician&have=none",
    "?from=school-leaver&to=pharmacy-technician&have=",
    "?from=school-leaver&to=pharmacy-technician&have=gcse-maths,gcse-english",
    "?from=school-leaver&to=pharmacy-technician&hours=20",
    "?from=school-leaver&within=24",
    "?from=school-leaver&to=pharmacy-technician&earn=1",
    "?from=school-leaver&to=pharmacy-technician&max=36",
    "?from=school-leaver&to=pharmacy-technician&avoid=hospital",
  ];
  for (const link of links) {
    const { question } = readQuestion(link, catalog);
    assert.equal(linkNeedsEngine(link, known), needsEngine(question), link);
  }
  // Where the page would not ask the engine, or might not: it decides once its answers are in.
  for (const link of [
    "?to=pharmacy-technician&have=none", // the page asks where you are first
    "?from=school-leaver&to=pharmacy-technician&have=gcse-science,no-such-thing", // said, never planned as none
    "?from=school-leaver&to=pharmacy-technician&have=gcse-english-maths", // an old id: routes.json knows it
    "?from=school-leaver&hours=abc",
    "?from=school-leaver&to=pharmacy-technician&avoid=moon",
    "?from=school-leaver&to=pharmacy-technician&earn=yes",
  ]) assert.equal(linkNeedsEngine(link, known), false, link);
});
