// The search page's filters, enhanced; the page works without it (the apply button).
// - On a wide screen the filters' disclosure is open and its button hidden (site.css): a sidebar.
// - A ticked box or a chosen sort applies at once; a year or budget applies when the reader
//   leaves the box or presses Enter. The apply button goes, and a line says so beforehand.
// - After the reload, focus returns to the control the reader used (the panel reopened if it
//   was open), and the new number of results is announced.
"use strict";

(function () {
  const WIDE = window.matchMedia("(min-width: 48.0625rem)");
  const KEY = "kp-search-return";

  // The URL the form sends, without the empty boxes and the default order a GET form adds.
  function target(form) {
    const query = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (value !== "" && !(name === "sort" && value === "relevance")) {
        query.append(name, value);
      }
    });
    const text = query.toString();
    return form.action.split("?")[0] + (text ? "?" + text : "");
  }

  function remember(id, open, url) {
    try {
      sessionStorage.setItem(KEY, JSON.stringify({id: id, open: open, url: url}));
    } catch (error) {
      // Storage may be off (private mode): the search still works, focus starts at the top.
    }
  }

  function recall() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(KEY) || "null");
      sessionStorage.removeItem(KEY);
      return saved;
    } catch (error) {
      return null;
    }
  }

  function changed(control) {
    return control.tagName === "SELECT"
      ? !control.options[control.selectedIndex].defaultSelected
      : control.value !== control.defaultValue;
  }

  document.addEventListener("DOMContentLoaded", function () {
    const form = document.querySelector("form.search-form");
    const filters = document.getElementById("filters");
    if (!form || !filters) {
      return;
    }
    const panel = filters.querySelector(".facets");
    // Back to a page kept whole: show the filters its results have, not the box ticked last
    // on leaving it. (The filters' autocomplete=off keeps a reloaded page from restoring it.)
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) {
        form.reset();
      }
    });
    const closedOnPhone = !filters.open; // open from the server only to show a problem

    function fit() {
      if (WIDE.matches) {
        filters.open = true;
      } else if (closedOnPhone) {
        filters.open = false;
      }
    }
    fit();
    WIDE.addEventListener("change", fit);

    // Leave focus where the reader was, and tell a screen reader the new count.
    const saved = recall();
    if (saved && saved.url === location.href) {
      if (saved.open) {
        filters.open = true;
      }
      const control = saved.id && document.getElementById(saved.id);
      const heading = document.getElementById("results-heading");
      const back = control && form.contains(control) ? control : heading;
      if (back) {
        const more = back.closest("details.more");
        if (more) {
          more.open = true;
        }
        if (back === heading) {
          heading.tabIndex = -1;
        }
        back.focus();
      }
      const status = document.getElementById("search-status");
      if (status && heading) {
        // Filled after load, so that it is read as a change.
        setTimeout(function () { status.textContent = heading.textContent; }, 400);
      }
    }

    let focusAfter = null; // the control to come back to, when it is not the focused one
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      const active = document.activeElement;
      const id = focusAfter || (active && form.contains(active) ? active.id : null);
      focusAfter = null;
      const url = target(form);
      remember(id, filters.open && !WIDE.matches, url);
      location.assign(url);
    });

    function apply(id) {
      focusAfter = id;
      if (form.requestSubmit) {
        form.requestSubmit();
      } else {
        form.dispatchEvent(new Event("submit", {cancelable: true}));
      }
    }

    // A box or a chosen sort applies at once; a key held on a closed list waits for the
    // reader to leave it or press Enter, so arrowing through the orders does not reload.
    let keyed = null;
    panel.addEventListener("keydown", function (event) {
      if (event.target.tagName === "SELECT") {
        if (event.key === "Enter" && changed(event.target)) {
          event.preventDefault();
          apply(event.target.id);
        } else if (event.key !== "Tab") {
          keyed = event.target;
        }
      }
    });
    panel.addEventListener("change", function (event) {
      const control = event.target;
      if (control.type === "checkbox") {
        apply(control.id);
      } else if (control.tagName === "SELECT" && keyed !== control) {
        apply(control.id);
      }
    });
    // A year or a budget (or an arrowed sort) applies on leaving it, focus going on to the
    // next box; Enter submits the form as always. Not when a link is being clicked: the
    // reader is going there instead.
    let pressing = false;
    document.addEventListener("pointerdown", function () { pressing = true; }, true);
    document.addEventListener("pointerup", function () { pressing = false; }, true);
    panel.addEventListener("focusout", function (event) {
      const control = event.target;
      if (!control.matches("input[type=text], select") || !changed(control)) {
        return;
      }
      const next = event.relatedTarget;
      if (pressing && next && next.closest("a")) {
        return;
      }
      keyed = null;
      apply(next && next.id && panel.contains(next) ? next.id : control.id);
    });

    panel.querySelector(".filters-live").hidden = false;
    panel.querySelector("button.apply").hidden = true;
  });
})();
