// A field the browser finds empty or mistyped when a form without `novalidate` is sent: the browser's own
// message is in the browser's language ("Please fill out this field" in an English browser); the portal
// gives its own, in the page's language, from this script tag's data-value-missing and data-invalid.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var valueMissing = script.getAttribute("data-value-missing");
  var invalid = script.getAttribute("data-invalid");

  function reset(event) {
    var field = event.target;
    if (field && field.setCustomValidity) { field.setCustomValidity(""); }
  }

  document.addEventListener("invalid", function (event) {
    var field = event.target;
    if (!field || !field.setCustomValidity || field.validity.customError) { return; }
    field.setCustomValidity(field.validity.valueMissing ? valueMissing : invalid);
  }, true);
  document.addEventListener("input", reset, true);
  document.addEventListener("change", reset, true);
})();
