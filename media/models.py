import errno
import operator
import secrets
from contextlib import contextmanager
from functools import lru_cache, reduce
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.signals import setting_changed
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.tasks import enqueue_on_commit
from common.web_addresses import validate_web_address

from .images import (
    MIME_TYPES,
    SLOTS,
    build_renditions,
    clean_original,
    in_storage,
    validate_crop_shape,
    validate_image_upload,
)
from .storage import WriteRefused


@lru_cache(maxsize=50_000)
def storage_url(name):
    """default_storage.url(name), remembered. A listing page shows about 300 rendition addresses and
    each costs a urljoin; rendition names never change meaning (they carry a hash of the crop)."""
    return default_storage.url(name)


def _forget_storage_urls(setting, **kwargs):
    if setting in {"MEDIA_URL", "STORAGES"}:
        storage_url.cache_clear()


setting_changed.connect(_forget_storage_urls)

FRACTION = [MinValueValidator(0.0), MaxValueValidator(1.0)]

DISK_FULL_MESSAGE = "The server's disk is full; the photo was not saved. Try again later or tell the technical desk."
STORE_REFUSED_MESSAGE = (
    "The photo store did not take the file (it may be full or out of reach); the photo was not saved. "
    "Try again later or tell the technical desk."
)


class DiskFullError(Exception):
    """A photo or its renditions could not be stored: no space, or the object store refused. Nothing of it was
    kept: the storage removes a partial file, Photo.save the files it wrote, and the transaction the row."""

    def __init__(self, message=DISK_FULL_MESSAGE):
        super().__init__(message)


@contextmanager
def disk_full_as_refusal():
    try:
        yield
    except WriteRefused as error:
        raise DiskFullError(STORE_REFUSED_MESSAGE) from error
    except OSError as error:
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DiskFullError from error
        raise


class PhotoCreditQuerySet(models.QuerySet):
    def for_names(self, photographer, source):
        """The credit with these names, whatever their case, made if there is none: a file's or a
        client's names reuse the credit the newsroom already has for them."""
        found = self.filter(photographer__iexact=photographer, source__iexact=source).first()
        return found or self.create(photographer=photographer, source=source)


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
    url = models.URLField(blank=True, validators=[validate_web_address], help_text="Optional link to the source.")
    may_syndicate = models.BooleanField(
        "may pass on to partners",
        default=False,
        help_text="Tick only if the licence lets us pass this photo on to partner outlets.",
    )

    objects = PhotoCreditQuerySet.as_manager()

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


class PhotoQuerySet(models.QuerySet):
    def with_usage(self):
        """Annotates `usage_count`: how many rows of other models show the photo, over every relation
        usage_relations() finds; one subquery each, so no relation multiplies another's rows."""
        counts = [
            Coalesce(
                Subquery(
                    relation.related_model._base_manager.filter(**{relation.field.name: OuterRef("pk")})
                    .order_by()
                    .values(relation.field.name)
                    .annotate(count=models.Count("pk"))
                    .values("count")
                ),
                0,
            )
            for relation in usage_relations()
        ]
        return self.annotate(usage_count=reduce(operator.add, counts, Value(0)))


def new_rendition_key():
    return secrets.token_hex(16)


def new_rendition_job():
    return secrets.token_hex(16)


class RenditionsState(models.TextChoices):
    QUEUED = "queued", "queued"
    READY = "ready", "ready"
    FAILED = "failed", "failed"


