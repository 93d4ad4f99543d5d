// Navigation groups are <details> elements and work without this script. With it, opening one group
// closes the others, and a click elsewhere or Escape closes an open group (focus back on its summary).
(function () {
  "use strict";
  function groups() { return document.querySelectorAll(".site-nav .nav-group details"); }
  document.addEventListener("toggle", function (event) {
    var opened = event.target;
    if (!opened.matches || !opened.matches(".site-nav .nav-group details") || !opened.open) return;
    groups().forEach(function (other) { if (other !== opened) other.open = false; });
  }, true);
  document.addEventListener("click", function (event) {
    groups().forEach(function (group) { if (group.open && !group.contains(event.target)) group.open = false; });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    groups().forEach(function (group) {
      if (group.open) { group.open = false; group.querySelector("summary").focus(); }
    });
  });
})();
