"""Metadata of a live story's pages: the story as a schema.org LiveBlogPosting whose liveBlogUpdate
entries are the updates the page shows, and an update's own page as a BlogPosting with its Open
Graph card. Built on feed/metadata.py and, like it, without queries: it reads what the views loaded."""

from html import unescape
from urllib.parse import urlencode

from django.utils.html import strip_tags
from django.utils.text import Truncator

from feed.metadata import article_meta, iso, language_links, organisation, page_meta, person, social_image

HEADLINE_LENGTH = 110


def update_text(update):
    """An update's body as plain text, on one line."""
    return " ".join(unescape(strip_tags(update.body)).split())


def update_title(update):
    """The update's headline, or the start of its text (schema.org and link previews want one)."""
    return update.headline or Truncator(update_text(update)).chars(HEADLINE_LENGTH)


def blog_posting(request, update):
    modified = update.edited_at or update.posted_at
    return {
        "@type": "BlogPosting",
        "headline": update_title(update),
        "url": request.build_absolute_uri(update.get_absolute_url()),
        "datePublished": iso(update.posted_at),
        "dateModified": iso(modified),
        "author": [person(request, author) for author in update.authors.all()],
        "articleBody": update_text(update),
    }


def live_story_meta(request, article, updates, cursor=None):
    """The live page's metadata: the article's, as a LiveBlogPosting of the updates shown."""
    meta = article_meta(request, article)
    if cursor is not None:  # an older page is its own page, not a copy of the first
        meta["canonical"] = request.build_absolute_uri(f"{request.path}?{urlencode({'before': cursor})}")
        translations = {translation.edition: translation.address for translation in article.translations()}
        meta["languages"] = language_links(request, translations, alternates=False)
    data = meta["json_ld"]
    data["@type"] = "LiveBlogPosting"
    del data["timeRequired"]
    data["coverageStartTime"] = iso(article.published_at)
    if article.coverage_ended_at:
        data["coverageEndTime"] = iso(article.coverage_ended_at)
    data["liveBlogUpdate"] = [blog_posting(request, update) for update in updates]
    return meta


def update_meta(request, article, update):
    """An update's own page: its headline (or the story's), its text, its photo (or the story's)."""
    photo = update.photo or article.lead_photo
    image = social_image(request, photo, update.caption if update.photo else article.caption)
    data = {
        "@context": "https://schema.org",
        **blog_posting(request, update),
        "isPartOf": {"@type": "LiveBlogPosting", "url": request.build_absolute_uri(article.get_absolute_url())},
        "publisher": organisation(request),
    }
    return page_meta(
        request,
        title=update.headline or article.headline,
        description=update_text(update),
        path=update.get_absolute_url(),
        kind="article",
        image=image,
        json_ld=data,
    )
