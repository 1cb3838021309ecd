// Progressive enhancement only: every feature here also works as a plain link without JavaScript.
(function () {
  "use strict";

  // "Show More": fetch the next, older page and append its stories in place.
  document.addEventListener("click", async function (event) {
    const link = event.target.closest("[data-show-more]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const wrap = link.closest(".show-more-wrap");
    const list = wrap && wrap.previousElementSibling;
    if (!list || !list.matches("[data-story-list]")) return;
    event.preventDefault();
    link.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(link.href, { headers: { Accept: "text/html" } });
      if (!response.ok) throw new Error(response.status);
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const nextList = page.querySelector("[data-story-list]");
      const nextLink = page.querySelector("[data-show-more]");
      const items = nextList ? Array.from(nextList.children) : [];
      items.forEach(function (item) { list.appendChild(document.adoptNode(item)); });
      // The address now names the oldest page shown, so a reload or a shared link starts there.
      // Only for this page's own list: the article page's "More from the News Feed" pages the home feed.
      const loaded = new URL(link.href, window.location.href);
      if (loaded.pathname === window.location.pathname) {
        window.history.replaceState(null, "", loaded.pathname + loaded.search);
      }
      if (nextLink) {
        link.href = nextLink.href;
        link.removeAttribute("aria-busy");
      } else {
        wrap.remove();
      }
      // Keep keyboard and screen-reader users where the new stories start.
      const firstLink = items.length && items[0].querySelector("h2 a, h3 a");
      if (firstLink) firstLink.focus();
    } catch (error) {
      window.location.href = link.href;
    }
  });

  // Click-to-load video: no request to the video host until the reader asks for it.
  document.addEventListener("click", function (event) {
    const start = event.target.closest(".video-player__start");
    if (!start) return;
    const player = start.closest("[data-video-embed]");
    if (!player || !player.dataset.videoEmbed) return;
    event.preventDefault();
    const frame = document.createElement("iframe");
    frame.src = player.dataset.videoEmbed;
    frame.title = player.dataset.videoTitle || "Video";
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.allowFullscreen = true;
    player.replaceChildren(frame);
    frame.focus();
  });
})();
