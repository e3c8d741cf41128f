// Wagtail's own file inputs (a document's or an image's file) show the browser's "Choose File / No file
// chosen", in the browser's language: give them the portal's words, which filecheck.js draws as a button
// and the chosen names. Loaded before filecheck.js, so this runs first on DOMContentLoaded. The multiple
// upload's input sits under Wagtail's own translated button and is left alone.
(function () {
  "use strict";
  var script = document.currentScript;
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[type=file]:not([data-choose-label]):not(#fileupload)").forEach(function (input) {
      if (!input.id) { return; }
      input.setAttribute("data-choose-label", script.getAttribute("data-choose-label"));
      input.setAttribute("data-none-label", script.getAttribute("data-none-label"));
      input.setAttribute("data-choose-class", "button button-secondary button-small");
    });
  });
})();
