// Online applications: one submission per click (the server is idempotent anyway), and focus on the errors.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-single-submit]").forEach(function (form) {
      var sent = false;
      form.addEventListener("submit", function (event) {
        if (sent) { event.preventDefault(); return; }
        sent = true;
        form.setAttribute("aria-busy", "true");
      });
    });
    var errors = document.getElementById("form-errors");
    if (errors) { errors.focus(); }
  });
})();
