// Small progressive enhancements; everything works without JavaScript.
document.addEventListener("htmx:responseError", function (evt) {
  var box = document.getElementById("htmx-error");
  if (!box) {
    box = document.createElement("div");
    box.id = "htmx-error";
    box.className = "messages error";
    box.setAttribute("role", "alert");
    document.querySelector("main").prepend(box);
  }
  box.textContent = "Không tải được dữ liệu (mã " + evt.detail.xhr.status + "). Vui lòng thử lại.";
});

// Conditional form fields: an input with data-show-when="outcome:petitioned|directed" (set on the
// widget by the form) is shown only while the form's "outcome" control has one of those values.
// Its wrapper (the closest .field or div) is hidden, and the input disabled so a stale value is not
// sent. Without JavaScript every field stays visible and the server ignores the ones that do not apply.
(function () {
  "use strict";
  function wrapperOf(el) {
    return el.closest(".field") || el.closest("div") || el;
  }
  function currentValue(form, name) {
    var controls = form.querySelectorAll('[name="' + name + '"]');
    for (var i = 0; i < controls.length; i++) {
      var c = controls[i];
      if ((c.type === "radio" || c.type === "checkbox")) { if (c.checked) { return c.value || "on"; } continue; }
      return c.value;
    }
    return "";
  }
  function apply(form) {
    form.querySelectorAll("[data-show-when]").forEach(function (el) {
      var rule = el.getAttribute("data-show-when").split(":");
      var wanted = (rule[1] || "").split("|");
      var show = wanted.indexOf(currentValue(form, rule[0])) !== -1;
      var box = wrapperOf(el);
      box.hidden = !show;
      el.disabled = !show;
    });
  }
  function init(root) {
    (root || document).querySelectorAll("form").forEach(function (form) {
      if (!form.querySelector("[data-show-when]") || form.dataset.showWhenReady) { return; }
      form.dataset.showWhenReady = "1";
      form.addEventListener("change", function () { apply(form); });
      apply(form);
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", function () { init(); }); } else { init(); }
  document.addEventListener("htmx:afterSettle", function (evt) { init(evt.target); });
})();
