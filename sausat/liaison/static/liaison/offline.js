// Offline-tolerant field forms (CSP-safe, no inline code).
// - Typed text is kept in localStorage while the cadre types, and restored if the page reloads.
// - The hidden idempotency key is stored with the draft, so every retry, even after a reload,
//   carries the same key: the server stores the submission once, whatever happens.
// - A submission that fails on the network is retried with backoff and when the phone comes back
//   online; the draft is cleared only when the server has answered with the saved page.
(function () {
  "use strict";
  var PREFIX = "sausat-draft:";

  function storageKey(form) { return PREFIX + form.getAttribute("data-offline"); }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.type !== "file" && el.type !== "submit" && el.name !== "csrfmiddlewaretoken";
    });
  }

  function save(form) {
    var data = {};
    fields(form).forEach(function (el) {
      data[el.name] = el.type === "checkbox" ? el.checked : el.value;
    });
    try { localStorage.setItem(storageKey(form), JSON.stringify(data)); } catch (e) { /* storage full or off */ }
  }

  function restore(form) {
    var raw = null;
    try { raw = localStorage.getItem(storageKey(form)); } catch (e) { return false; }
    if (!raw) return false;
    var data;
    try { data = JSON.parse(raw); } catch (e) { return false; }
    fields(form).forEach(function (el) {
      if (!(el.name in data)) return;
      if (el.type === "checkbox") el.checked = !!data[el.name];
      else el.value = data[el.name];
    });
    return true;
  }

  // Whether the cadre has typed or chosen anything since the page loaded.
  function edited(form) {
    return fields(form).some(function (el) {
      if (el.type === "checkbox" || el.type === "radio") return el.checked !== el.defaultChecked;
      if (el.tagName === "SELECT") {
        if (el.multiple) {
          return Array.prototype.some.call(el.options, function (o) { return o.selected !== o.defaultSelected; });
        }
        var initial = 0; // a single select without a "selected" option starts on its first one
        Array.prototype.forEach.call(el.options, function (o, i) { if (o.defaultSelected) initial = i; });
        return el.options.length > 0 && el.selectedIndex !== initial;
      }
      return el.value !== el.defaultValue;
    });
  }

  function clear(form) {
    try { localStorage.removeItem(storageKey(form)); } catch (e) { /* ignore */ }
  }

  // Messages come translated from the status box's data-* attributes (Vietnamese fallbacks).
  function message(form, key, fallback) {
    var box = form.querySelector(".offline-status");
    return (box && box.dataset[key]) || fallback;
  }

  function status(form, text, pending) {
    var box = form.querySelector(".offline-status");
    if (!box) return;
    box.textContent = text;
    box.classList.toggle("pending", !!pending);
  }

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function bind(form) {
    if (form.dataset.offlineBound) return;
    form.dataset.offlineBound = "1";
    // A bound (error) page carries the server's values; otherwise bring back a saved draft. This
    // script is deferred: on a slow network the cadre may have typed before it ran. That text is
    // kept (and saved) rather than overwritten by an older draft.
    if (form.querySelector(".errorlist")) {
      // the server's values stay
    } else if (edited(form)) {
      save(form);
    } else if (restore(form)) {
      status(form, message(form, "restored", "Đã khôi phục nội dung đang soạn dở trên máy này."), false);
    }
    form.addEventListener("input", function () { save(form); });
    form.addEventListener("change", function () { save(form); });

    var attempt = 0;
    var timer = null;
    var sending = false;

    function send() {
      if (sending) return;
      sending = true;
      clearTimeout(timer);
      save(form);
      var body = new FormData(form);
      status(form, message(form, "sending", "Đang gửi…"), true);
      fetch(form.action || window.location.href, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(form), "X-Offline-Retry": String(attempt) }
      }).then(function (response) {
        sending = false;
        if (response.ok && response.redirected) {
          clear(form);
          window.location.assign(response.url);
          return null;
        }
        if (response.status >= 400 && response.status < 500) {
          // Validation errors: show the server's page, keep the draft.
          return response.text().then(function (html) {
            var doc = new DOMParser().parseFromString(html, "text/html");
            var fresh = doc.querySelector("main");
            if (fresh) {
              document.querySelector("main").replaceWith(fresh);
              var next = fresh.querySelector("form[data-offline]");
              if (next) { bind(next); save(next); }
              var err = fresh.querySelector(".errorlist");
              if (err) err.scrollIntoView({ block: "center" });
            }
          });
        }
        throw new Error("HTTP " + response.status);
      }).catch(function () {
        sending = false;
        attempt += 1;
        var wait = Math.min(60, Math.pow(2, Math.min(attempt, 6)));
        var retry = message(form, "retry", "Chưa gửi được (mạng yếu). Nội dung đã được giữ lại trên máy; tự gửi lại sau {seconds} giây.");
        status(form, retry.replace("{seconds}", String(wait)), true);
        timer = setTimeout(send, wait * 1000);
      });
    }

    form.addEventListener("submit", function (evt) {
      if (!window.fetch || !window.FormData) return; // plain submit still works
      evt.preventDefault();
      attempt = 0;
      send();
    });
    window.addEventListener("online", function () { if (timer) send(); });
  }

  function init() {
    document.querySelectorAll("form[data-offline]").forEach(bind);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
