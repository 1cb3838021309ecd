from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower


class PhotoCredit(models.Model):
    """Who a photo comes from, kept as data so one credit serves many photos."""

    photographer = models.CharField(
        max_length=120,
        blank=True,
        help_text="The person who took the photo, if known. Example: Olena Hrytsenko.",
    )
    source = models.CharField(
        max_length=120,
        blank=True,
        help_text="The agency, outlet or social-media channel. Example: Reuters, Telegram.",
    )
    url = models.URLField(blank=True, help_text="Optional link to the source.")
    may_syndicate = models.BooleanField(
        "may pass on to partners",
        default=False,
        help_text="Tick only if the licence lets us pass this photo on to partner outlets.",
    )

    class Meta:
        ordering = ["source", "photographer"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(photographer="") | ~Q(source=""),
                name="photocredit_names_someone",
                violation_error_message="Give a photographer, a source, or both.",
            ),
            models.UniqueConstraint(
                Lower("photographer"),
                Lower("source"),
                name="photocredit_unique_photographer_source",
                violation_error_message="This credit already exists; pick it from the list.",
            ),
        ]

    def __str__(self):
        return "/".join(part for part in (self.photographer, self.source) if part)


class Photo(models.Model):
    image = models.ImageField(
        upload_to="photos/%Y/%m/",
        width_field="width",
        height_field="height",
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    alt_text = models.CharField(
        max_length=250,
        help_text="What the photo shows, for readers who cannot see it. Required.",
    )
    caption = models.CharField(
        max_length=300,
        blank=True,
        help_text="Default caption. An article may override it.",
    )
    credit = models.ForeignKey(
        PhotoCredit,
        on_delete=models.PROTECT,
        related_name="photos",
        help_text="Shown after the caption as “(Photo: Photographer/Source)”.",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        get_latest_by = "uploaded_at"
        constraints = [
            models.CheckConstraint(condition=~Q(alt_text=""), name="photo_has_alt_text"),
        ]

    def __str__(self):
        return self.caption or self.alt_text

    @property
    def url(self):
        return self.image.url
