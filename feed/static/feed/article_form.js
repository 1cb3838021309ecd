// Writing aids on the article form: a "leave page?" guard while there are unsaved changes, a live
// word count and reading time under the body, and Ctrl/Cmd+S for "Save and continue editing".
(function () {
  "use strict";

  // As feed/html.py counts them for the stored reading time: 200 words a minute, at least one minute.
  const WORDS_PER_MINUTE = 200;
  const WORD = /[\p{L}\p{N}_]+(?:[’'\-][\p{L}\p{N}_]+)*/gu;

  function articleForm() {
    return document.getElementById("article_form");
  }

  // What the form would send, as text; files by name, so choosing one counts as a change.
  function snapshot(form) {
    const pairs = [];
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken") return;
      pairs.push(name + "=" + (value instanceof File ? "file:" + value.name : value));
    });
    return pairs.join("&");
  }

  function guardUnsavedChanges(form) {
    const saved = snapshot(form);
    let submitting = false;
    form.addEventListener("submit", function () { submitting = true; });
    window.addEventListener("beforeunload", function (event) {
      if (submitting || snapshot(form) === saved) return;
      event.preventDefault();
      event.returnValue = "";  // Chromium before 119 asks only when returnValue is set.
    });
  }

  function countWords(text) {
    return (text.match(WORD) || []).length;
  }

  function describe(words) {
    if (words === 0) return "No words yet";
    const minutes = Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
    return (
      words.toLocaleString("en-GB") + (words === 1 ? " word" : " words") +
      " · " + minutes + (minutes === 1 ? " minute" : " minutes") + " to read"
    );
  }

  function showBodyStats(form) {
    const editor = form.querySelector(".field-body .ProseMirror[contenteditable]");
    if (!editor) return;  // read-only view: no body editor
    const stats = document.createElement("div");
    stats.className = "help body-stats";
    stats.id = "body-stats";
    // Under the editor, beside its help text; not inside the row that holds the label and the editor.
    (editor.closest(".flex-container") || editor.closest(".prose-editor")).after(stats);
    function update() { stats.textContent = describe(countWords(editor.innerText)); }
    // The editor copies its text into the hidden textarea and sends an "input" event on every change.
    form.querySelector(".field-body").addEventListener("input", update);
    update();
  }

  function saveOnShortcut(form) {
    document.addEventListener("keydown", function (event) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== "s") return;
      const button = form.querySelector('input[type="submit"][name="_continue"]');
      if (!button) return;
      event.preventDefault();  // not the browser's "Save page as…"
      button.click();
    });
  }

  // "load", not "DOMContentLoaded": the body editor and the autocompletes have set up their fields by then,
  // so the snapshot is of the form as the writer found it.
  window.addEventListener("load", function () {
    const form = articleForm();
    if (!form) return;
    guardUnsavedChanges(form);
    showBodyStats(form);
    saveOnShortcut(form);
  });
})();
