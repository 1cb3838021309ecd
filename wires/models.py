"""Agency copy as it arrives: the sources polled, the items in the inbox, and each file or feed
body read (remembered, so that a refused one is reported once and not read again)."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from common.times import local_time
from feed.models import Article, Section


class WireSource(models.Model):
    class Kind(models.TextChoices):
        FEED = "feed", "RSS or Atom feed"
        FOLDER = "folder", "NewsML-G2 drop folder"

    name = models.CharField(max_length=120, unique=True)
    agency_name = models.CharField(
        max_length=120,
        help_text="Credited in the byline of drafts made from this source when an item names no agency itself.",
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    location = models.CharField(
        max_length=500,
        help_text="For a feed, its address (https://…) or a file on this server; for a drop folder, its path. "
        "Files and folders lie inside the server's WIRES_ROOT (a path relative to it will do).",
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The section of the drafts made from this source's items; the editor may move them.",
    )
    is_active = models.BooleanField("active", default=True, help_text="Only active sources are polled.")
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_web_feed(self):
        return self.kind == self.Kind.FEED and self.location.startswith(("http://", "https://"))

    def local_path(self):
        """The folder or feed file on this server, or None when it lies outside WIRES_ROOT."""
        if "://" in self.location:
            return None
        root = Path(settings.WIRES_ROOT).resolve()
        path = (root / self.location).resolve()
        return path if path.is_relative_to(root) else None

    def clean(self):
        if not self.is_web_feed and self.local_path() is None:
            where = "an https:// address or a file" if self.kind == self.Kind.FEED else "a folder"
            raise ValidationError({"location": f"Give {where} inside {settings.WIRES_ROOT}."})


class WireItem(models.Model):
    """One version of an agency item. A newer version of the same guid replaces it (replaced_by)."""

    source = models.ForeignKey(WireSource, on_delete=models.CASCADE, related_name="items")
    guid = models.CharField(max_length=500)
    version = models.PositiveIntegerField(default=1)
    headline = models.CharField(max_length=300)
    body = models.TextField(blank=True, help_text="Sanitised as a story's body is.")
    agency = models.CharField(max_length=120)
    urgency = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1 is the most urgent.")
    pub_status = models.CharField("publishing status", max_length=40, blank=True)
    sent_at = models.DateTimeField("sent", null=True, blank=True)
    first_created_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField("received", auto_now_add=True, db_index=True)
    embargo_until = models.DateTimeField(null=True, blank=True)
    fingerprint = models.CharField(max_length=64, editable=False)
    replaced_by = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replaces", editable=False
    )
    story = models.ForeignKey(
        Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="wire_items", editable=False
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "guid", "version"], name="wire_item_one_per_version"),
        ]
        indexes = [models.Index(fields=["source", "guid"], name="wire_item_guid_idx")]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        return reverse("admin:wires_wireitem_change", args=[self.pk])

    # NewsML-G2 pubStatus values by which an agency takes an item back: it must not be used.
    WITHDRAWN_STATUSES = {"canceled", "withheld"}

    @property
    def is_withdrawn(self):
        return self.pub_status in self.WITHDRAWN_STATUSES

    @property
    def is_replaced(self):
        return self.replaced_by_id is not None

    @property
    def replacement_note(self):
        """ "Version 2 replaces version 1 received 3 December 2026, 14:02.", or "" for a first version."""
        previous = getattr(self, "replaces", None)
        if previous is None:
            return ""
        received = local_time(previous.received_at)
        return f"Version {self.version} replaces version {previous.version} received {received}."


class WireFile(models.Model):
    """A file from a drop folder, or a feed's body, as read once: what came of it, or why it was refused."""

    source = models.ForeignKey(WireSource, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=500, help_text="The file's name in the folder, or the feed's address.")
    sha256 = models.CharField(max_length=64)
    read_at = models.DateTimeField(auto_now_add=True, db_index=True)
    items = models.PositiveIntegerField(default=0, help_text="Items taken into the inbox from it.")
    error = models.TextField(blank=True, help_text="Why it was refused; blank when it was read.")

    class Meta:
        ordering = ["-read_at", "-id"]
        verbose_name = "wire file"
        constraints = [
            models.UniqueConstraint(fields=["source", "name", "sha256"], name="wire_file_read_once"),
        ]

    def __str__(self):
        return self.name
