// Progressive enhancement for the edit and history pages: the forms work without it.
"use strict";

(function () {
  const DELAY = 200;

  // Suggest existing organisations (and their aliases) while a name is typed.
  function lookup(input, datalist) {
    const url = input.dataset.lookup;
    let timer = null;
    let asked = "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      const query = input.value.trim();
      if (query.length < 2 || query === asked) {
        return;
      }
      timer = setTimeout(function () {
        asked = query;
        fetch(url + "?q=" + encodeURIComponent(query), {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        })
          .then(function (response) { return response.ok ? response.json() : { organisations: [] }; })
          .then(function (data) { fill(datalist, data.organisations || []); })
          .catch(function () { /* suggestions are optional */ });
      }, DELAY);
    });
  }

  function fill(datalist, organisations) {
    datalist.replaceChildren();
    organisations.forEach(function (organisation) {
      const option = document.createElement("option");
      option.value = organisation.name;
      if (organisation.aliases.length) {
        option.label = organisation.name + " (" + organisation.aliases.join(", ") + ")";
      }
      datalist.appendChild(option);
      organisation.aliases.forEach(function (alias) {
        const aliasOption = document.createElement("option");
        aliasOption.value = alias;
        aliasOption.label = alias + " → " + organisation.name;
        datalist.appendChild(aliasOption);
      });
    });
  }

  // Another empty line for an organisation, numbered after the last one.
  function addLine(button) {
    const list = document.getElementById(button.dataset.list).querySelector("ol");
    const last = list.lastElementChild;
    const line = last.cloneNode(true);
    const input = line.querySelector("input");
    const label = line.querySelector("label");
    const number = list.children.length;
    const name = input.name.replace(/-\d+$/, "-" + number);
    input.name = name;
    input.id = name;
    input.value = "";
    input.removeAttribute("aria-invalid");
    input.removeAttribute("aria-describedby");
    line.querySelectorAll(".field-errors").forEach(function (node) { node.remove(); });
    label.htmlFor = name;
    label.textContent = label.textContent.replace(/\d+\s*$/, String(number + 1));
    list.appendChild(line);
    lookup(input, document.getElementById("organisation-options"));
    input.focus();
  }

  // A side of a text kept in both languages is marked missing while it is empty: the mark
  // and the input's description follow what is typed.
  function markMissing(input) {
    const mark = document.getElementById(input.dataset.missing);
    const side = input.closest(".edit-side");
    const update = function () {
      const missing = input.value.trim() === "";
      const described = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
        return id && id !== mark.id;
      });
      if (missing) {
        described.unshift(mark.id);
      }
      mark.hidden = !missing;
      side.classList.toggle("edit-side-missing", missing);
      if (described.length) {
        input.setAttribute("aria-describedby", described.join(" "));
      } else {
        input.removeAttribute("aria-describedby");
      }
    };
    input.addEventListener("input", update);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-missing]").forEach(markMissing);
    const datalist = document.getElementById("organisation-options");
    if (datalist) {
      document.querySelectorAll("input[data-lookup]").forEach(function (input) {
        lookup(input, datalist);
      });
      document.querySelectorAll(".edit-add-organisation").forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", function () { addLine(button); });
      });
    }
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.dataset.confirm)) {
          event.preventDefault();
        }
      });
    });
  });
})();
