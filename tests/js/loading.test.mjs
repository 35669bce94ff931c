// Words and checks for the engine's loading (src/pathfinder/web/loading.mjs): pure functions, run with `node --test`.
import assert from "node:assert/strict";
import { test } from "node:test";

import { askWords, connectionAdvice, failureWords, megabytes, progressWords, situationNote }
  from "../../src/pathfinder/web/loading.mjs";

test("Save-Data and very slow connections ask first; others and browsers without the API do not", () => {
  assert.equal(connectionAdvice(undefined), null);
  assert.equal(connectionAdvice({ saveData: true, effectiveType: "4g", downlink: 10 }), "save-data");
  assert.equal(connectionAdvice({ saveData: false, effectiveType: "2g", downlink: 0.2 }), "slow");
  assert.equal(connectionAdvice({ saveData: false, effectiveType: "slow-2g" }), "slow");
  assert.equal(connectionAdvice({ saveData: false, effectiveType: "3g", downlink: 0.4 }), "slow");
  assert.equal(connectionAdvice({ saveData: false, effectiveType: "4g", downlink: 10 }), null);
  assert.match(askWords("save-data", 4_800_000), /about 4\.8 MB\. Your browser asks sites to save data/);
  assert.match(askWords("slow", 4_800_000), /Your connection looks slow/);
});

test("progress is said in megabytes of the download, with the time left on a slow connection", () => {
  const total = 10_000_000;
  const download = 4_000_000;
  const early = progressWords({ loaded: 2_500_000, elapsed: 1000, idle: 0 }, total, download);
  assert.equal(early.text, "Downloading the route finder: 1.0 MB of about 4.0 MB.");
  assert.equal(early.share, 0.25);
  assert.equal(early.slow, false);
  // A quarter in 20 s: 60 s more.
  const slow = progressWords({ loaded: 2_500_000, elapsed: 20_000, idle: 100 }, total, download);
  assert.match(slow.text, /Your connection is slow: about 60 seconds more\./);
  assert.equal(slow.slow, true);
  const stalled = progressWords({ loaded: 2_500_000, elapsed: 20_000, idle: 6000 }, total, download);
  assert.match(stalled.text, /Nothing has arrived for 6 seconds/);
  const nothing = progressWords({ loaded: 0, elapsed: 3000, idle: 3000 }, total, download);
  assert.match(nothing.text, /Nothing has arrived yet/);
  const done = progressWords({ loaded: total, elapsed: 5000, idle: 4000 }, total, download);
  assert.match(done.text, /The download is done/);
  assert.equal(megabytes(30_000), "0.1 MB");
});

test("the plain answer says what the situation would change", () => {
  const base = { from: "a", to: "b", earn: false, max: null, avoid: [], have: null, hours: null, within: null };
  assert.equal(situationNote(base, {}), "These are the routes for anyone, worked out when the site was built.");
  const note = situationNote({ ...base, have: [], hours: 16, earn: true, max: 24, avoid: ["hospital"] },
    { hospital: "Hospital" });
  for (const part of ["qualification you do not have", "16 hours a week", "do not earn while you learn",
    "longer than 24 months", "only in Hospital"]) assert.ok(note.includes(part), part);
  assert.match(situationNote({ ...base, to: null, within: 36 }, {}), /within 36 months/);
});

test("each failure says what happened in plain words", () => {
  assert.match(failureWords({ reason: "no-wasm" }), /needs WebAssembly, which this browser has turned off/);
  assert.match(failureWords({ reason: "download" }), /could not be downloaded/);
  assert.match(failureWords({ reason: "start" }), /could not start/);
  assert.match(failureWords(null), /could not start/);
});