class Photo(models.Model):
    image = models.ImageField(
        _("image"),
        upload_to="photos/%Y/%m/",
        validators=[validate_image_upload],
        help_text=_(
            "JPEG, PNG, WebP, AVIF or GIF, up to 25 MB and 60 megapixels. "
            "Location and camera data are removed on upload."
        ),
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    alt_text = models.CharField(
        _("alt text"),
        max_length=250,
        help_text=_("What the photo shows, for readers who cannot see it. Required."),
    )
    caption = models.CharField(
        _("caption"),
        max_length=300,
        blank=True,
        help_text=_("Default caption. An article may override it."),
    )
    credit = models.ForeignKey(
        PhotoCredit,
        on_delete=models.PROTECT,
        related_name="photos",
        verbose_name=_("credit"),
        help_text=_("Shown after the caption as “(Photo: Photographer/Source)”."),
    )
    focal_x = models.FloatField(
        _("focal x"), default=0.5, validators=FRACTION, help_text=_("Click the photo to set the point of interest.")
    )
    focal_y = models.FloatField(_("focal y"), default=0.5, validators=FRACTION)
    renditions = models.JSONField(default=dict, editable=False)
    # The secret in the names of the photo's renditions (media.images.build_renditions).
    rendition_key = models.CharField(max_length=32, default=new_rendition_key, editable=False)
    # The renditions are built by a task (media/tasks.py); until they are ready, pages show the original.
    renditions_state = models.CharField(
        max_length=10, choices=RenditionsState.choices, default=RenditionsState.QUEUED, editable=False
    )
    renditions_error = models.TextField(blank=True, editable=False)
    # Builds started for the current request, counting one a worker died in; a retry or the sweep stops at the limit.
    renditions_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    # When the current request was queued or its last attempt started: the sweep asks again after a while.
    renditions_queued_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The current request's token: a task carrying an older one was superseded, and does nothing.
    renditions_job = models.CharField(max_length=32, blank=True, editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = PhotoQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        get_latest_by = "uploaded_at"
        constraints = [
            models.CheckConstraint(condition=~Q(alt_text=""), name="photo_has_alt_text"),
            models.CheckConstraint(
                condition=Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1),
                name="photo_focal_point_inside",
            ),
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._built_from = self._rendition_inputs()

    def __str__(self):
        return self.caption or self.alt_text

    def save(self, *args, **kwargs):
        """Strips the metadata of a new upload, then queues a rebuild of the renditions if the image or
        the focal point changed. Image work happens here and in the task, never on a page request."""
        new_upload = bool(self.image) and (not in_storage(self.image) or self.image.name != self._built_from[0])
        if new_upload:
            with disk_full_as_refusal():
                self._store_cleaned_original()
        try:
            with disk_full_as_refusal(), transaction.atomic():
                super().save(*args, **kwargs)
                if self._rendition_inputs() != self._built_from or not (self.renditions or self._renditions_asked()):
                    self.queue_renditions()
        except BaseException:
            if new_upload:
                self.image.storage.delete(self.image.name)
            raise

    @property
    def url(self):
        return self.image.url

    def _store_cleaned_original(self):
        # A file saved to storage before the row (e.g. image.save(..., save=False)) is replaced too.
        already_stored = in_storage(self.image)
        stored_name = self.image.name
        with self.image.open("rb") as upload:
            cleaned, width, height = clean_original(upload)
        with cleaned:
            self.image.save(PurePath(stored_name).name, cleaned, save=False)
        # Measured upright by clean_original(), not by the field (it has no width_field): a field with one
        # measures its file whenever it is set, a reload included, by reading it, on an object store a
        # download of the whole original.
        self.width, self.height = width, height
        if already_stored:
            self.image.storage.delete(stored_name)

    def _rendition_inputs(self):
        return (self.image.name if self.image else "", self.focal_x, self.focal_y)

    def _renditions_asked(self):
        return self.renditions_state == RenditionsState.QUEUED and bool(self.renditions_job)

    def queue_renditions(self):
        """Asks for the renditions to be rebuilt by media.tasks.build_renditions once the transaction
        commits; the photo is "queued" until then, and pages show the original where none exist yet."""
        from .tasks import build_photo_renditions  # media.tasks imports this module

        self.renditions_state = RenditionsState.QUEUED
        self.renditions_error = ""
        self.renditions_attempts = 0
        self.renditions_queued_at = timezone.now()
        self.renditions_job = new_rendition_job()
        Photo.objects.filter(pk=self.pk).update(
            renditions_state=self.renditions_state,
            renditions_error="",
            renditions_attempts=0,
            renditions_queued_at=self.renditions_queued_at,
            renditions_job=self.renditions_job,
        )
        self._built_from = self._rendition_inputs()
        enqueue_on_commit(build_photo_renditions, self.pk, self.renditions_job)

    def rebuild_renditions(self, *, job=None, reuse=True):
        """Makes every slot's renditions from the stored original and records them on the row, ready.
        With `job`, records them only if that is still the photo's current request (a later save may
        have asked again meanwhile); returns whether they were recorded."""
        old_files = [name for entry in self.rendition_entries() for name in entry["files"].values()]
        overrides = {crop.slot: crop.as_fractions() for crop in self.crops.all()} if self.pk else {}
        with disk_full_as_refusal(), self.image.open("rb") as original:
            renditions = build_renditions(
                original,
                f"renditions/{self.pk}",
                default_storage,
                focal=(self.focal_x, self.focal_y),
                overrides=overrides,
                key=self.rendition_key,
                reuse=reuse,
            )
        row = Photo.objects.filter(pk=self.pk)
        if job is not None:
            row = row.filter(renditions_job=job)
        if not row.update(renditions=renditions, renditions_state=RenditionsState.READY, renditions_error=""):
            return False
        self.renditions, self.renditions_state, self.renditions_error = renditions, RenditionsState.READY, ""
        self._built_from = self._rendition_inputs()
        kept = {name for entry in self.rendition_entries() for name in entry["files"].values()}
        stale = [name for name in old_files if name not in kept]
        transaction.on_commit(lambda: [default_storage.delete(name) for name in stale])
        return True

    def rendition_entries(self):
        return [entry for entries in self.renditions.values() for entry in entries]

    def sources(self, slot):
        """For <picture>: [(mime type, srcset)] for each format, best first, and the fallback
        rendition (JPEG, about 640 px wide). Empty when the photo has no renditions yet."""
        entries = self.renditions.get(slot, [])
        if not entries:
            return [], None
        formats = [fmt for fmt in MIME_TYPES if fmt in entries[0]["files"]]
        sources = [
            (
                MIME_TYPES[fmt],
                ", ".join(f"{storage_url(entry['files'][fmt])} {entry['width']}w" for entry in entries),
            )
            for fmt in formats
        ]
        fallback = next((entry for entry in entries if entry["width"] >= 640), entries[-1])
        return sources, {"url": storage_url(fallback["files"]["jpeg"]), **fallback}

    def rendition_url(self, slot, width):
        """The JPEG of a slot closest to `width`, or the original when none was made."""
        return self.rendition(slot, width)[0]

    def rendition(self, slot, width):
        """(url, width, height) of the JPEG of a slot closest to `width`, or of the original when none
        was made. Feeds and social cards need the size as well as the address."""
        entries = self.renditions.get(slot)
        if not entries:
            return self.url, self.width, self.height
        entry = min(entries, key=lambda entry: abs(entry["width"] - width))
        return storage_url(entry["files"]["jpeg"]), entry["width"], entry["height"]


class SlotCrop(models.Model):
    """An editor's own crop of one photo for one slot, replacing the focal-point crop."""

    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="crops")
    slot = models.CharField(
        max_length=20, choices=[(slot.name, slot.name.title()) for slot in SLOTS.values() if slot.aspect]
    )
    left = models.FloatField(validators=FRACTION, help_text="Fractions of the photo: 0 is the left edge, 1 the right.")
    top = models.FloatField(validators=FRACTION)
    right = models.FloatField(validators=FRACTION)
    bottom = models.FloatField(validators=FRACTION)

    class Meta:
        ordering = ["slot"]
        constraints = [
            models.UniqueConstraint(fields=["photo", "slot"], name="slotcrop_one_per_slot"),
            models.CheckConstraint(
                condition=Q(left__gte=0, top__gte=0, right__lte=1, bottom__lte=1)
                & Q(left__lt=models.F("right"), top__lt=models.F("bottom")),
                name="slotcrop_box_inside_photo",
                violation_error_message="The crop must lie inside the photo, left of right and above bottom.",
            ),
        ]

    def __str__(self):
        return f"{self.get_slot_display()} crop of {self.photo}"

    def clean(self):
        super().clean()
        box = self.as_fractions()
        # A box outside the photo or upside down is the check constraint's to refuse.
        inside = (
            None not in box.values() and 0 <= box["left"] < box["right"] <= 1 and 0 <= box["top"] < box["bottom"] <= 1
        )
        photo = self.photo if self.photo_id else None
        if inside and self.slot in SLOTS and photo is not None and photo.width and photo.height:
            validate_crop_shape(photo.width, photo.height, box, SLOTS[self.slot])

    def as_fractions(self):
        return {"left": self.left, "top": self.top, "right": self.right, "bottom": self.bottom}


def usage_relations():
    """The relations through which other models show a photo: every reverse relation to Photo that
    Photo._meta.get_fields() reports, less the photo's own crops. So media names none of them; today
    they are feed's stories (lead photo, video poster) and authors' avatars."""
    return [
        relation
        for relation in Photo._meta.get_fields()
        if relation.auto_created and not relation.concrete and relation.related_model is not SlotCrop
    ]
