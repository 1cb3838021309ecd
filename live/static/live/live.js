// A live page asks its poll address (data-live-poll) every data-poll-seconds for the newest updates,
// with the ETag of the last answer, so a poll with nothing new is a 304. New updates wait behind a
// button: the text under the reader's eyes never moves until they ask for them. Without JavaScript
// a reload shows them.
(function () {
  "use strict";

  const notice = document.querySelector("[data-live-poll]");
  const stream = document.querySelector("[data-live-stream]");
  if (!notice || !stream) return;
  const button = notice.querySelector("[data-live-show]");
  const pollUrl = notice.dataset.livePoll;
  const interval = Math.max(1, Number(notice.dataset.pollSeconds) || 20) * 1000;
  let etag = null;
  let waiting = [];
  // More new updates than one answer holds: the button reloads the page rather than leave a gap.
  let gap = false;
  let timer = null;

  function newestShownId() {
    const first = stream.querySelector("[data-update-id]");
    return first ? Number(first.dataset.updateId) : 0;
  }

  // "1 new update", "20+ new updates", in the page's language: the template gives the words for each of
  // its plural categories (data-new-updates-one, -few, -many, -other), and the language says which one a count takes.
  const pluralRules = new Intl.PluralRules(document.documentElement.lang || "en");
  function newUpdates(count) {
    const category = pluralRules.select(count);
    const key = "newUpdates" + category.charAt(0).toUpperCase() + category.slice(1);
    return notice.dataset[key] || notice.dataset.newUpdatesOther;
  }

  function announce(count) {
    if (count === 0) {
      button.hidden = true;
      button.textContent = "";
      return;
    }
    button.textContent = newUpdates(count).replace("{count}", count + (gap ? "+" : ""));
    button.hidden = false;
  }

  function stop() {
    if (timer !== null) window.clearInterval(timer);
    timer = null;
  }

  async function poll() {
    if (document.hidden) return;
    const headers = { Accept: "application/json" };
    if (etag) headers["If-None-Match"] = etag;
    let response;
    try {
      response = await fetch(pollUrl, { headers: headers, cache: "no-store" });
    } catch (error) {
      return; // offline for a moment: the next poll tries again
    }
    if (response.status === 304) return;
    if (response.status === 404 || response.status === 410) {
      stop();
      return;
    }
    if (!response.ok) return;
    etag = response.headers.get("ETag");
    const answer = await response.json();
    const newest = newestShownId();
    waiting = answer.updates.filter(function (update) { return update.id > newest; });
    gap = newest > 0 && waiting.length > 0 && waiting.length === answer.updates.length;
    announce(waiting.length);
    if (answer.ended) stop();
  }

  button.addEventListener("click", function () {
    if (gap) {
      window.location.reload();
      return;
    }
    const template = document.createElement("template");
    // Newest first in the answer, as on the page: they go in above what is shown, in that order.
    template.innerHTML = waiting.map(function (update) { return update.html; }).join("");
    const added = Array.from(template.content.children);
    const empty = stream.querySelector(".live-stream__empty");
    if (empty) empty.remove();
    stream.prepend(template.content);
    waiting = [];
    announce(0);
    // Keyboard and screen-reader users continue at the first new update.
    if (added.length) {
      added[0].setAttribute("tabindex", "-1");
      added[0].focus();
    }
  });

  timer = window.setInterval(poll, interval);
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && timer !== null) poll();
  });
})();
