from datetime import timedelta

from django.conf import settings
from django.db import connections, models
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import JSONObject
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import TaggedItem

from common.editions import translated_columns

from ..pagination import RowLessThan
from ..search import LEMMATISED, lemmatised_vector, search_vector
from .links import Byline


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    KILLED = "killed", _("Killed")


def published_q(prefix="", now=None):
    """The one definition of "visible to readers", usable across relations (prefix="target__").

    Scheduling needs no job: a story shows once its published_at has come. An embargo needs no
    check here either, because a database constraint keeps published_at at or after it.
    """
    return Q(
        **{
            f"{prefix}status": Status.PUBLISHED,
            f"{prefix}published_at__lte": now or timezone.now(),
            f"{prefix}deleted_at__isnull": True,
        }
    )


TRASH_DAYS = 30

# What ArticleQuerySet.for_listing() loads. Photo.__init__ reads image, focal_x and focal_y.
LISTING_PHOTO_FIELDS = ["image", "width", "height", "alt_text", "renditions", "focal_x", "focal_y"]
LISTING_FIELDS = [
    "slug",
    "language",
    "headline",
    "summary",
    "published_at",
    "video_url",
    "video_duration",
    "is_breaking",
    "live_coverage",
    "coverage_ended_at",
    "updated_at",
    # The section's name and slug in every language (django-modeltranslation reads the page's, or English).
    *translated_columns("section", "name", "slug"),
    *(f"lead_photo__{field}" for field in LISTING_PHOTO_FIELDS),
    *(f"video_poster__{field}" for field in LISTING_PHOTO_FIELDS),
]


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """Stories readers may see: status published and a publication time that has come (by `now`, the
        present unless given)."""
        return self.filter(published_q(now=now))

    def in_edition(self, edition):
        """The stories of one edition ("en", "uk"): the one place reader pages choose a language."""
        return self.filter(language=edition)

    def with_translations(self, editions=None, now=None):
        """Annotates each story with its published translation in each of `editions` (every language by
        default): `translation_<edition>`, {"id", "slug", "live_coverage"} or None. One scalar subquery an
        edition, on the translation group's index, so a page's translations cost no query of their own
        (Article.translations()). A group holds one story per language (a constraint): in the story's own
        edition the subquery finds the story itself, which Article.translations() leaves out."""
        annotations = {}
        for edition in editions or settings.MODELTRANSLATION_LANGUAGES:
            translation = self.model.objects.published(now).filter(
                translation_group=OuterRef("translation_group"), language=edition
            )
            annotations[f"translation_{edition}"] = Subquery(
                translation.values(found=JSONObject(id="pk", slug="slug", live_coverage="live_coverage"))[:1],
                output_field=models.JSONField(),
            )
        return self.annotate(**annotations)

    def tagged(self, tag, content_type):
        """The stories with the tag whose id is `tag`. `content_type` is the id of Article's ContentType,
        which taggit's `filter(tags=…)` reads when the query is built: a query built once (common.compiled)
        must be given it, as a test database's flush gives Article another."""
        return self.filter(
            models.Exists(TaggedItem.objects.filter(tag_id=tag, content_type_id=content_type, object_id=OuterRef("pk")))
        )

    def videos(self):
        return self.exclude(video_url="")

    def with_photos(self):
        """Joins the section, the lead photo and the video poster, each with its credit. Leaves out
        the search document, which no page reads."""
        return self.select_related("section", "lead_photo__credit", "video_poster__credit").defer("search_vector")

    def for_listing(self):
        """What a story card shows (feed/_story_card.html, the video strip), in one
        query: the section and the photo or poster, and only the columns the cards read. Building
        the unused ones (body, search document, credits, editorial fields) was a third of a listing
        page's time. A card that starts reading another field costs a query per card, which the
        query-count tests catch."""
        return self.select_related("section", "lead_photo", "video_poster").only(*LISTING_FIELDS)

    def one_for_page(self, author_bios=False, **lookups):
        """The story these lookups name, with_photos(), and with what its page shows besides (its
        PageParts, feed/models/parts.py), or None. The authors' full biographies only with `author_bios`
        (the API's story has them, a page does not)."""
        from .parts import load_parts  # parts reads the models, which read this module

        article = self.with_photos().one(**lookups)
        if article is not None:
            load_parts(article, author_bios)
        return article

    def one(self, **lookups):
        """The story these lookups name (a unique slug or pk), or None. Unordered: the ORDER BY that
        first() adds was a tenth of the article page's time spent compiling SQL (docs/performance.md)."""
        return next(iter(self.filter(**lookups).order_by()[:1]), None)

    def not_trashed(self):
        return self.filter(deleted_at__isnull=True)

    def trashed(self):
        """Deleted stories that can still be restored (the last TRASH_DAYS days)."""
        return self.filter(deleted_at__gte=timezone.now() - timedelta(days=TRASH_DAYS))

    def expired_trash(self):
        return self.filter(deleted_at__lt=timezone.now() - timedelta(days=TRASH_DAYS))

    def free_slug(self, slug):
        """`slug` if no story has it (trashed ones included), else the first of `slug-2`, `slug-3`, …
        that none has, cut to fit the field. A free slug costs one query on the slug's index; a taken
        one a second, for the slugs that start as it does (on SQLite that LIKE reads every story)."""
        if not self.filter(slug=slug).exists():
            return slug
        max_length = self.model._meta.get_field("slug").max_length
        taken = set(self.filter(slug__startswith=slug[: max_length - 10]).order_by().values_list("slug", flat=True))
        candidate, number = slug, 1
        while candidate in taken:
            number += 1
            suffix = f"-{number}"
            candidate = slug[: max_length - len(suffix)] + suffix
        return candidate

    def translations_of(self, article):
        """The other stories of `article`'s translation group (none if it has no group)."""
        if article.translation_group is None:
            return self.none()
        return self.filter(translation_group=article.translation_group).exclude(pk=article.pk)

    def without_translation_into(self, language):
        """Stories with no translation into `language` that is being written or is out: a translation
        in draft, in review or published (scheduled too) counts; a killed or trashed one does not."""
        being_translated = self.model.objects.filter(
            translation_group=models.OuterRef("translation_group"),
            language=language,
            deleted_at__isnull=True,
            status__in=[Status.DRAFT, Status.REVIEW, Status.PUBLISHED],
        )
        return self.exclude(language=language).exclude(models.Exists(being_translated))

    def scheduled(self):
        """Published stories whose time has not come yet."""
        return self.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())

    def visible_to_staff(self, user):
        """The stories a staff member may find in the admin: editors every one outside the trash;
        reporters the published ones (to link to them) and their own, so others' drafts do not
        exist for them. Article.can_be_viewed_by is the same rule for one story in hand."""
        articles = self.not_trashed()
        if user.has_perm("feed.change_any_article"):
            return articles
        return articles.filter(published_q() | Q(created_by=user) | Q(bylines__author__user=user)).distinct()

    def live_now(self):
        """Live coverage readers can read and the newsroom still posts to: published, not ended."""
        return self.published().filter(live_coverage=True, coverage_ended_at__isnull=True)

    def open_to_live_posts_by(self, user):
        """The stories whose live updates `user` may post: editors every one, reporters those with their
        byline (that is how an editor adds a reporter to a live story). live.services.may_post asks it."""
        if not (user.is_active and user.is_staff and user.has_perm("feed.view_article")):
            return self.none()
        if user.has_perm("feed.publish_article"):
            return self
        return self.filter(bylines__author__user=user).distinct()

    def for_feed(self):
        """What a feed entry carries: with_photos(), then bylines with authors and tags (one query each)."""
        return self.with_photos().prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("author")),
            "tags",
        )

    def update_search_vectors(self):
        """Recomputes the stored search document of these stories (PostgreSQL only; elsewhere search
        reads the text columns and the vector stays empty): one UPDATE for the English ones, and one
        for each Ukrainian one, whose document is made in Python (feed.search.lemmatised_vector)."""
        if connections[self.db].vendor != "postgresql":
            return 0
        updated = self.exclude(language__in=LEMMATISED).update(search_vector=search_vector())
        for row in self.filter(language__in=LEMMATISED).values("pk", "headline", "summary", "body"):
            vector = lemmatised_vector(row["headline"], row["summary"], row["body"])
            updated += self.model.objects.using(self.db).filter(pk=row["pk"]).update(search_vector=vector)
        return updated

    def before(self, published_at, pk):
        """Stories older than the cursor (published_at, id): keyset pagination, no OFFSET."""
        # (published_at, id) < (…, …) is one condition the index scan (article_feed_idx) starts at,
        # so page 100 reads as few rows as page 1. published_at <= cursor, implied by it, is said too:
        # SQLite spells the row comparison as an OR, which its planner cannot start an index scan at.
        return self.filter(published_at__lte=published_at).filter(
            RowLessThan(("published_at", "id"), (published_at, pk))
        )
