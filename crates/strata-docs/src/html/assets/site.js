// strata docs: search and diagram zoom. No network, no dependencies: the
// search index is a script (assets/search-index.js) because browsers do not
// let a page opened from file:// fetch a JSON file.
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";
  var entries = window.STRATA_SEARCH || [];

  // Ranks: exact name, name prefix, name substring, then column matches.
  function search(query) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var hits = [];
    for (var i = 0; i < entries.length; i++) {
      var e = entries[i];
      var name = e.n.toLowerCase();
      var qualified = (e.s + "." + e.n).toLowerCase();
      var rank = -1, why = "";
      if (name === q || qualified === q) rank = 0;
      else if (name.indexOf(q) === 0) rank = 1;
      else if (name.indexOf(q) >= 0 || qualified.indexOf(q) >= 0) rank = 2;
      else if (e.c) {
        for (var j = 0; j < e.c.length; j++) {
          var c = e.c[j].toLowerCase();
          if (c === q || c.indexOf(q) >= 0) {
            rank = c === q ? 3 : 4;
            why = "column " + e.c[j];
            break;
          }
        }
      }
      if (rank >= 0) hits.push({ rank: rank, entry: e, why: why });
    }
    hits.sort(function (a, b) {
      return a.rank - b.rank || a.entry.n.localeCompare(b.entry.n);
    });
    return hits.slice(0, 50);
  }

  var input = document.getElementById("search");
  var list = document.getElementById("search-results");
  function show() {
    var hits = search(input.value);
    list.innerHTML = "";
    hits.forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + h.entry.u;
      a.textContent = h.entry.s + "." + h.entry.n + " ";
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = h.entry.k + (h.why ? " · " + h.why : "");
      a.appendChild(kind);
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = hits.length === 0;
  }
  if (input && list) {
    input.addEventListener("input", show);
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") {
        var first = list.querySelector("a");
        if (first) window.location.href = first.href;
      } else if (ev.key === "Escape") {
        list.hidden = true;
      }
    });
    document.addEventListener("click", function (ev) {
      if (!list.contains(ev.target) && ev.target !== input) list.hidden = true;
    });
  }

  // Zoom buttons on diagrams (the SVG keeps its own coordinates).
  Array.prototype.forEach.call(document.querySelectorAll("[data-zoom]"), function (box) {
    var svg = box.querySelector("svg");
    if (!svg) return;
    var w = parseFloat(svg.getAttribute("width")), h = parseFloat(svg.getAttribute("height"));
    var scale = 1;
    // Start by fitting wide diagrams to the page, but never below half size.
    var fit = box.clientWidth / w;
    if (fit < 1) scale = Math.max(0.5, fit);
    function apply() {
      svg.setAttribute("width", String(Math.round(w * scale)));
      svg.setAttribute("height", String(Math.round(h * scale)));
    }
    var bar = document.createElement("div");
    bar.className = "zoom";
    [["+", 1.25], ["−", 0.8], ["1:1", 0]].forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = b[0];
      button.title = b[1] ? "zoom" : "actual size";
      button.addEventListener("click", function () {
        scale = b[1] ? Math.min(4, Math.max(0.1, scale * b[1])) : 1;
        apply();
      });
      bar.appendChild(button);
    });
    box.insertBefore(bar, svg);
    apply();
  });
})();
