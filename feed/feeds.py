"""RSS 2.0 and Atom feeds: the whole site, each section, tag and author, the video section, and the
partners' feed. Every one lists `Article.objects.published()` loaded with `for_feed()`.

Entries carry the headline, link, summary, the full body, every author, the publication and
update times, the tags and the lead photo (or video poster) as `<media:content>` with its credit.
"""

import copy
import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, rfc3339_date
from django.utils.html import escape
from django.utils.translation import gettext as _
from taggit.models import Tag

from authors.models import Author
from common.editions import current_edition, slug_lookup

from .models import Article, Section

FEED_SIZE = 30
MEDIA_NS = "http://search.yahoo.com/mrss/"
# Characters XML 1.0 cannot carry at all, not even escaped. Editors can paste them (a form feed, a stray
# control character); Django's feed writer raises on them, so they are dropped from everything a feed says.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value):
    """`value` (text, or lists, tuples and dicts of it) without the characters XML 1.0 forbids."""
    if isinstance(value, str):
        return NOT_IN_XML.sub("", value)
    if isinstance(value, dict):
        return {key: xml_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(xml_safe(item) for item in value)
    return value


def add_media_content(handler, image):
    """<media:content> for a photo (Media RSS), with its caption and credit."""
    if not image:
        return
    handler.startElement(
        "media:content",
        {
            "url": image["url"],
            "medium": "image",
            "type": "image/jpeg",
            "width": str(image["width"]),
            "height": str(image["height"]),
        },
    )
    if image["description"]:
        handler.addQuickElement("media:description", image["description"], {"type": "plain"})
    handler.addQuickElement("media:credit", image["credit"])
    handler.endElement("media:content")


class MediaRssFeed(Rss201rev2Feed):
    """RSS 2.0 with Media RSS images, content:encoded bodies and one dc:creator per author."""

    def rss_attributes(self):
        return super().rss_attributes() | {
            "xmlns:media": MEDIA_NS,
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
            "xmlns:dc": "http://purl.org/dc/elements/1.1/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, _url in item["authors"]:
            handler.addQuickElement("dc:creator", name)
        # RSS has no update time of its own; Atom's element is the usual extension.
        handler.addQuickElement("atom:updated", rfc3339_date(item["updateddate"]))
        handler.addQuickElement("content:encoded", item["content_html"])
        add_media_content(handler, item["image"])


class MediaAtomFeed(Atom1Feed):
    """Atom 1.0 with Media RSS images, the full body as content and one <author> per author."""

    def root_attributes(self):
        return super().root_attributes() | {"xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, url in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", url)
            handler.endElement("author")
        handler.addQuickElement("content", item["content_html"], {"type": "html"})
        add_media_content(handler, item["image"])


def revealed(subject, stories):
    """Like the topic and author pages: a topic or author found only on drafts or scheduled stories
    is not revealed."""
    if not stories.exists():
        raise Http404("Nothing published here.")
    return subject


def edition_stories():
    """The published stories of the feed's edition (its address: /feeds/rss/, /uk/feeds/rss/). The
    feed's <language> is the edition's too: Django's Feed writes the active language."""
    return Article.objects.published().in_edition(current_edition())


def found_by_slug(model, slug):
    """The section or author at `slug` in this edition (common.editions.slug_lookup), or 404."""
    found = model.objects.filter(slug_lookup(slug)).first()
    if found is None:
        raise Http404(f"No such {model._meta.verbose_name}.")
    return found


class StoryFeed(Feed):
    """The whole site's stories, newest first. Subclasses narrow `stories()`."""

    feed_type = MediaRssFeed

    def __call__(self, request, *args, **kwargs):
        # One instance serves every request; work on a copy that knows its request (for absolute
        # image and author addresses) instead of storing the request on the shared instance.
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed = xml_safe(feed.feed)
        feed.items = [xml_safe(item) for item in feed.items]
        return feed

    def title(self, obj):
        return settings.NEWSROOM_SITE_NAME

    def description(self, obj):
        return _("The latest stories from %(site)s.") % {"site": settings.NEWSROOM_SITE_NAME}

    def subtitle(self, obj):  # Atom's name for the description; RSS ignores it
        return self.description(obj)

    def link(self, obj):
        return reverse("feed:home")

    def author_name(self, obj):
        # Atom needs an author for every entry; stories without a byline are the newsroom's.
        return settings.NEWSROOM_SITE_NAME

    def stories(self, obj):
        return edition_stories()

    def items(self, obj):
        return self.stories(obj).for_feed().order_by("-published_at", "-id")[:FEED_SIZE]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        # RSS readers show <description> as HTML and Atom's <summary> is declared type="html"; the
        # summary is plain text, so a "<" typed in it must reach the reader as a character, not a tag.
        return escape(item.summary)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.last_modified

    def item_categories(self, item):
        return [tag.name for tag in item.sorted_tags]

    def item_extra_kwargs(self, item):
        absolute = self.request.build_absolute_uri
        return {
            "content_html": item.body,
            "authors": [
                (byline.author.name, absolute(byline.author.get_absolute_url())) for byline in item.bylines.all()
            ],
            "image": self.item_image(item),
        }

    def image_allowed(self, photo):
        return True

    def item_image(self, item):
        photo = item.card_photo
        if photo is None or not self.image_allowed(photo):
            return None
        url, width, height = photo.rendition("social", 1200)
        return {
            "url": self.request.build_absolute_uri(url),
            "width": width,
            "height": height,
            "description": item.caption if photo == item.lead_photo else photo.caption,
            "credit": str(photo.credit),
        }


class SectionFeed(StoryFeed):
    def get_object(self, request, slug):
        return found_by_slug(Section, slug)

    def title(self, obj):
        return f"{obj.name} · {settings.NEWSROOM_SITE_NAME}"

    def description(self, obj):
        return _("The latest %(section)s stories from %(site)s.") % {
            "section": obj.name,
            "site": settings.NEWSROOM_SITE_NAME,
        }

    def link(self, obj):
        return obj.get_absolute_url()

    def stories(self, obj):
        return edition_stories().filter(section=obj)


class TagFeed(StoryFeed):
    def get_object(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        return revealed(tag, edition_stories().filter(tags=tag))

    def title(self, obj):
        return f"{obj.name} · {settings.NEWSROOM_SITE_NAME}"

    def description(self, obj):
        return _("The latest stories about %(topic)s from %(site)s.") % {
            "topic": obj.name,
            "site": settings.NEWSROOM_SITE_NAME,
        }

    def link(self, obj):
        return reverse("feed:tag", kwargs={"slug": obj.slug})

    def stories(self, obj):
        return edition_stories().filter(tags=obj)


class AuthorFeed(StoryFeed):
    def get_object(self, request, slug):
        author = found_by_slug(Author, slug)
        return revealed(author, edition_stories().filter(bylines__author=author))

    def title(self, obj):
        return f"{obj.name} · {settings.NEWSROOM_SITE_NAME}"

    def description(self, obj):
        return _("The latest stories by %(author)s.") % {"author": obj.name}

    def link(self, obj):
        return obj.get_absolute_url()

    def stories(self, obj):
        return edition_stories().filter(bylines__author=obj)


class VideoFeed(StoryFeed):
    def title(self, obj):
        return f"{_('Video')} · {settings.NEWSROOM_SITE_NAME}"

    def description(self, obj):
        return _("The latest video stories from %(site)s.") % {"site": settings.NEWSROOM_SITE_NAME}

    def link(self, obj):
        return reverse("feed:video")

    def stories(self, obj):
        return edition_stories().videos()


class PartnerFeed(StoryFeed):
    """For syndication partners: every story in full, but only the photos whose credit lets us
    pass them on (`PhotoCredit.may_syndicate`)."""

    def title(self, obj):
        return _("%(site)s for partners") % {"site": settings.NEWSROOM_SITE_NAME}

    def image_allowed(self, photo):
        return photo.credit.may_syndicate


def atom(feed_class):
    """The Atom twin of an RSS feed class."""
    return type(f"{feed_class.__name__}Atom", (feed_class,), {"feed_type": MediaAtomFeed})
