// Admin: click a photo to set its focal point; the number inputs and the marker follow each other.
(function () {
  "use strict";
  function setUp(box) {
    const xInput = document.getElementById(box.dataset.xInput);
    const yInput = document.getElementById(box.dataset.yInput);
    const marker = box.querySelector(".focal-point__marker");
    function show() {
      marker.style.left = (parseFloat(xInput.value) || 0.5) * 100 + "%";
      marker.style.top = (parseFloat(yInput.value) || 0.5) * 100 + "%";
    }
    box.querySelector("img").addEventListener("click", function (event) {
      const rect = event.currentTarget.getBoundingClientRect();
      const clamp = (value) => Math.min(1, Math.max(0, value)).toFixed(3);
      xInput.value = clamp((event.clientX - rect.left) / rect.width);
      yInput.value = clamp((event.clientY - rect.top) / rect.height);
      show();
    });
    xInput.addEventListener("input", show);
    yInput.addEventListener("input", show);
    show();
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-focal-point]").forEach(setUp);
  });
})();
