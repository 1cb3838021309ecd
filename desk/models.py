"""What the desk keeps about stories being worked on: each user's unsaved text (autosave) and who has
a story open (presence). Neither touches the story itself or anything readers see."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from feed.models import Article

# A browser sends a heartbeat every ~8 s; a session not heard from for this long has gone (a closed
# laptop, a lost connection) even if it never said goodbye.
PRESENCE_TIMEOUT = timedelta(seconds=30)

# The story's own text fields that autosave keeps; the rest of the form (photos, bylines, times) is
# either picked, not typed, or belongs to the workflow.
AUTOSAVED_FIELDS = ["headline", "slug", "summary", "body", "lead_photo_caption"]


class WorkingCopy(models.Model):
    """One user's unsaved changes to one story, as typed into its form."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="working_copies")
    fields = models.JSONField(help_text="The form's text fields by name, as typed.")
    base_version = models.PositiveIntegerField(
        help_text="The story's version the form was opened at, so a restore still warns of a colleague's save."
    )
    saved_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "working copies"
        ordering = ["-saved_at"]
        get_latest_by = "saved_at"
        constraints = [
            models.UniqueConstraint(fields=["user", "article"], name="desk_one_working_copy_per_user_and_story"),
        ]

    def __str__(self):
        return f"{self.user}'s unsaved changes to “{self.article}”"

    def apply_to(self, article):
        """Puts the kept text into `article` (in memory only) and the version it was typed against."""
        for name in AUTOSAVED_FIELDS:
            if isinstance(self.fields.get(name), str):
                setattr(article, name, self.fields[name])
        article.version = self.base_version


class EditingSessionQuerySet(models.QuerySet):
    def active(self):
        """Sessions heard from within PRESENCE_TIMEOUT."""
        return self.filter(last_seen__gte=timezone.now() - PRESENCE_TIMEOUT)


class EditingSession(models.Model):
    """A user has a story's form open, kept alive by the form's heartbeat."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="editing_sessions")
    started_at = models.DateTimeField()
    last_seen = models.DateTimeField()

    objects = EditingSessionQuerySet.as_manager()

    class Meta:
        ordering = ["started_at"]
        get_latest_by = "last_seen"
        constraints = [
            models.UniqueConstraint(fields=["user", "article"], name="desk_one_editing_session_per_user_and_story"),
        ]
        indexes = [
            # The desk's "Being edited now": active() across every story.
            models.Index(fields=["last_seen"], name="desk_session_last_seen_idx"),
        ]

    def __str__(self):
        return f"{self.editor_name} editing “{self.article}”"

    @property
    def editor_name(self):
        return self.user.get_full_name() or self.user.get_username()

    @property
    def sentence(self):
        return f"{self.editor_name} has been editing since {timezone.localtime(self.started_at):%H:%M}"
