"""Withdrawals (api.models.Withdrawal) recorded as stories leave the readers' view, for the change feed's
tombstones."""

from django.utils import timezone

from feed.events import KILLED, UNPUBLISHED

from .models import Withdrawal


def _withdrawn(story_id, reason, at):
    Withdrawal.objects.update_or_create(story_id=story_id, defaults={"reason": reason, "withdrawn_at": at})


def record_withdrawal(sender, article, event, **kwargs):
    """feed/events.py announces a story taken off the site (unpublished, scheduled again, trashed) or killed
    only when readers could see it, once its change has committed."""
    if event == KILLED:
        _withdrawn(article.pk, Withdrawal.Reason.KILLED, article.killed_at)
    elif event == UNPUBLISHED:
        reason = Withdrawal.Reason.TRASHED if article.deleted_at else Withdrawal.Reason.UNPUBLISHED
        _withdrawn(article.pk, reason, article.modified_at)


def record_deletion(sender, instance, **kwargs):
    """A story deleted while readers could see it (emptying the trash deletes stories already withdrawn)."""
    if instance.is_published:
        _withdrawn(instance.pk, Withdrawal.Reason.DELETED, timezone.now())
