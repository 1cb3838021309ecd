from typing import NamedTuple

import reversion
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import connections, models, router
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager

from authors.models import Author
from common.slugs import latin_slug
from media.models import Photo

from ..addresses import page_address, story_address
from ..html import BODY_EDITOR_EXTENSIONS, reading_minutes, sanitize_body, split_blocks
from ..search import LEMMATISED, PortableGinIndex, lemmatised_vector, search_vector
from ..video import video_embed_url
from .querysets import TRASH_DAYS, ArticleQuerySet, Status
from .redirects import Redirect


class Translation(NamedTuple):
    """A published translation of a story: its edition ("uk"), its address, and whether it was written
    first (the lower id), which makes it the work the others translate."""

    edition: str
    address: str
    is_original: bool


class Section(models.Model):
    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Lower numbers come first in the menu.")
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return page_address("feed:section", self.slug)


# Every save inside reversion.create_revision() (the admin's) keeps a revision, bylines and links included.
@reversion.register(follow=["bylines", "related_links"])
class Article(models.Model):
    Status = Status

    language = models.CharField(
        _("language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The edition the story appears in: English at /news/…, Ukrainian at /uk/news/…."),
    )
    # Stories that are translations of one another share this key; a story with no translation has none.
    translation_group = models.UUIDField(null=True, blank=True, editable=False, db_index=True)
    headline = models.CharField(_("headline"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("The end of the story's address, after /news/. Keep it once published."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=500,
        blank=True,
        help_text=_("One or two sentences for the feed, teasers and search results. Needed to publish."),
    )
    body = ProseEditorField(
        _("body"),
        extensions=BODY_EDITOR_EXTENSIONS,
        sanitize=sanitize_body,
        help_text=_("The story. Paragraphs, quotes, lists and links are kept; other markup is removed."),
    )
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles", verbose_name=_("section"))
    is_breaking = models.BooleanField(
        _("breaking news"),
        default=False,
        help_text=_(
            "Labels the story “Breaking” and lets it go live before it has a lead photo. "
            "Untick once the story is no longer news of the hour."
        ),
    )
    live_coverage = models.BooleanField(
        _("live coverage"),
        default=False,
        help_text=_(
            "Makes this a live story: readers get a stream of updates, newest first, posted from "
            "the story's live desk. Its bylines are the reporters who may post."
        ),
    )
    coverage_ended_at = models.DateTimeField(null=True, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        help_text=_("When the story goes live. A time in the future schedules it."),
    )
    updated_at = models.DateTimeField(
        _("updated at"),
        null=True,
        blank=True,
        help_text=_("Shown as “Updated”. Moved only by a substantive update, never by a typo fix."),
    )
    embargo_until = models.DateTimeField(
        _("embargo until"),
        null=True,
        blank=True,
        help_text=_("No publishing before this time, not even with “Publish now”."),
    )
    killed_at = models.DateTimeField(null=True, blank=True, editable=False)
    kill_notice = models.CharField(
        _("kill notice"),
        max_length=300,
        blank=True,
        help_text=_("What readers see at the story's address after it is killed."),
    )
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )
    modified_at = models.DateTimeField(_("modified at"), auto_now=True)
    lead_photo = models.ForeignKey(
        Photo,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lead_of_articles",
        verbose_name=_("lead photo"),
    )
    lead_photo_caption = models.CharField(
        _("caption override"),
        max_length=300,
        blank=True,
        help_text=_("Leave blank to use the photo's own caption."),
    )
    authors = models.ManyToManyField(Author, through="Byline", related_name="articles")
    tags = TaggableManager(_("tags"), blank=True, help_text=_("Places, people and themes, separated by commas."))
    reading_minutes = models.PositiveSmallIntegerField(_("reading minutes"), default=1, editable=False)
    video_url = models.URLField(
        _("video URL"),
        blank=True,
        help_text=_("Makes this a video story. A YouTube or Vimeo address."),
    )
    video_poster = models.ForeignKey(
        Photo,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="poster_of_articles",
        verbose_name=_("video poster"),
        help_text=_("The still shown before the reader chooses to play."),
    )
    video_duration = models.DurationField(_("video duration"), null=True, blank=True, help_text=_("Example: 00:03:45."))
    # Headline (weight A), summary (B) and body text (C), kept up to date by save(); PostgreSQL only.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("publish_article", "Can publish, schedule, unpublish and kill stories"),
            ("change_any_article", "Can edit every story, not only their own drafts"),
        ]
        get_latest_by = "published_at"
        indexes = [
            # The home, tag, video and author pages and the feeds: published() ordered newest first,
            # with the keyset cursor of before(); also the next scheduled story (feed/caching.py) and
            # the admin's list filtered by status. Not partial (only live rows) as it once was: with
            # prepared statements (settings.py, DB_PREPARED_STATEMENTS) PostgreSQL soon plans a query
            # once for any parameters, and that plan cannot know that status is "published", so it
            # could not use a partial index and sorted instead.
            models.Index(F("status"), F("published_at").desc(), F("id").desc(), name="article_feed_idx"),
            # The section page: one section's published() stories, newest first.
            models.Index(
                F("section"), F("status"), F("published_at").desc(), F("id").desc(), name="article_section_feed_idx"
            ),
            # Search: search_vector @@ websearch_to_tsquery(...) (feed.search.search).
            PortableGinIndex(fields=["search_vector"], name="article_search_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_date",
                violation_error_message="A published story needs a publication time.",
            ),
            models.CheckConstraint(
                condition=~Q(status="published")
                | Q(embargo_until__isnull=True)
                | Q(published_at__gte=F("embargo_until")),
                name="article_not_before_embargo",
                violation_error_message="The story is under embargo until a later time.",
            ),
            models.CheckConstraint(
                condition=~Q(status="killed") | Q(killed_at__isnull=False),
                name="article_killed_has_date",
            ),
            models.CheckConstraint(
                condition=Q(video_url="") | Q(video_poster__isnull=False),
                name="article_video_has_poster",
                violation_error_message="A video story needs a poster photo.",
            ),
            # A story has at most one translation per language (the other stories of its group).
            models.UniqueConstraint(
                fields=["translation_group", "language"],
                name="article_one_per_language_in_group",
                violation_error_message="This story already has a translation in that language.",
            ),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = latin_slug(self.headline)[:200]
        # The text this instance last saved, its body cleaned: saved again unchanged (an imported story
        # is saved as a draft, then by publish_imported), it needs no cleaning nor search document.
        saved_text = getattr(self, "_saved_text", None)
        if saved_text is None or self.body != saved_text[2]:
            self.body = sanitize_body(self.body)
            self.reading_minutes = reading_minutes(self.body)
        if not self._state.adding:
            # Every change counts, so an editor holding an older copy is told before overwriting.
            self.version += 1
        super().save(*args, **kwargs)
        using = kwargs.get("using") or router.db_for_write(Article, instance=self)
        text_fields, update_fields = {"headline", "summary", "body"}, kwargs.get("update_fields")
        text = (self.headline, self.summary, self.body)
        text_changed = (update_fields is None or text_fields & set(update_fields)) and text != saved_text
        # One UPDATE on PostgreSQL (elsewhere search reads the text columns): a Ukrainian story's
        # document made in Python from the text in hand, an English one's in SQL.
        if text_changed and connections[using].vendor == "postgresql":
            if self.language in LEMMATISED:
                vector = lemmatised_vector(self.headline, self.summary, self.body)
            else:
                vector = search_vector()
            Article.objects.using(using).filter(pk=self.pk).update(search_vector=vector)
        self._saved_text = text if update_fields is None or text_fields <= set(update_fields) else None
        self._keep_former_address(using)

    def get_absolute_url(self):
        return self.address_with_slug(self.slug)

    def translations(self):
        """This story's published translations (Translation: edition, address, is_original), from
        with_translations()'s annotations, so no query; none for a story loaded without them."""
        found = []
        for edition in settings.MODELTRANSLATION_LANGUAGES:
            translation = getattr(self, f"translation_{edition}", None)
            if translation and edition != self.language:
                address = story_address(translation["slug"], translation["live_coverage"], edition)
                found.append(Translation(edition, address, is_original=translation["id"] < self.pk))
        return found

    def address_with_slug(self, slug):
        return story_address(slug, self.live_coverage, self.language)

    @classmethod
    def from_db(cls, db, field_names, values):
        """Remembers the slug as loaded (Django's documented hook for an instance's loaded values)."""
        article = super().from_db(db, field_names, values)
        article.slug_as_loaded = dict(zip(field_names, values, strict=True)).get("slug")
        return article

    def _keep_former_address(self, using):
        """A story readers could have seen keeps answering at the address it had: a Redirect."""
        former = getattr(self, "slug_as_loaded", None)
        if former == self.slug:
            return
        self.slug_as_loaded = self.slug
        # The address now belongs to this story, whichever had it before.
        Redirect.objects.using(using).filter(old_path=self.address_with_slug(self.slug)).delete()
        if former and self.status in (self.Status.PUBLISHED, self.Status.KILLED):
            Redirect.objects.using(using).update_or_create(
                old_path=self.address_with_slug(former), defaults={"article": self, "target_path": ""}
            )

    def clean(self):
        if self.video_url and video_embed_url(self.video_url) is None:
            raise ValidationError({"video_url": _("Use a YouTube or Vimeo video address.")})
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    def is_owned_by(self, user):
        return self.created_by_id == user.pk or self.bylines.filter(author__user=user).exists()

    def can_be_viewed_by(self, user):
        """In the admin and in preview: editors see every story, reporters their own."""
        if not (user.is_active and user.is_staff and user.has_perm("feed.view_article")):
            return False
        return user.has_perm("feed.change_any_article") or self.is_owned_by(user)

    def can_be_edited_by(self, user):
        """Editors edit every story; reporters only their own, and only while it is a draft."""
        if not (user.is_active and user.is_staff and user.has_perm("feed.change_article")):
            return False
        if user.has_perm("feed.change_any_article"):
            return True
        return self.status == self.Status.DRAFT and self.is_owned_by(user)

    @property
    def state_label(self):
        """The status as editors say it: a published story whose time has not come is "Scheduled"."""
        if self.status == self.Status.PUBLISHED and self.published_at and self.published_at > timezone.now():
            return gettext("Scheduled")
        return self.get_status_display()

    @property
    def is_live(self):
        """A live story whose coverage has not ended: readers see LIVE."""
        return self.live_coverage and self.coverage_ended_at is None

    @property
    def is_killed(self):
        return self.status == self.Status.KILLED

    @property
    def is_published(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.deleted_at is None
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def sorted_tags(self):
        # Sorted in Python: taggit refuses a custom queryset in prefetch_related.
        return sorted(self.tags.all(), key=lambda tag: tag.name.lower())

    @property
    def last_modified(self):
        """The time of the last substantive change readers were told about (feeds, sitemaps, metadata)."""
        return max(filter(None, [self.published_at, self.updated_at]), default=None)

    @property
    def is_video(self):
        return bool(self.video_url)

    @property
    def caption(self):
        if self.lead_photo_caption:
            return self.lead_photo_caption
        return self.lead_photo.caption if self.lead_photo else ""

    @property
    def card_photo(self):
        return self.lead_photo or self.video_poster

    @property
    def video_embed_url(self):
        return video_embed_url(self.video_url)

    def body_parts(self):
        """The body's paragraphs, each with the related-story teasers placed after it.

        Needs the story loaded with one_for_page(); links with no paragraph, or one past the
        end of the body, are returned separately for the list after the body.
        """
        blocks = split_blocks(self.body)
        after = {}
        listed = []
        for link in self.parts.related_links:
            if link.after_paragraph and link.after_paragraph <= len(blocks):
                after.setdefault(link.after_paragraph, []).append(link)
            else:
                listed.append(link)
        parts = [(html, after.get(number, [])) for number, html in enumerate(blocks, start=1)]
        return parts, listed


class ArticleInTrash(Article):
    """Deleted stories, as their own admin list."""

    class Meta:
        proxy = True
        verbose_name = _("story in the trash")
        verbose_name_plural = format_lazy(_("the trash (stories kept {days} days)"), days=TRASH_DAYS)


class Correction(models.Model):
    """A dated note appended to a story. Kept for the record: never edited or deleted in the admin."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        CLARIFICATION = "clarification", _("Clarification")
        UPDATE = "update", _("Update")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(_("text"), help_text=_("What was wrong and what is right now, in one or two sentences."))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        indexes = [models.Index(F("created_at").desc(), name="correction_newest_idx")]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="correction_has_text")]

    def __str__(self):
        return f"{self.get_kind_display()} to “{self.article}”, {self.created_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#correction-{self.pk}"
