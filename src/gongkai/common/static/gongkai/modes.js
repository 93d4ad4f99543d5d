// Display modes (大字版, 高对比度, the document's 字体 大/中/小) remembered per browser.
//
// The server sends the same bytes to every visitor (pages are cached); this file, loaded
// synchronously in <head> so there is no flash, turns what the browser remembered in localStorage
// into classes on <html>. The controls are rendered `hidden` and shown here: without JavaScript
// the page is fully usable and shows no control that could not work. A static file, because the
// Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  var root = document.documentElement;
  var TOGGLES = { large: "gk-large", contrast: "gk-contrast" };
  var FONT_SIZES = { l: "gk-doc-l", m: "", s: "gk-doc-s" };

  function load(key) {
    try {
      return window.localStorage.getItem("gongkai." + key);
    } catch (e) {
      return null; // storage disabled: modes last for this page only
    }
  }
  function save(key, value) {
    try {
      if (value) {
        window.localStorage.setItem("gongkai." + key, value);
      } else {
        window.localStorage.removeItem("gongkai." + key);
      }
    } catch (e) {
      /* storage disabled */
    }
  }
  function fontSize() {
    var size = load("font");
    return FONT_SIZES.hasOwnProperty(size) ? size : "m";
  }
  function apply() {
    Object.keys(TOGGLES).forEach(function (mode) {
      root.classList.toggle(TOGGLES[mode], load(mode) === "on");
    });
    var size = fontSize();
    Object.keys(FONT_SIZES).forEach(function (key) {
      if (FONT_SIZES[key]) {
        root.classList.toggle(FONT_SIZES[key], key === size);
      }
    });
  }
  function showState() {
    document.querySelectorAll("[data-mode]").forEach(function (button) {
      button.setAttribute("aria-pressed", load(button.getAttribute("data-mode")) === "on" ? "true" : "false");
    });
    var size = fontSize();
    document.querySelectorAll("[data-font]").forEach(function (button) {
      button.setAttribute("aria-pressed", button.getAttribute("data-font") === size ? "true" : "false");
    });
  }
  function closeWindow() {
    // Browsers close only windows a script opened; otherwise go back, or to the home page.
    window.close();
    window.setTimeout(function () {
      if (window.history.length > 1) {
        window.history.back();
      } else {
        window.location.href = "/";
      }
    }, 150);
  }

  // On a phone, list tables read as cards: each cell is labelled with its column's heading (the
  // stylesheet stacks `table.stack-table` below 640 px). Without JavaScript such a table scrolls
  // sideways inside its own box instead; the page itself never does.
  function labelTables() {
    document.querySelectorAll("table.list:not(.report):not(.todo):not(.catalog):not(.stack-table)").forEach(function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      if (!heads.length) {
        return;
      }
      table.querySelectorAll("tbody tr").forEach(function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.children, function (cell) {
          if (cell.colSpan === 1 && heads[column] && !cell.hasAttribute("data-label")) {
            cell.setAttribute("data-label", heads[column]);
          }
          column += cell.colSpan || 1;
        });
      });
      table.classList.add("stack-table", "stack-first");
    });
  }

  apply();
  // Another tab changed a mode: follow it.
  window.addEventListener("storage", function () {
    apply();
    showState();
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-gk-tools]").forEach(function (el) {
      el.hidden = false;
    });
    showState();
    labelTables();
  });
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-mode], [data-font], [data-print], [data-close]");
    if (!target) {
      return;
    }
    if (target.hasAttribute("data-mode")) {
      var mode = target.getAttribute("data-mode");
      save(mode, load(mode) === "on" ? "" : "on");
    } else if (target.hasAttribute("data-font")) {
      var size = target.getAttribute("data-font");
      save("font", size === "m" ? "" : size);
    } else if (target.hasAttribute("data-print")) {
      window.print();
      return;
    } else {
      closeWindow();
      return;
    }
    apply();
    showState();
  });
})();
