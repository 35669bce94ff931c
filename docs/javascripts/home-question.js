// The home page's "where are you now, where do you want to get to" question, answered on the spot from the
// route finder's precomputed answers (finder/routes.json, built by src/pathfinder/site/finder.py). Python words
// everything shown: each answer carries its route's words, the page the phrases around them; this script only
// looks them up.
// Without JavaScript the form submits to the route finder, which has the same answer.
// Loaded on every page (mkdocs.yml extra_javascript); Material's document$ calls it again after each instant
// page change, and it does nothing on pages without the question.
function pfHomeQuestion() {
  "use strict";
  var form = document.getElementById("pf-ask");
  if (!form || form.dataset.ready) return;
  form.dataset.ready = "1";
  var words = JSON.parse(form.dataset.words);
  var answer = document.getElementById("pf-ask-answer");
  var data = null;

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    return node;
  }

  function show(from, to) {
    answer.replaceChildren();
    var nodes = data.nodes;
    var found = ((data.routes[from] || {})[to] || {}).groups || [];
    var finder = form.getAttribute("action") + "?from=" + encodeURIComponent(from) + "&to=" + encodeURIComponent(to);
    answer.appendChild(el("h3", nodes[from].title + " to " + nodes[to].title));
    if (!found.length) {
      answer.appendChild(el("p", from === to ? words.same : words.none));
    } else {
      var fastest = found[0].route;
      answer.appendChild(el("p", words.fastest + " " + fastest.words.time + ". " + fastest.words.pay + "."));
      var steps = el("ol", "", { "class": "pf-steps" });
      fastest.stages.forEach(function (id) {
        var item = el("li");
        item.appendChild(el("a", nodes[id].title, { href: nodes[id].url }));
        steps.appendChild(item);
      });
      answer.appendChild(steps);
      if (found.length > 1) answer.appendChild(el("p", words.more.replace("{n}", String(found.length - 1))));
    }
    var links = el("p");
    links.appendChild(el("a", words.finder, { href: finder }));
    links.appendChild(document.createTextNode(" · "));
    links.appendChild(el("a", words.page.replace("{title}", nodes[to].title), { href: nodes[to].url }));
    answer.appendChild(links);
    answer.hidden = false;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var from = form.elements.from.value;
    var to = form.elements.to.value;
    if (data) { show(from, to); return; }
    fetch(form.dataset.routes).then(function (response) { return response.json(); }).then(function (json) {
      data = json;
      show(from, to);
    }).catch(function () { form.submit(); });  // the route finder answers the same question
  });
}

if (typeof window.document$ !== "undefined") {
  window.document$.subscribe(pfHomeQuestion);
} else {
  document.addEventListener("DOMContentLoaded", pfHomeQuestion);
}
