// The live preview tab (feed.views.live_preview): the story's form says on a BroadcastChannel when it
// has sent new text, and this tab loads it. Only on the live preview, never on reader pages.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !("BroadcastChannel" in window)) return;
  new BroadcastChannel(script.dataset.channel).addEventListener("message", function () {
    window.location.reload();
  });
})();
