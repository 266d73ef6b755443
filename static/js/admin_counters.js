// Length counters for admin fields with a limit. The admin marks each such field
// with data-max-length (education/admin.py); this adds "23 of 200 characters" under
// it and says when it is too long. Progressive enhancement: without it, the server
// still refuses a value over the limit, with the count, and never cuts it.
(function () {
  "use strict";

  function attach(field) {
    var limit = parseInt(field.getAttribute("data-max-length"), 10);
    if (!limit || !field.id) {
      return;
    }
    var counter = document.createElement("p");
    counter.className = "help length-counter";
    counter.id = field.id + "-length";
    field.insertAdjacentElement("afterend", counter);
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);

    function update() {
      // Count characters as the server does (code points, not UTF-16 units).
      var used = Array.from(field.value).length;
      var text = used + " of " + limit + " characters";
      if (used > limit) {
        text += ": " + (used - limit) + " too many";
      }
      counter.textContent = text;
      counter.classList.toggle("length-over", used > limit);
    }

    field.addEventListener("input", update);
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-max-length]").forEach(attach);
  });
})();
