// The article form's "Live preview" (feed.views.live_preview): once the editor opens it, the form's text
// fields are posted a moment after typing (at most about once a second), kept in the editor's session,
// never in the story; then the preview tab is told on a BroadcastChannel to load them.
(function () {
  "use strict";
  var SEND_EVERY_MS = 1000;
  var FIELDS = ["headline", "summary", "body", "lead_photo_caption"];

  function start() {
    var link = document.getElementById("live-preview-link");
    var form = document.getElementById("article_form");
    if (!link || !form || !("BroadcastChannel" in window)) return;
    var channel = new BroadcastChannel(link.dataset.channel);
    var following = false;
    var timer = null;

    function send() {
      timer = null;
      var data = new FormData();
      data.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
      FIELDS.forEach(function (name) {
        var field = form.elements[name];
        if (field && typeof field.value === "string") data.append(name, field.value);
      });
      return fetch(link.href, { method: "POST", body: data, credentials: "same-origin" }).then(
        function (response) { if (response.ok) channel.postMessage("changed"); },
        function () {}
      );
    }

    function changed() {
      if (following && timer === null) timer = setTimeout(send, SEND_EVERY_MS);
    }

    link.addEventListener("click", function (event) {
      event.preventDefault();
      following = true;
      send().then(function () { window.open(link.href, link.target); });
    });
    // The body editor writes its hidden textarea on every change and its typing bubbles up as input events.
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
