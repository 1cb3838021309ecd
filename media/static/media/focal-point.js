// Admin: click a photo to set its focal point; the number inputs and the marker follow each other.
// A file chosen in the form is previewed here before it is sent, so a new photo gets its point too.
(function () {
  "use strict";
  function setUp(box) {
    const xInput = document.getElementById(box.dataset.xInput);
    const yInput = document.getElementById(box.dataset.yInput);
    const fileInput = document.getElementById(box.dataset.fileInput);
    const image = box.querySelector("img");
    const marker = box.querySelector(".focal-point__marker");
    let previewUrl = null;
    function show() {
      marker.style.left = (parseFloat(xInput.value) || 0.5) * 100 + "%";
      marker.style.top = (parseFloat(yInput.value) || 0.5) * 100 + "%";
    }
    image.addEventListener("click", function (event) {
      const rect = event.currentTarget.getBoundingClientRect();
      const clamp = (value) => Math.min(1, Math.max(0, value)).toFixed(3);
      xInput.value = clamp((event.clientX - rect.left) / rect.width);
      yInput.value = clamp((event.clientY - rect.top) / rect.height);
      show();
    });
    if (fileInput) {
      fileInput.addEventListener("change", function () {
        const file = fileInput.files[0];
        if (!file || !file.type.startsWith("image/")) return;
        if (previewUrl) URL.revokeObjectURL(previewUrl);
        previewUrl = URL.createObjectURL(file);
        image.src = previewUrl;
        image.alt = "The chosen photo: click its point of interest";
        box.hidden = false;
      });
    }
    xInput.addEventListener("input", show);
    yInput.addEventListener("input", show);
    show();
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-focal-point]").forEach(setUp);
  });
})();
