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
