// Live entry: Enter in the text box submits (Shift+Enter adds a line); focus returns to the first field.
(function () {
  function focusFirst() {
    var first = document.getElementById("id_speaker");
    if (first) { first.focus(); }
  }
  document.addEventListener("keydown", function (evt) {
    var target = evt.target;
    if (evt.key === "Enter" && !evt.shiftKey && target && target.dataset && target.dataset.enterSubmits === "1") {
      evt.preventDefault();
      var form = target.form;
      if (form && form.reportValidity()) { form.requestSubmit(); }
    }
  });
  document.addEventListener("htmx:afterSwap", function (evt) {
    if (evt.detail.target && evt.detail.target.id === "live-entry") { focusFirst(); }
  });
})();
