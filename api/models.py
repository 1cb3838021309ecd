"""API tokens (per user, named, shown once, stored hashed, revocable, expiring) and the first answer to
each Idempotency-Key, replayed when a client retries."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

TOKEN_PREFIX = "nrt_"
TOKEN_DAYS = 90


def digest(secret):
    """The stored form of a token. SHA-256 without a salt: the token is 32 random bytes, so there is no
    dictionary to precompute, and a lookup by digest stays one indexed query."""
    return hashlib.sha256(secret.encode()).hexdigest()


def default_expiry():
    return timezone.now() + timedelta(days=TOKEN_DAYS)


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        """Not revoked, not expired, and its user still active staff."""
        return self.filter(
            revoked_at__isnull=True, expires_at__gt=timezone.now(), user__is_active=True, user__is_staff=True
        )


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(
        max_length=100,
        help_text="What uses it, e.g. “Newsletter tool”. Shown in the history of every story it changes.",
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The start of the token, to tell tokens apart in the list; too short to guess the rest from.
    prefix = models.CharField(max_length=12, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=default_expiry, help_text="The token stops working at this time.")
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "API token"
        constraints = [models.CheckConstraint(condition=~Q(name=""), name="apitoken_has_name")]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def new_secret(self):
        """Makes a new token for this row and returns it: the only time it exists in clear."""
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        self.key_hash, self.prefix = digest(secret), secret[: len(TOKEN_PREFIX) + 4]
        return secret

    @property
    def is_usable(self):
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def history_label(self):
        return f"through the API, token “{self.name}”"


class IdempotentRequest(models.Model):
    """The first answer to a POST with an Idempotency-Key, per token: a retry gets it again."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    path = models.CharField(max_length=500)
    status_code = models.PositiveSmallIntegerField()
    body = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["token", "key"], name="idempotentrequest_once_per_token")]

    def __str__(self):
        return f"{self.key} → {self.status_code}"


class Withdrawal(models.Model):
    """A story readers could see and no longer can: killed, unpublished (or scheduled again), moved to the
    trash or deleted. The change feed shows it as a tombstone while the story is not back. Kept by story id,
    not a foreign key, so that it outlives the story's deletion; one row per story, its latest withdrawal."""

    class Reason(models.TextChoices):
        KILLED = "killed"
        UNPUBLISHED = "unpublished"
        TRASHED = "trashed"
        DELETED = "deleted"

    story_id = models.BigIntegerField(unique=True)
    reason = models.CharField(max_length=20, choices=Reason.choices)
    withdrawn_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"story {self.story_id} {self.reason} at {self.withdrawn_at:%Y-%m-%d %H:%M}"
