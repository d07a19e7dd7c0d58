// Grouping page: "select all" for the bulk checkboxes.
(function () {
  "use strict";
  function selectAll(checked) {
    document.querySelectorAll("#grouping-rows input[name=ids]").forEach(function (box) {
      box.checked = checked;
    });
  }
  document.addEventListener("change", function (evt) {
    if (evt.target && evt.target.id === "check-all") {
      selectAll(evt.target.checked);
    }
  });
  // This script is deferred: "select all" may have been ticked before it ran (a slow network). The
  // rows follow it then too, rather than a ticked box that moved nothing.
  function catchUp() {
    var all = document.getElementById("check-all");
    if (all && all.checked) { selectAll(true); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", catchUp); } else { catchUp(); }
})();
