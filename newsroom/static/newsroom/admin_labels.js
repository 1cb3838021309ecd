// Accessible names for the widgets that scripts add to admin forms: the rich-text body
// (django-prose-editor) and select2 autocompletes (the article's lead photo, video poster, bylines; the
// photo's credit). Their own markup leaves them nameless for screen readers. Re-applied whenever the
// form changes, e.g. when "Add another Byline" adds a row.
(function () {
  "use strict";

  function labelTextFor(field) {
    const label = document.querySelector('label[for="' + field.id + '"]');
    if (label) return label.textContent.replace(/:\s*$/, "").trim();
    // A tabular inline: the column heading names the field.
    const cell = field.closest("td");
    const table = cell && cell.closest("table");
    if (!table) return "";
    const heading = table.querySelectorAll("thead th")[cell.cellIndex];
    return heading ? heading.textContent.trim() : "";
  }

  function name(element, text) {
    if (text && !element.hasAttribute("aria-label")) element.setAttribute("aria-label", text);
  }

  function apply() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      const container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2")) return;
      const text = labelTextFor(select);
      const combobox = container.querySelector('[role="combobox"]');
      if (combobox) {
        combobox.removeAttribute("aria-labelledby");
        name(combobox, text);
      }
      container.querySelectorAll('[role="textbox"]').forEach(function (box) { name(box, text + ": chosen"); });
    });
    document.querySelectorAll('[contenteditable="true"][role="textbox"]').forEach(function (editor) {
      const textarea = editor.closest(".form-row, .fieldBox, div").querySelector("textarea");
      name(editor, textarea ? labelTextFor(textarea) : "Text");
    });
  }

  new MutationObserver(apply).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", apply);
})();
