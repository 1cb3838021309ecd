// On a phone the list filters sit above the rows (admin.css): fold those that filter nothing, so the
// rows are a short scroll away. A filter in use stays open; any can be opened again with a tap.
(function () {
  "use strict";
  if (!window.matchMedia("(max-width: 767px)").matches) return;
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("#changelist-filter details[open]").forEach(function (group) {
      const first = group.querySelector("li");
      if (first && first.classList.contains("selected")) group.open = false;
    });
  });
})();
