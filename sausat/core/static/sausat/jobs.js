// Job progress fragments (core/jobs/_progress.html): when a polled job finishes, tell the page.
// Listen with: document.addEventListener("sausat:job-finished", (e) => e.detail.id / e.detail.status)
(function () {
  "use strict";
  document.addEventListener("htmx:afterSwap", function (event) {
    var el = event.detail && event.detail.elt;
    if (!el || !el.classList || !el.classList.contains("job-progress")) return;
    var status = el.getAttribute("data-status");
    if (status !== "done" && status !== "failed") return;
    var link = el.querySelector("a[download], a");
    if (link) link.focus();
    el.dispatchEvent(
      new CustomEvent("sausat:job-finished", {
        bubbles: true,
        detail: { id: el.id.replace("job-", ""), status: status },
      })
    );
  });
})();
