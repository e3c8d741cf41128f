// The archive exports page: while an export waits or runs, its row is fetched again every few seconds
// (progress, then the finished size and download link). Without JavaScript, reloading the page does the same.
(function () {
  "use strict";
  var region = document.querySelector("[data-archive-exports]");
  if (!region) return;
  var url = region.getAttribute("data-refresh-url");
  var EVERY = 3000;

  function active() {
    var table = region.querySelector("table[data-active]");
    return table !== null && table.getAttribute("data-active") === "true";
  }

  function refresh() {
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "XMLHttpRequest" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        region.innerHTML = html;
        if (active()) window.setTimeout(refresh, EVERY);
      })
      .catch(function () {
        window.setTimeout(refresh, EVERY * 5); // signed out or the server away: try again, less often
      });
  }

  if (active()) window.setTimeout(refresh, EVERY);
})();
