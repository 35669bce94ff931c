// The compare page (compare/, built by src/pathfinder/site/compare.py): the page is already the whole table,
// every job in a column. This script only chooses which columns show, from ?roles=a,b,c (at most three, in that
// order), and keeps the address in step with the three lists so it can be shared or bookmarked.
// Loaded on every page (mkdocs.yml extra_javascript); Material's document$ calls it again after each instant
// page change, and it does nothing on pages without the table.
function pfCompare() {
  "use strict";
  var table = document.getElementById("pf-compare");
  if (!table || table.dataset.ready) return;
  table.dataset.ready = "1";
  var form = document.getElementById("pf-compare-form");
  var status = document.getElementById("pf-compare-status");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var most = Number(table.dataset.most) || 3;
  var titles = {};
  Array.prototype.forEach.call(table.querySelectorAll("thead th[data-role-id]"), function (th) {
    titles[th.dataset.roleId] = th.textContent.trim();
  });

  function fromAddress() {
    var asked = (new URLSearchParams(window.location.search).get("roles") || "").split(",")
      .map(function (id) { return id.trim(); }).filter(Boolean);
    var known = [];
    var unknown = [];
    asked.forEach(function (id) {
      if (!titles[id]) unknown.push(id);
      else if (known.indexOf(id) < 0) known.push(id);
    });
    return { roles: known.slice(0, most), unknown: unknown, over: known.length > most };
  }

  function joined(names) {
    return names.length < 2 ? names.join("") : names.slice(0, -1).join(", ") + " and " + names[names.length - 1];
  }

  function show(choice, fillLists) {
    var roles = choice.roles;
    Array.prototype.forEach.call(table.querySelectorAll("[data-role-id]"), function (cell) {
      var at = roles.indexOf(cell.dataset.roleId);
      cell.hidden = roles.length > 0 && at < 0;
      cell.style.order = at < 0 ? "" : String(at + 1);  // the order chosen, not the table's
    });
    table.classList.toggle("pf-compare--side", roles.length > 0);
    table.style.setProperty("--pf-shown", String(roles.length || 1));
    if (fillLists) selects.forEach(function (select, i) { select.value = roles[i] || ""; });
    var words = roles.length ? "Comparing " + joined(roles.map(function (id) { return titles[id]; })) + "."
      : "Every job is listed. Choose up to " + most + " jobs to see them side by side.";
    if (choice.over) words += " You can compare up to " + most + " jobs at once, so only the first " + most + " are shown.";
    if (choice.unknown.length) words += " This address names something that is not a job on this site: " + choice.unknown.join(", ") + ".";
    status.textContent = words;
  }

  function chosen() {
    var roles = [];
    selects.forEach(function (select) { if (select.value && roles.indexOf(select.value) < 0) roles.push(select.value); });
    return roles;
  }

  function remember(roles) {
    var search = roles.length ? "?roles=" + roles.map(encodeURIComponent).join(",") : "";
    window.history.replaceState(window.history.state, "", window.location.pathname + search + window.location.hash);
  }

  selects.forEach(function (select) {
    select.addEventListener("change", function () {
      var roles = chosen();
      remember(roles);
      show({ roles: roles, unknown: [], over: false }, false);
    });
  });
  document.getElementById("pf-compare-all").addEventListener("click", function () {
    remember([]);
    show({ roles: [], unknown: [], over: false }, true);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  show(fromAddress(), true);
}

// The compare page also loads this file right after its table, so the columns are chosen before the first paint
// and the table does not jump once the page shows.
if (document.getElementById("pf-compare")) pfCompare();
if (typeof window.document$ !== "undefined") {
  window.document$.subscribe(pfCompare);
} else {
  document.addEventListener("DOMContentLoaded", pfCompare);
}
