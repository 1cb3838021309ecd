"""RSS 2.0 and Atom of one live story's updates (/live/<slug>/rss/ and /live/<slug>/atom/): its newest
shown updates, each entry linking to the update's own page, written by feed/feeds.py's writers.

Only a story `Article.objects.published()` lets through has feeds; a killed one answers 410 Gone, as
its page does. The feeds go through the page cache like the live page: any change to an update ends
the cache's generation (live/signals.py).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpResponseGone
from django.utils import timezone
from django.utils.translation import gettext as _

from common.editions import current_edition
from feed.caching import cached_reader_page
from feed.feeds import StoryFeed, atom
from feed.models import Article

FEED_SIZE = 50


class StoryGone(Exception):
    """The live story was killed: its feeds answer 410, not 404."""


class LiveUpdatesFeed(StoryFeed):
    """A live story's shown updates, newest first."""

    # ReaderPageCacheMiddleware serves and stores the views carrying this mark.
    cached_reader_page = True

    def __call__(self, request, slug):
        return cached_reader_page(self._respond)(request, slug)

    def _respond(self, request, slug):
        try:
            return super().__call__(request, slug=slug)
        except StoryGone:
            return HttpResponseGone("This live story was removed.", content_type="text/plain; charset=utf-8")

    def get_object(self, request, slug):
        live_stories = Article.objects.in_edition(current_edition()).filter(live_coverage=True, slug=slug)
        story = live_stories.published().only("slug", "headline", "summary", "live_coverage", "language").first()
        if story is not None:
            return story
        # Asked only when nothing answers at this address.
        if live_stories.not_trashed().filter(status=Article.Status.KILLED).exists():
            raise StoryGone(slug)
        raise Http404("No such live story.")

    def title(self, obj):
        return f"{_('Live:')} {obj.headline} · {settings.NEWSROOM_SITE_NAME}"

    def description(self, obj):
        return obj.summary

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        # Through the story's own manager, so each update knows its story without a query.
        return obj.live_updates.shown().select_related("photo__credit").prefetch_related("authors")[:FEED_SIZE]

    def item_title(self, item):
        return item.headline or _("Update at %(time)s") % {"time": f"{timezone.localtime(item.posted_at):%H:%M}"}

    def item_description(self, item):
        return item.body

    def item_guid(self, item):
        # A tag URI (RFC 4151) names the update whatever its story's address becomes.
        host = urlsplit(self.request.build_absolute_uri("/")).hostname
        return f"tag:{host},{item.posted_at:%Y-%m-%d}:live-update-{item.pk}"

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        return item.posted_at

    def item_updateddate(self, item):
        return item.edited_at or item.posted_at

    def item_categories(self, item):
        return []

    def item_extra_kwargs(self, item):
        absolute = self.request.build_absolute_uri
        return {
            "content_html": item.body,
            "authors": [(author.name, absolute(author.get_absolute_url())) for author in item.authors.all()],
            "image": self.item_image(item),
        }

    def item_image(self, item):
        if item.photo is None:
            return None
        url, width, height = item.photo.rendition("social", 1200)
        return {
            "url": self.request.build_absolute_uri(url),
            "width": width,
            "height": height,
            "description": item.caption,
            "credit": str(item.photo.credit),
        }


LiveUpdatesAtomFeed = atom(LiveUpdatesFeed)
