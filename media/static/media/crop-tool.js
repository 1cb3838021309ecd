// Admin photo form: one Cropper.js box per slot, locked to the slot's shape. The box and that slot's
// row of "own crop" fractions follow each other, so saving stores exactly what the box shows. A box is
// only written to its row once the editor moves it: untouched slots keep the point-of-interest crop.
(function () {
  "use strict";
  const SIDES = ["left", "top", "right", "bottom"];
  const KEY_STEP = 0.01; // of the photo's width or height, per arrow key

  // The inputs of the inline row whose slot is `slot` (an unsaved row counts once its slot is chosen).
  function rowInputs(slot) {
    for (const select of document.querySelectorAll('select[name^="crops-"][name$="-slot"]')) {
      if (select.value !== slot || select.name.includes("__prefix__")) continue;
      const prefix = select.name.slice(0, -"slot".length);
      const inputs = {};
      SIDES.forEach(function (side) {
        inputs[side] = document.querySelector('[name="' + prefix + side + '"]');
      });
      return inputs;
    }
    return null;
  }

  function fraction(value) {
    return Math.min(1, Math.max(0, value)).toFixed(6).replace(/\.?0+$/, "") || "0";
  }

  function setUp(figure) {
    const slot = figure.dataset.cropSlot;
    const image = figure.querySelector("img");
    const frame = figure.querySelector(".crop-tool__frame");
    const source = figure.querySelector("[data-crop-source]");
    let cropper;

    function size() {
      const data = cropper.getImageData();
      return { width: data.naturalWidth, height: data.naturalHeight };
    }

    function show(box) {
      const { width, height } = size();
      cropper.setData({
        x: box.left * width,
        y: box.top * height,
        width: (box.right - box.left) * width,
        height: (box.bottom - box.top) * height,
      });
    }

    function write() {
      const inputs = rowInputs(slot);
      if (!inputs) return;
      const data = cropper.getData();
      const { width, height } = size();
      inputs.left.value = fraction(data.x / width);
      inputs.top.value = fraction(data.y / height);
      inputs.right.value = fraction((data.x + data.width) / width);
      inputs.bottom.value = fraction((data.y + data.height) / height);
      source.textContent = "own crop (save to keep it)";
    }

    // Typed fractions move the box too, once all four make a box; leaving the field writes back the box,
    // which keeps the slot's shape, so the row again holds what the box shows.
    function typed(event) {
      const inputs = rowInputs(slot);
      if (!inputs || !SIDES.some((side) => inputs[side] === event.target)) return;
      const box = {};
      for (const side of SIDES) {
        box[side] = parseFloat(inputs[side].value);
        if (Number.isNaN(box[side])) return;
      }
      if (!(box.left < box.right && box.top < box.bottom)) return;
      show(box);
      if (event.type === "change") write();
    }
    document.addEventListener("input", typed);
    document.addEventListener("change", typed);

    frame.addEventListener("keydown", function (event) {
      const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
      const move = moves[event.key];
      if (!move) return;
      event.preventDefault();
      const data = cropper.getData();
      const { width, height } = size();
      if (event.shiftKey) {
        // Right and Up grow the box, Left and Down shrink it; Cropper keeps the slot's shape.
        const grow = (move[0] || -move[1]) * KEY_STEP * width;
        cropper.setData({ width: data.width + grow, height: (data.width + grow) / cropper.options.aspectRatio });
      } else {
        cropper.setData({ x: data.x + move[0] * KEY_STEP * width, y: data.y + move[1] * KEY_STEP * height });
      }
      write();
    });

    cropper = new Cropper(image, {
      aspectRatio: parseFloat(figure.dataset.aspect),
      viewMode: 1, // the box stays on the photo
      dragMode: "none",
      autoCropArea: 1,
      zoomable: false,
      movable: false,
      rotatable: false,
      scalable: false,
      checkOrientation: false, // renditions are stored upright, and reading EXIF would fetch the file again
      checkCrossOrigin: false,
      toggleDragModeOnDblclick: false,
      background: false, // its checkered pattern is a data: image, which the Content-Security-Policy refuses
      ready: function () {
        show({
          left: parseFloat(figure.dataset.left),
          top: parseFloat(figure.dataset.top),
          right: parseFloat(figure.dataset.right),
          bottom: parseFloat(figure.dataset.bottom),
        });
        figure.dataset.ready = "";
      },
      cropend: write,
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-crop-slot]").forEach(setUp);
  });
})();
