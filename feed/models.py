import re
from datetime import timedelta
from functools import lru_cache
from urllib.parse import parse_qs, urlparse

import reversion
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.signals import setting_changed
from django.db import connections, models, router
from django.db.models import F, Prefetch, Q
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.text import slugify
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager

from authors.models import Author
from common.web_addresses import validate_web_address, web_address
from media.models import Photo

from .html import reading_minutes, sanitize_body, split_blocks
from .pagination import RowLessThan
from .search import PortableGinIndex, search_vector


@lru_cache(maxsize=20_000)
def _page_address(view_name, slug, script_prefix):
    return reverse(view_name, kwargs={"slug": slug})


def page_address(view_name, slug):
    """reverse() of a page addressed by its slug, remembered: a listing page shows about fifty such
    addresses, and reversing each was a tenth of its time. The script prefix that reverse() puts in
    front is part of the key."""
    return _page_address(view_name, slug, get_script_prefix())


def _forget_page_addresses(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _page_address.cache_clear()


setting_changed.connect(_forget_page_addresses)


class Section(models.Model):
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first in the menu.")

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return page_address("feed:section", self.slug)


def published_q(prefix=""):
    """The one definition of "visible to readers", usable across relations (prefix="target__").

    Scheduling needs no job: a story shows once its published_at has come. An embargo needs no
    check here either, because a database constraint keeps published_at at or after it.
    """
    return Q(
        **{
            f"{prefix}status": Article.Status.PUBLISHED,
            f"{prefix}published_at__lte": timezone.now(),
            f"{prefix}deleted_at__isnull": True,
        }
    )


TRASH_DAYS = 30

# What ArticleQuerySet.for_listing() loads. Photo.__init__ reads image, focal_x and focal_y.
LISTING_PHOTO_FIELDS = ["image", "width", "height", "alt_text", "renditions", "focal_x", "focal_y"]
LISTING_FIELDS = [
    "slug",
    "headline",
    "summary",
    "published_at",
    "video_url",
    "video_duration",
    "section__name",
    "section__slug",
    *(f"lead_photo__{field}" for field in LISTING_PHOTO_FIELDS),
    *(f"video_poster__{field}" for field in LISTING_PHOTO_FIELDS),
]


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Stories readers may see: status published and a publication time that has come."""
        return self.filter(published_q())

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

    def for_detail(self):
        """Preloads the article page: with_photos(), then bylines with authors and avatars, tags,
        corrections, and the related links whose targets are still published (one query each)."""
        return self.with_photos().prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("author__avatar")),
            "tags",
            "corrections",
            Prefetch(
                "related_links",
                # A teaser shows the target's address, headline and summary; not its body.
                queryset=RelatedLink.objects.filter(Q(target__isnull=True) | published_q("target__"))
                .select_related("target")
                .defer("target__body", "target__search_vector"),
            ),
        )

    def not_trashed(self):
        return self.filter(deleted_at__isnull=True)

    def trashed(self):
        """Deleted stories that can still be restored (the last TRASH_DAYS days)."""
        return self.filter(deleted_at__gte=timezone.now() - timedelta(days=TRASH_DAYS))

    def expired_trash(self):
        return self.filter(deleted_at__lt=timezone.now() - timedelta(days=TRASH_DAYS))

    def free_slug(self, slug):
        """`slug` if no story has it (trashed ones included), else the first of `slug-2`, `slug-3`, …
        that none has, cut to fit the field. One query: the slugs that start as it does."""
        max_length = self.model._meta.get_field("slug").max_length
        taken = set(self.filter(slug__startswith=slug[: max_length - 10]).values_list("slug", flat=True))
        candidate, number = slug, 1
        while candidate in taken:
            number += 1
            suffix = f"-{number}"
            candidate = slug[: max_length - len(suffix)] + suffix
        return candidate

    def scheduled(self):
        """Published stories whose time has not come yet."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def visible_to_staff(self, user):
        """The stories a staff member may find in the admin: editors every one outside the trash;
        reporters the published ones (to link to them) and their own, so others' drafts do not
        exist for them. Article.can_be_viewed_by is the same rule for one story in hand."""
        articles = self.not_trashed()
        if user.has_perm("feed.change_any_article"):
            return articles
        return articles.filter(published_q() | Q(created_by=user) | Q(bylines__author__user=user)).distinct()

    def for_feed(self):
        """What a feed entry carries: with_photos(), then bylines with authors and tags (one query each)."""
        return self.with_photos().prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("author")),
            "tags",
        )

    def update_search_vectors(self):
        """Recomputes the stored search document of these stories, in one UPDATE (PostgreSQL only;
        elsewhere search reads the text columns and the vector stays empty)."""
        if connections[self.db].vendor != "postgresql":
            return 0
        return self.update(search_vector=search_vector())

    def before(self, published_at, pk):
        """Stories older than the cursor (published_at, id): keyset pagination, no OFFSET."""
        # (published_at, id) < (…, …) is one condition the index scan (article_feed_idx) starts at,
        # so page 100 reads as few rows as page 1. published_at <= cursor, implied by it, is said too:
        # SQLite spells the row comparison as an OR, which its planner cannot start an index scan at.
        return self.filter(published_at__lte=published_at).filter(
            RowLessThan(("published_at", "id"), (published_at, pk))
        )


