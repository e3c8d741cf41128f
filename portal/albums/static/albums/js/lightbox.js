// Album lightbox: a modal <dialog> showing one image at a time, operable by keyboard and pointer.
// Without JavaScript every thumbnail is a plain link to the large image. No inline script (CSP).
(function () {
  "use strict";

  function setup(gallery) {
    var links = Array.prototype.slice.call(gallery.querySelectorAll("[data-lightbox-item]"));
    var dialog = document.getElementById(gallery.getAttribute("data-lightbox"));
    if (!links.length || !dialog || typeof dialog.showModal !== "function") { return; }
    var image = dialog.querySelector("[data-lightbox-image]");
    var caption = dialog.querySelector("[data-lightbox-caption]");
    var counter = dialog.querySelector("[data-lightbox-counter]");
    var counterTemplate = counter.getAttribute("data-template");  // e.g. "Ảnh {n} / {total}"
    var current = 0;
    var opener = null;

    function show(index) {
      current = (index + links.length) % links.length;
      var link = links[current];
      image.src = link.getAttribute("href");
      image.alt = link.getAttribute("data-alt") || "";
      caption.textContent = link.getAttribute("data-caption") || "";
      counter.textContent = counterTemplate.replace("{n}", current + 1).replace("{total}", links.length);
    }

    links.forEach(function (link, index) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        opener = link;
        show(index);
        dialog.showModal();
        dialog.querySelector("[data-lightbox-close]").focus();
      });
    });
    dialog.querySelector("[data-lightbox-prev]").addEventListener("click", function () { show(current - 1); });
    dialog.querySelector("[data-lightbox-next]").addEventListener("click", function () { show(current + 1); });
    dialog.querySelector("[data-lightbox-close]").addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "ArrowLeft") { event.preventDefault(); show(current - 1); }
      if (event.key === "ArrowRight") { event.preventDefault(); show(current + 1); }
    });
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) { dialog.close(); }  // a click on the backdrop
    });
    dialog.addEventListener("close", function () {
      image.removeAttribute("src");
      if (opener) { opener.focus(); }  // back where the visitor was
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-lightbox]").forEach(setup);
  });
})();
