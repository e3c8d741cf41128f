// Files are checked in the browser before anything is sent, with the limits the server enforces: a file
// input with data-max-bytes (and its accept list) that gets a file too large or of the wrong kind empties
// itself and shows the server's own message beside it (data-too-large-message, data-wrong-type-message),
// so a refused upload never costs what was typed. The server checks everything again.
(function () {
  "use strict";

  function accepted(file, accept) {
    var type = (file.type || "").toLowerCase();
    var name = (file.name || "").toLowerCase();
    if (!accept || !type) { return true; } // an unknown type: the server reads the content and decides
    return accept.split(",").some(function (entry) {
      entry = entry.trim().toLowerCase();
      if (!entry) { return false; }
      if (entry.charAt(0) === ".") { return name.slice(-entry.length) === entry; }
      if (entry.slice(-2) === "/*") { return type.indexOf(entry.slice(0, -1)) === 0; }
      return type === entry;
    });
  }

  function problem(input) {
    var limit = parseInt(input.getAttribute("data-max-bytes"), 10);
    for (var i = 0; i < input.files.length; i++) {
      if (limit && input.files[i].size > limit) { return input.getAttribute("data-too-large-message"); }
      if (!accepted(input.files[i], input.getAttribute("accept"))) { return input.getAttribute("data-wrong-type-message"); }
    }
    return "";
  }

  function show(input, message) {
    var id = input.id + "_check";
    var note = document.getElementById(id);
    var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (part) {
      return part && part !== id;
    });
    if (!note) {
      note = document.createElement("p");
      note.id = id;
      note.className = "field__error";
      note.setAttribute("role", "alert");
      input.insertAdjacentElement("afterend", note);
    }
    note.textContent = message;
    note.hidden = !message;
    if (message) {
      described.unshift(id);
      input.setAttribute("aria-invalid", "true");
    } else {
      input.removeAttribute("aria-invalid");
    }
    if (described.length) { input.setAttribute("aria-describedby", described.join(" ")); }
    else { input.removeAttribute("aria-describedby"); }
    if (input.parentElement) { input.parentElement.classList.toggle("field--error", !!message); }
  }

  function check(input) {
    var message = problem(input);
    if (message) { input.value = ""; } // the rest of the form can be sent as it is
    show(input, message);
    return !message;
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
      input.addEventListener("change", function () { check(input); });
      if (input.form) {
        input.form.addEventListener("submit", function (event) {
          if (!check(input)) { event.preventDefault(); input.focus(); }
        });
      }
    });
  });
})();