# Every save inside reversion.create_revision() (the admin's) keeps a revision, bylines and links included.
@reversion.register(follow=["bylines", "related_links"])
class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        KILLED = "killed", "Killed"

    headline = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The end of the story's address, after /news/. Keep it once published."
    )
    summary = models.TextField(
        max_length=500,
        blank=True,
        help_text="One or two sentences for the feed, teasers and search results. Needed to publish.",
    )
    body = ProseEditorField(
        extensions={
            "Bold": True,
            "Italic": True,
            "Heading": {"levels": [2, 3]},
            "BulletList": True,
            "OrderedList": True,
            "ListItem": True,
            "Blockquote": True,
            "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
            "HardBreak": True,
            "History": True,
        },
        sanitize=sanitize_body,
        help_text="The story. Paragraphs, quotes, lists and links are kept; other markup is removed.",
    )
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the story goes live. A time in the future schedules it.",
    )
    updated_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Shown as “Updated”. Moved only by a substantive update, never by a typo fix.",
    )
    embargo_until = models.DateTimeField(
        null=True,
        blank=True,
        help_text="No publishing before this time, not even with “Publish now”.",
    )
    killed_at = models.DateTimeField(null=True, blank=True, editable=False)
    kill_notice = models.CharField(
        max_length=300,
        blank=True,
        help_text="What readers see at the story's address after it is killed.",
    )
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    modified_at = models.DateTimeField(auto_now=True)
    lead_photo = models.ForeignKey(
        Photo, on_delete=models.PROTECT, null=True, blank=True, related_name="lead_of_articles"
    )
    lead_photo_caption = models.CharField(
        "caption override",
        max_length=300,
        blank=True,
        help_text="Leave blank to use the photo's own caption.",
    )
    authors = models.ManyToManyField(Author, through="Byline", related_name="articles")
    tags = TaggableManager(blank=True, help_text="Places, people and themes, separated by commas.")
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)
    video_url = models.URLField(
        blank=True,
        help_text="Makes this a video story. A YouTube or Vimeo address.",
    )
    video_poster = models.ForeignKey(
        Photo,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="poster_of_articles",
        help_text="The still shown before the reader chooses to play.",
    )
    video_duration = models.DurationField(null=True, blank=True, help_text="Example: 00:03:45.")
    # Headline (weight A), summary (B) and body text (C), kept up to date by save(); PostgreSQL only.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
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
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.headline)[:200]
        self.body = sanitize_body(self.body)
        self.reading_minutes = reading_minutes(self.body)
        if not self._state.adding:
            # Every change counts, so an editor holding an older copy is told before overwriting.
            self.version += 1
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"headline", "summary", "body"} & set(update_fields):
            using = kwargs.get("using") or router.db_for_write(Article, instance=self)
            Article.objects.using(using).filter(pk=self.pk).update_search_vectors()

    def get_absolute_url(self):
        return page_address("feed:article", self.slug)

    def clean(self):
        if self.video_url and video_embed_url(self.video_url) is None:
            raise ValidationError({"video_url": "Use a YouTube or Vimeo video address."})
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
            return "Scheduled"
        return self.get_status_display()

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

        Needs related_links prefetched (for_detail()); links with no paragraph, or one past the
        end of the body, are returned separately for the list after the body.
        """
        blocks = split_blocks(self.body)
        after = {}
        listed = []
        for link in self.related_links.all():
            if link.after_paragraph and link.after_paragraph <= len(blocks):
                after.setdefault(link.after_paragraph, []).append(link)
            else:
                listed.append(link)
        parts = [(html, after.get(number, [])) for number, html in enumerate(blocks, start=1)]
        return parts, listed


YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{6,20}", re.ASCII)


def video_embed_url(url):
    """The privacy-friendly embed address for a YouTube or Vimeo link, or None."""
    parsed = urlparse(url)
    host = (parsed.hostname or "").removeprefix("www.").removeprefix("m.")
    parts = [part for part in parsed.path.split("/") if part]
    video_id = ""
    if host == "youtube.com":
        if parts == ["watch"]:
            video_id = parse_qs(parsed.query).get("v", [""])[0]
        elif len(parts) >= 2 and parts[0] in {"embed", "shorts", "live"}:
            video_id = parts[1]
    elif host == "youtu.be" and parts:
        video_id = parts[0]
    if video_id and YOUTUBE_ID.fullmatch(video_id):
        return f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1"
    if host in {"vimeo.com", "player.vimeo.com"}:
        if parts and parts[0] == "video":
            parts = parts[1:]
        # vimeo.com/<id> or, for unlisted videos, vimeo.com/<id>/<privacy hash>
        if parts and parts[0].isascii() and parts[0].isdigit() and len(parts) <= 2:
            unlisted = f"&h={parts[1]}" if len(parts) == 2 and parts[1].isascii() and parts[1].isalnum() else ""
            if len(parts) == 1 or unlisted:
                return f"https://player.vimeo.com/video/{parts[0]}?autoplay=1&dnt=1{unlisted}"
    return None


@reversion.register()
class Byline(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="byline_unique_author_per_article"),
        ]

    def __str__(self):
        return f"{self.author} on {self.article}"


@reversion.register()
class RelatedLink(models.Model):
    """An editor's related-story link: to one of our stories, or to an outside page."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_links")
    target = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="linked_from",
        help_text="One of our stories. Its current headline and summary are shown.",
    )
    url = models.URLField(
        "outside address", blank=True, validators=[validate_web_address], help_text="Or a page elsewhere…"
    )
    title = models.CharField(max_length=200, blank=True, help_text="…with the title to show for it.")
    after_paragraph = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Show inside the body after this paragraph (1 = the first). Empty: list it after the body.",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "target"],
                condition=Q(target__isnull=False),
                name="relatedlink_unique_target",
                violation_error_message="This story is already linked.",
            ),
            models.CheckConstraint(
                condition=~Q(target=F("article")),
                name="relatedlink_not_to_itself",
                violation_error_message="A story cannot link to itself.",
            ),
            models.CheckConstraint(
                condition=(Q(target__isnull=False) & Q(url="")) | (Q(target__isnull=True) & ~Q(url="") & ~Q(title="")),
                name="relatedlink_story_or_outside_page",
                violation_error_message="Pick one of our stories, or give an outside address and its title.",
            ),
        ]

    def __str__(self):
        return f"{self.article} → {self.target or self.title}"

    def clean(self):
        # Admin inlines leave `article` out of the form, so Django skips the database check
        # relatedlink_not_to_itself when validating; repeat it here to give a form error, not a 500.
        if self.target_id is not None and self.target_id == self.article_id:
            raise ValidationError({"target": "A story cannot link to itself."})

    @property
    def href(self):
        return self.target.get_absolute_url() if self.target_id else web_address(self.url)

    @property
    def label(self):
        return self.target.headline if self.target_id else self.title

    @property
    def teaser(self):
        return self.target.summary if self.target_id else ""


class ArticleInTrash(Article):
    """Deleted stories, as their own admin list."""

    class Meta:
        proxy = True
        verbose_name = "story in the trash"
        verbose_name_plural = f"the trash (stories kept {TRASH_DAYS} days)"


class Correction(models.Model):
    """A dated note appended to a story. Kept for the record: never edited or deleted in the admin."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        CLARIFICATION = "clarification", "Clarification"
        UPDATE = "update", "Update"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=15, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(help_text="What was wrong and what is right now, in one or two sentences.")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(F("created_at").desc(), name="correction_newest_idx")]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="correction_has_text")]

    def __str__(self):
        return f"{self.get_kind_display()} to “{self.article}”, {self.created_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#correction-{self.pk}"
