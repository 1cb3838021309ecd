"""Plain helpers that build valid objects (pass keyword arguments to override any field), the forms the
admin posts, and what its pages say."""

import io
import itertools
from datetime import timedelta

from bs4 import BeautifulSoup
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from authors.models import Author
from feed.models import Article, Byline, RelatedLink, Section
from media.models import Photo, PhotoCredit
from media.tasks import build_photo_renditions

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
    photo = Photo.objects.create(**kw)
    # As the worker would after the commit (never inside a test's transaction): tests/media/test_tasks.py
    # looks at the photo before its renditions exist.
    build_photo_renditions.call(photo.pk, photo.renditions_job)
    photo.refresh_from_db()
    return photo


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


def make_ready_article(**kw):
    """A story that passes the publishing checks (a byline, a lead photo), so the admin saves it live."""
    kw.setdefault("authors", [make_author()])
    kw.setdefault("lead_photo", make_photo())
    return make_article(**kw)


def make_draft(**kw):
    """A draft that passes the publishing checks (a byline, a lead photo)."""
    kw.setdefault("authors", [make_author()])
    kw.setdefault("lead_photo", make_photo())
    return make_article(status=Article.Status.DRAFT, published_at=None, **kw)


def make_related_link(**kw):
    kw.setdefault("position", next(_sequence))
    return RelatedLink.objects.create(**kw)


def make_user(role=None, *, author=None, **kw):
    """A staff user in one of the newsroom's roles ("Reporter", "Editor", "Bio manager"), or in none."""
    n = next(_sequence)
    kw.setdefault("username", f"{(role or 'staff').lower().replace(' ', '-')}-{n}")
    kw.setdefault("is_staff", True)
    user = User.objects.create_user(password="correct horse battery", **kw)
    if role:
        user.groups.add(Group.objects.get(name=role))
    if author is not None:
        author.user = user
        author.save()
    return user


def _split_datetime(prefix, value):
    if value is None:
        return {f"{prefix}_0": "", f"{prefix}_1": ""}
    local = timezone.localtime(value)
    return {f"{prefix}_0": local.strftime("%Y-%m-%d"), f"{prefix}_1": local.strftime("%H:%M:%S")}


def article_form_data(article, **changes):
    """What the admin's article form posts for an unchanged article, its bylines included."""
    bylines = list(article.bylines.all())
    data = {
        "language": article.language,
        "headline": article.headline,
        "slug": article.slug,
        "section": article.section_id,
        "summary": article.summary,
        "body": article.body,
        "tags": ", ".join(tag.name for tag in article.tags.all()),
        "lead_photo": article.lead_photo_id or "",
        "lead_photo_caption": article.lead_photo_caption,
        "video_url": article.video_url,
        "video_poster": article.video_poster_id or "",
        "video_duration": "",
        **_split_datetime("published_at", article.published_at),
        **_split_datetime("embargo_until", article.embargo_until),
        "bylines-TOTAL_FORMS": str(len(bylines)),
        "bylines-INITIAL_FORMS": str(len(bylines)),
        "related_links-TOTAL_FORMS": "0",
        "related_links-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        "known_version": article.version,
        "known_tags": ", ".join(tag.name for tag in article.tags.all()),
    }
    for number, byline in enumerate(bylines):
        data |= {
            f"bylines-{number}-id": byline.pk,
            f"bylines-{number}-article": article.pk,
            f"bylines-{number}-author": byline.author_id,
            f"bylines-{number}-position": byline.position,
        }
    data.update(changes)
    return data


def related_link_forms(*links):
    """Inline form data for related links given as dicts of target/url/title/after_paragraph."""
    data = {"related_links-TOTAL_FORMS": str(len(links))}
    for n, link in enumerate(links):
        fields = {"target": "", "url": "", "title": "", "after_paragraph": "", "position": str(n)} | link
        data |= {f"related_links-{n}-{name}": value for name, value in fields.items()}
    return data


def change_url(article):
    return reverse("admin:feed_article_change", args=[article.pk])


def form_errors(response):
    """The text of an admin form's error messages."""
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(node.get_text(" ", strip=True) for node in soup.select(".errorlist, .errornote"))


def refusal(client, article, data):
    """Posts the form; a refused workflow change saves the text and comes back to the form, with the
    reason in the page's messages."""
    response = client.post(change_url(article), data)
    assert response.status_code == 302
    assert response["Location"] == change_url(article)
    page = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    return " ".join(node.get_text(" ", strip=True) for node in page.select(".messagelist .error"))


def log_messages(article):
    return [entry.get_change_message() for entry in LogEntry.objects.filter(object_id=str(article.pk))]
