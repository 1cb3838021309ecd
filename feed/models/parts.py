"""What a story's page shows besides the story's own row: its bylines (authors and their avatars), its
topics, its corrections and its related links, one query each, whose SQL is built once per process
(common.compiled). As prefetch_related() lookups, building and compiling the four querysets was two fifths
of the article page's time (docs/performance.md)."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from authors.models import Author
from common.compiled import CompiledInstances, Layout
from common.editions import translated_fields
from media.models import Photo

from .articles import Article, Correction
from .links import Byline, RelatedLink
from .querysets import published_q

# What an author box, a person in the page's metadata and the API's author read; the full biography only
# for the API. An avatar as a picture shows it.
# The base columns too: django-modeltranslation falls back to them when every language's is empty.
TEXT_FIELDS = ("name", "slug", "role", "short_bio")
AUTHOR_FIELDS = {"id", "avatar_id", "user_id", "is_active", *TEXT_FIELDS, *translated_fields(*TEXT_FIELDS)}
AUTHOR_BIO_FIELDS = {"bio", *translated_fields("bio")}
AVATAR_FIELDS = {"id", "image", "width", "height", "alt_text", "caption", "renditions", "focal_x", "focal_y"}
# What a related-story teaser reads of its target (RelatedLink.href, label and teaser).
TARGET_FIELDS = {"id", "slug", "language", "headline", "summary", "live_coverage"}


@dataclass(frozen=True)
class PageParts:
    bylines: list
    tags: list
    corrections: list
    related_links: list


def _bylines_query(author_bios):
    return CompiledInstances(
        Byline,
        lambda article: Byline.objects.filter(article_id=article).order_by("position", "id"),
        [
            Layout(Byline, {"id", "article_id", "author_id", "position"}),
            Layout(Author, AUTHOR_FIELDS | (AUTHOR_BIO_FIELDS if author_bios else set()), "author__"),
            Layout(Photo, AVATAR_FIELDS, "author__avatar__"),
        ],
        article=int,
    )


BYLINES = {author_bios: _bylines_query(author_bios) for author_bios in (False, True)}
TAGS = CompiledInstances(
    TaggedItem,
    lambda article, type: TaggedItem.objects.filter(content_type_id=type, object_id=article).order_by(),
    [Layout(Tag, {"id", "name", "slug"}, "tag__")],
    article=int,
    type=int,
)
CORRECTIONS = CompiledInstances(
    Correction,
    lambda article: Correction.objects.filter(article_id=article).order_by("created_at", "id"),
    [Layout(Correction, {"id", "article_id", "kind", "text", "created_at"})],
    article=int,
)
RELATED_LINKS = CompiledInstances(
    RelatedLink,
    lambda article, now: RelatedLink.objects.filter(
        Q(target__isnull=True) | published_q("target__", now), article_id=article
    ).order_by("position", "id"),
    [
        Layout(RelatedLink, {"id", "article_id", "target_id", "url", "title", "after_paragraph", "position"}),
        Layout(Article, TARGET_FIELDS, "target__"),
    ],
    article=int,
    now=datetime,
)


def load_parts(article, author_bios=False):
    """Sets `article.parts`, its PageParts, in four queries; the authors' full biographies only with
    `author_bios` (the API's story has them, a page does not)."""
    bylines = []
    for byline, author, avatar in BYLINES[author_bios].instances(article=article.pk):
        if avatar is not None:
            author.avatar = avatar
        byline.author = author
        bylines.append(byline)
    related_links = []
    for link, target in RELATED_LINKS.instances(article=article.pk, now=timezone.now()):
        if target is not None:
            link.target = target
        related_links.append(link)
    content_type = ContentType.objects.get_for_model(Article).pk
    tags = [tag for (tag,) in TAGS.instances(article=article.pk, type=content_type)]
    article.parts = PageParts(
        bylines=bylines,
        tags=sorted(tags, key=lambda tag: tag.name.lower()),
        corrections=[correction for (correction,) in CORRECTIONS.instances(article=article.pk)],
        related_links=related_links,
    )
