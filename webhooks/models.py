import secrets

from django.db import models
from django.utils import timezone

from feed.events import EVENTS


def new_secret():
    return secrets.token_urlsafe(32)


def every_event():
    return list(EVENTS)


class Endpoint(models.Model):
    """A partner's address that is told, signed, when a story readers can see changes (docs/webhooks.md)."""

    name = models.CharField(max_length=100, help_text="Who receives these notifications, e.g. “Partner app”.")
    url = models.URLField(
        "address", max_length=500, help_text="The partner's HTTPS address; each notification is POSTed to it as JSON."
    )
    secret = models.CharField(
        max_length=64,
        default=new_secret,
        help_text="Give it to the partner: it signs every notification (the Newsroom-Signature header).",
    )
    events = models.JSONField(default=every_event, help_text="What the partner is told of.")
    active = models.BooleanField(default=True, help_text="Untick to stop notifications without losing the history.")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Delivery(models.Model):
    """One notification to one endpoint, with its attempts (webhooks/tasks.py)."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"

    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40, choices=list(EVENTS.items()))
    # What happened, once (feed/events.py): a story announced twice as going live is delivered once.
    key = models.CharField(max_length=200, editable=False)
    # Not a foreign key: the record of what a partner was told outlives a story deleted for good.
    story_id = models.BigIntegerField()
    payload = models.JSONField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # When the next attempt is due; a queued delivery long past it lost its task (a worker killed).
    next_attempt_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "deliveries"
        constraints = [models.UniqueConstraint(fields=["endpoint", "key"], name="webhooks_delivery_once")]
        # The sweep's query: queued deliveries whose attempt is overdue.
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="webhooks_delivery_due")]

    def __str__(self):
        return f"{self.get_event_display()} → {self.endpoint}"
