// Client-side search of the archive: works from file:// (the index is a global set by
// search-index.js, loaded by a <script src>; browsers refuse fetch() on file://).
// Diacritics and case are ignored, as on the live site: "quy che" finds "quy chế".
(function () {
  "use strict";
  var MAX_RESULTS = 100;

  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐðÐ]/g, "d").toLowerCase();
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }

  function search(entries, language, query) {
    var terms = fold(query).split(/\s+/).filter(Boolean);
    var phrase = terms.join(" ");
    var found = [];
    if (!terms.length) { return found; }
    entries.forEach(function (entry) {
      if (entry.l !== language) { return; }
      var haystack = entry.ft + " " + entry.fx;
      if (!terms.every(function (term) { return haystack.indexOf(term) !== -1; })) { return; }
      var score = 0;
      if (entry.ft.indexOf(phrase) !== -1) { score += 4; }
      if (terms.every(function (term) { return entry.ft.indexOf(term) !== -1; })) { score += 2; }
      if (entry.fx.indexOf(phrase) !== -1) { score += 1; }
      found.push({ entry: entry, score: score });
    });
    found.sort(function (a, b) { return b.score - a.score || (a.entry.o < b.entry.o ? 1 : -1); });
    return found.slice(0, MAX_RESULTS).map(function (item) { return item.entry; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var status = document.querySelector("[data-archive-status]");
    var list = document.querySelector("[data-archive-results]");
    var form = document.querySelector("[data-archive-search]");
    if (!status || !list || !form) { return; }
    var input = form.querySelector("input[name=q]");
    var query = new URLSearchParams(window.location.search).get("q") || "";
    input.value = query;
    document.querySelectorAll("input[name=q]").forEach(function (other) { other.value = query; });
    if (!query.trim()) { input.focus(); return; }
    var entries = window.PORTAL_ARCHIVE_INDEX;
    if (!Array.isArray(entries)) { status.textContent = status.getAttribute("data-missing"); return; }
    var results = search(entries, status.getAttribute("data-language"), query);
    var root = status.getAttribute("data-root") || "";
    var template = results.length === 0 ? "data-none" : (results.length === 1 ? "data-found-one" : "data-found-many");
    status.textContent = format(status.getAttribute(template), { count: results.length, query: query });
    results.forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + entry.u.split("/").map(encodeURIComponent).join("/");
      link.textContent = entry.t;
      var heading = document.createElement("h2");
      heading.className = "archive-results__title";
      heading.appendChild(link);
      item.appendChild(heading);
      var meta = document.createElement("p");
      meta.className = "archive-results__meta";
      meta.textContent = entry.d + (entry.c ? " · " + entry.c : "");
      item.appendChild(meta);
      if (entry.s) {
        var snippet = document.createElement("p");
        snippet.textContent = entry.s;
        item.appendChild(snippet);
      }
      list.appendChild(item);
    });
  });
})();
