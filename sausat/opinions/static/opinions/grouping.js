// Grouping page: "select all" for the bulk checkboxes.
document.addEventListener("change", function (evt) {
  if (evt.target && evt.target.id === "check-all") {
    document.querySelectorAll("#grouping-rows input[name=ids]").forEach(function (box) {
      box.checked = evt.target.checked;
    });
  }
});
