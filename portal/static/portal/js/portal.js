// Display switches (contrast, text size) remembered per browser; print button. No inline scripts (CSP).
(function () {
  "use strict";
  var root = document.documentElement;
  var stored = {};
  try { stored = JSON.parse(localStorage.getItem("portal-display") || "{}"); } catch (e) { stored = {}; }
  Object.keys(stored).forEach(function (name) { if (stored[name]) { root.classList.add(name); } });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-toggle-class]").forEach(function (button) {
      var name = button.getAttribute("data-toggle-class");
      button.setAttribute("aria-pressed", root.classList.contains(name) ? "true" : "false");
      button.addEventListener("click", function () {
        var on = root.classList.toggle(name);
        button.setAttribute("aria-pressed", on ? "true" : "false");
        stored[name] = on;
        try { localStorage.setItem("portal-display", JSON.stringify(stored)); } catch (e) { /* private mode */ }
      });
    });
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  });
})();
