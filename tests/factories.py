"""Plain helpers that build valid objects; pass keyword arguments to override any field."""

import io
import itertools
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from authors.models import Author
from feed.models import Article, Byline, RelatedLink, Section
from media.models import Photo, PhotoCredit

_sequence = itertools.count(1)


def image_file(name="photo.jpg", size=(320, 180), color=(40, 90, 160)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def make_credit(**kw):
    n = next(_sequence)
    kw.setdefault("photographer", f"Photographer {n}")
    kw.setdefault("source", "Ledger Wire")
    return PhotoCredit.objects.create(**kw)


def make_photo(**kw):
    kw.setdefault("image", image_file())
    kw.setdefault("alt_text", "Firefighters at a damaged apartment block")
    kw.setdefault("caption", "Rescuers search the rubble")
    if "credit" not in kw:
        kw["credit"] = make_credit()
    return Photo.objects.create(**kw)


def make_section(**kw):
    n = next(_sequence)
    kw.setdefault("name", f"Section {n}")
    kw.setdefault("slug", f"section-{n}")
    return Section.objects.create(**kw)


def make_author(**kw):
    n = next(_sequence)
    kw.setdefault("name", f"Author Number{n}")
    kw.setdefault("slug", f"author-{n}")
    kw.setdefault("role", "News Editor")
    kw.setdefault("short_bio", f"Author {n} previously worked for the Dnipro Courier.")
    return Author.objects.create(**kw)


def make_article(*, authors=(), tags=(), **kw):
    n = next(_sequence)
    kw.setdefault("headline", f"Story number {n}")
    kw.setdefault("slug", f"story-{n}")
    kw.setdefault("summary", f"Summary of story {n}.")
    kw.setdefault("body", f"<p>First paragraph of story {n}.</p><p>Second paragraph.</p>")
    kw.setdefault("status", Article.Status.PUBLISHED)
    kw.setdefault("published_at", timezone.now() - timedelta(hours=1))
    if "section" not in kw:
        kw["section"] = Section.objects.first() or make_section()
    article = Article.objects.create(**kw)
    for position, author in enumerate(authors):
        Byline.objects.create(article=article, author=author, position=position)
    if tags:
        article.tags.add(*tags)
    return article


def make_related_link(**kw):
    kw.setdefault("position", next(_sequence))
    return RelatedLink.objects.create(**kw)
