from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField

from authors.models import Author
from feed.html import BODY_EDITOR_EXTENSIONS, sanitize_body
from feed.models import Article, published_q
from media.models import Photo


class LiveUpdateQuerySet(models.QuerySet):
    def shown(self):
        """What readers see: updates not deleted, newest first."""
        return self.filter(deleted_at__isnull=True).order_by("-id")

    def pinned(self):
        return self.shown().filter(pinned=True)

    def for_page(self):
        """What an update shows: its photo with credit, the linked story for the teaser, its authors
        and its corrections (one query each, whatever the number of updates)."""
        return self.select_related("photo__credit", "linked_story__section").prefetch_related("authors", "corrections")

    def older_than(self, pk):
        """ "Show More": the updates before the one with id `pk` (ids grow with time)."""
        return self.filter(pk__lt=pk)


class LiveUpdate(models.Model):
    """One entry in a live story's stream. Deleting one keeps the row for the story's history
    (deleted_at); readers never see it again."""

    story = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="live_updates")
    posted_at = models.DateTimeField(default=timezone.now, editable=False)
    authors = models.ManyToManyField(Author, related_name="live_updates", blank=True)
    headline = models.CharField(max_length=150, blank=True, help_text="Optional: a few words in bold above the update.")
    # An update is a few paragraphs under the story's headline: no headings of its own.
    body = ProseEditorField(
        extensions={name: value for name, value in BODY_EDITOR_EXTENSIONS.items() if name != "Heading"},
        sanitize=sanitize_body,
    )
    photo = models.ForeignKey(Photo, on_delete=models.PROTECT, null=True, blank=True, related_name="live_updates")
    photo_caption = models.CharField(
        "caption override", max_length=300, blank=True, help_text="Leave blank to use the photo's own caption."
    )
    linked_story = models.ForeignKey(
        Article,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        # The admin's autocomplete offers only these, and a form refuses any other.
        limit_choices_to=published_q,
        help_text="Optional: a published story, shown as a teaser under the update.",
    )
    pinned = models.BooleanField("key point", default=False, help_text="Also shown in the key points at the top.")
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    objects = LiveUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        indexes = [
            # A live page, its "Show More" and the poll: one story's updates, newest first.
            models.Index(
                F("story"), F("id").desc(), name="liveupdate_stream_idx", condition=Q(deleted_at__isnull=True)
            ),
        ]
        constraints = [models.CheckConstraint(condition=~Q(body=""), name="liveupdate_has_body")]

    def __str__(self):
        return self.headline or f"Update {self.pk} to “{self.story}”"

    def save(self, *args, **kwargs):
        self.body = sanitize_body(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The update's own shareable page."""
        return reverse("live:update", kwargs={"slug": self.story.slug, "pk": self.pk})

    @property
    def anchor_url(self):
        """The update in the stream of its story's page."""
        return f"{self.story.get_absolute_url()}#update-{self.pk}"

    @property
    def caption(self):
        if self.photo_caption:
            return self.photo_caption
        return self.photo.caption if self.photo else ""

    @property
    def linked_story_is_published(self):
        return self.linked_story is not None and self.linked_story.is_published


class UpdateCorrection(models.Model):
    """A dated note on one update, kept for the record like a story's corrections."""

    update = models.ForeignKey(LiveUpdate, on_delete=models.CASCADE, related_name="corrections")
    text = models.TextField(help_text="What was wrong and what is right now.")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="updatecorrection_has_text")]

    def __str__(self):
        return f"Correction to {self.update}"
