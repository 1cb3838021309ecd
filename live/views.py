"""The reader's side of a live story: its page, each update's own page and the poll that brings new
updates to an open page (live/static/live/live.js). All three are reader pages, kept by the page cache
(feed/caching.py) until an update or the story changes (live/signals.py, feed/signals.py)."""

import re

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition

from common.editions import current_edition, other_editions
from feed.caching import cached_reader_page
from feed.metadata import iso
from feed.models import Article
from feed.views import feed_links

from .metadata import live_story_meta, update_meta, update_text

PAGE_SIZE = 20
POLL_SHARED_CACHE_SECONDS = 1
CURSOR_RE = re.compile(r"[1-9]\d{0,17}", re.ASCII)


def _live_stories():
    """The live stories of the page's edition."""
    return Article.objects.published().in_edition(current_edition()).filter(live_coverage=True)


def _killed(slug):
    return Article.objects.not_trashed().filter(slug=slug, status=Article.Status.KILLED).first()


def _not_live_here(request, slug, *, story_page):
    """The answer for an address of no published live story: the kill notice (410) for a killed
    story; on the story page, a redirect to where the story is now (a published story that is not
    live, a live story whose slug changed, or one of another edition); otherwise 404."""
    killed = _killed(slug)
    if killed is not None:
        return render(request, "feed/killed.html", {"article": killed}, status=410)
    if story_page:
        elsewhere = Article.objects.published().filter(slug=slug).only("slug", "live_coverage", "language").first()
        if elsewhere is not None:  # not permanent: a story may become live later
            return redirect(elsewhere)
    raise Http404("No such live story.")


def _cursor(request):
    """The id of the last update of the page before: updates older than it come next."""
    value = request.GET.get("before")
    if value is None:
        return None
    if CURSOR_RE.fullmatch(value) is None:
        raise BadRequest("This “Show More” link is malformed.")
    return int(value)


@cached_reader_page
def story(request, slug):
    """/live/<slug>/: the live story, its key points and its updates, newest first, 20 a page."""
    cursor = _cursor(request)
    article = _live_stories().with_translations(other_editions(current_edition())).one_for_page(slug=slug)
    if article is None:
        return _not_live_here(request, slug, story_page=True)
    updates = article.live_updates.shown().for_page()
    if cursor is not None:
        updates = updates.older_than(cursor)
    updates = list(updates[: PAGE_SIZE + 1])
    has_more = len(updates) > PAGE_SIZE
    updates = updates[:PAGE_SIZE]
    key_points = [
        (point, update_text(point))
        for point in article.live_updates.pinned().only("pk", "story_id", "headline", "body", "posted_at")
    ]
    return render(
        request,
        "live/story.html",
        {
            "article": article,
            "updates": updates,
            "key_points": key_points,
            "next_cursor": updates[-1].pk if has_more else None,
            "is_continuation": cursor is not None,
            "meta": live_story_meta(request, article, updates, cursor),
            "poll_seconds": settings.NEWSROOM_LIVE_POLL_SECONDS,
            "feed_links": feed_links(f"{article.headline}: live updates", "live:updates", slug=article.slug),
        },
    )


@cached_reader_page
def update(request, slug, pk):
    """/live/<slug>/updates/<id>/: one update on a page of its own, to share."""
    article = _live_stories().one_for_page(slug=slug)
    if article is None:
        return _not_live_here(request, slug, story_page=False)
    shown = article.live_updates.shown().for_page().filter(pk=pk).first()
    if shown is None:
        raise Http404("No such update.")
    return render(
        request,
        "live/update.html",
        {"article": article, "update": shown, "meta": update_meta(request, article, shown)},
    )


def _poll_etag(request, slug):
    """The story's version moves with every change to it or its updates (feed.workflow.record_live_change),
    so a poll with nothing new is answered 304 after this one query."""
    found = _live_stories().filter(slug=slug).values_list("pk", "version").first()
    return f"live-{found[0]}-{found[1]}" if found else None


@cached_reader_page
@condition(etag_func=_poll_etag)
def poll(request, slug):
    """/live/<slug>/poll/: the newest 20 shown updates as HTML, newest first, and when the coverage ended."""
    article = (
        _live_stories()
        .filter(slug=slug)
        .only("pk", "slug", "live_coverage", "language", "published_at", "coverage_ended_at")
        .first()
    )
    if article is None:
        if _killed(slug) is not None:
            return JsonResponse({"error": "This story has been withdrawn."}, status=410)
        raise Http404("No such live story.")
    updates = article.live_updates.shown().for_page()[:PAGE_SIZE]
    response = JsonResponse(
        {
            "updates": [
                {"id": shown.pk, "html": render_to_string("live/_update.html", {"update": shown})} for shown in updates
            ],
            "ended": iso(article.coverage_ended_at),
        }
    )
    # Shared caches (a CDN) revalidate each poll after a second: a new update reaches readers then,
    # not after the minute other pages may be held. Our own page cache drops it at once (live/signals.py).
    patch_cache_control(response, public=True, max_age=0, s_maxage=POLL_SHARED_CACHE_SECONDS)
    return response
