// The article form's autosave and presence (desk/views.py). Autosave posts the form's text fields a
// moment after typing stops (and at least every few seconds of steady typing) as the user's private
// working copy; the heartbeat tells the server the story is open and shows who else has it open.
// Leaving the page ends the session. Only on the change form of a story the user may edit, where the
// template renders #desk-editing with the addresses.
(function () {
  "use strict";
  var TYPING_PAUSE_MS = 1500;
  var MAX_WAIT_MS = 5000;
  var HEARTBEAT_MS = 8000;

  function start() {
    var desk = document.getElementById("desk-editing");
    var form = document.getElementById("article_form");
    if (!desk || !form) return;
    var token = form.querySelector("[name=csrfmiddlewaretoken]").value;
    var names = desk.dataset.fields.split(" ");
    var status = document.getElementById("desk-autosave-status");
    var presence = document.getElementById("desk-presence");
    var timer = null;
    var firstChangeAt = null;
    var lastSent = null;
    var submitting = false;

    function withToken(data) {
      data.append("csrfmiddlewaretoken", token);
      return data;
    }

    function textFields() {
      var data = new FormData();
      names.forEach(function (name) {
        var field = form.elements[name];
        if (field && typeof field.value === "string") data.append(name, field.value);
      });
      data.append("known_version", form.elements.known_version.value);
      return data;
    }

    function snapshot(data) {
      return JSON.stringify(Array.from(data.entries()));
    }

    function post(url, data) {
      return fetch(url, { method: "POST", body: withToken(data), credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      });
    }

    function autosave() {
      timer = null;
      firstChangeAt = null;
      var data = textFields();
      var current = snapshot(data);
      if (current === lastSent) return;
      lastSent = current;
      post(desk.dataset.autosaveUrl, data).then(
        function (answer) {
          if (status) status.textContent = answer.kept ? "Unsaved changes kept as your draft copy at " + answer.saved_at + "." : "";
        },
        function () {
          lastSent = null;
          if (status) status.textContent = "Your changes could not be kept just now; keep the page open and save soon.";
        }
      );
    }

    function changed() {
      var now = Date.now();
      if (firstChangeAt === null) firstChangeAt = now;
      clearTimeout(timer);
      timer = setTimeout(autosave, Math.max(0, Math.min(TYPING_PAUSE_MS, firstChangeAt + MAX_WAIT_MS - now)));
    }

    function showPresence(sentences) {
      var shown = Array.from(presence.children).map(function (item) { return item.textContent; });
      if (shown.join("\n") === sentences.join("\n")) return;
      presence.replaceChildren.apply(presence, sentences.map(function (sentence) {
        var item = document.createElement("li");
        item.textContent = sentence;
        return item;
      }));
    }

    function heartbeat() {
      post(desk.dataset.presenceUrl, new FormData()).then(function (answer) { showPresence(answer.editing); }, function () {});
    }

    // The body editor writes its hidden textarea on every change and its typing bubbles up as input events.
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", function () { submitting = true; clearTimeout(timer); });
    heartbeat();
    setInterval(heartbeat, HEARTBEAT_MS);
    // Browsers slow timers in a background tab to once a minute, so say so at once on coming back.
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") heartbeat();
    });
    window.addEventListener("pagehide", function () {
      // A save in flight makes a working copy pointless: the story itself is being saved.
      if (timer !== null && !submitting) {
        clearTimeout(timer);
        navigator.sendBeacon(desk.dataset.autosaveUrl, withToken(textFields()));
      }
      navigator.sendBeacon(desk.dataset.leaveUrl, withToken(new FormData()));
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
