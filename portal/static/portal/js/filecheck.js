// Files are checked in the browser before anything is sent, with the limits the server enforces: a file
// input with data-max-bytes (and its accept list) that gets a file too large or of the wrong kind empties
// itself and shows the server's own message beside it (data-too-large-message, data-wrong-type-message),
// so a refused upload never costs what was typed. The server checks everything again.
// With data-choose-label and data-none-label, the browser's own "Choose File / No file chosen" (in the
// browser's language, not the page's) gives way to a second label styled as a button and the chosen names:
// the input stays in place, focusable, its focus shown on that label (styled as data-choose-class says,
// else as the public site's tool button). An input with labels and no limit gets the labels only.
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

  function describe(input, id, on) {
    var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (part) {
      return part && part !== id;
    });
    if (on) { described.unshift(id); }
    if (described.length) { input.setAttribute("aria-describedby", described.join(" ")); }
    else { input.removeAttribute("aria-describedby"); }
  }

  function picker(input) {
    var choose = input.getAttribute("data-choose-label");
    if (!choose || !input.id) { return; }
    var button = document.createElement("label");
    button.htmlFor = input.id;
    button.className = (input.getAttribute("data-choose-class") || "tool-button") + " file-picker__choose";
    button.textContent = choose;
    var chosen = document.createElement("span");
    chosen.id = input.id + "_chosen";
    chosen.className = "file-picker__chosen";
    input.classList.add("file-picker__input");
    input.insertAdjacentElement("afterend", button);
    button.insertAdjacentElement("afterend", chosen);
    describe(input, chosen.id, true);
    names(input);
  }

  function names(input) {
    var chosen = document.getElementById(input.id + "_chosen");
    if (!chosen) { return; }
    var list = [];
    for (var i = 0; i < input.files.length; i++) { list.push(input.files[i].name); }
    chosen.textContent = list.length ? list.join(", ") : input.getAttribute("data-none-label");
  }

  function show(input, message) {
    var id = input.id + "_check";
    var note = document.getElementById(id);
    if (!note) {
      note = document.createElement("p");
      note.id = id;
      note.className = "field__error";
      note.setAttribute("role", "alert");
      (document.getElementById(input.id + "_chosen") || input).insertAdjacentElement("afterend", note);
    }
    note.textContent = message;
    note.hidden = !message;
    describe(input, id, !!message);
    if (message) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
    if (input.parentElement) { input.parentElement.classList.toggle("field--error", !!message); }
  }

  function check(input) {
    var message = problem(input);
    if (message) { input.value = ""; } // the rest of the form can be sent as it is
    show(input, message);
    names(input);
    return !message;
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[type=file][data-max-bytes], input[type=file][data-choose-label]").forEach(function (input) {
      picker(input);
      input.addEventListener("change", function () { check(input); });
      if (input.form) {
        input.form.addEventListener("submit", function (event) {
          if (!check(input)) { event.preventDefault(); input.focus(); }
        });
      }
    });
  });
})();
