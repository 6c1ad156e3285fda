// Keyboard flow for the review queue; the page works without it.
// j / k: next / previous record; x: select it for a bulk action; e: fix it; /: title filter.
"use strict";

(function () {
  function typing(target) {
    return target.closest("input, select, textarea, button, [contenteditable]") !== null;
  }

  document.addEventListener("DOMContentLoaded", function () {
    const rows = Array.from(document.querySelectorAll("tr.queue-item"));
    const help = document.querySelector(".queue-keys");
    if (help) {
      help.hidden = false;
    }
    function current() {
      return rows.findIndex(function (row) { return row.contains(document.activeElement); });
    }
    function go(index) {
      const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
      if (row) {
        row.querySelector("a").focus();
      }
    }
    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) {
        return;
      }
      const index = current();
      const row = rows[index];
      if (event.key === "j") {
        go(index + 1);
      } else if (event.key === "k") {
        go(index < 0 ? 0 : index - 1);
      } else if (event.key === "x" && row) {
        row.querySelector("input[type=checkbox]").click();
      } else if (event.key === "e" && row) {
        row.querySelector("a.queue-edit").click();
      } else if (event.key === "/") {
        document.getElementById("queue-q").focus();
      } else {
        return;
      }
      event.preventDefault();
    });
  });
})();
