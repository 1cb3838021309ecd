"""Turns what happened to a story (feed/events.py) into one delivery per endpoint that asked for it."""

from django.conf import settings
from django.utils import timezone

from common.tasks import enqueue_on_commit
from feed.events import KILLED

from .models import Delivery, Endpoint
from .tasks import deliver


def story_payload(article, event, key):
    """What a partner is told: enough to fetch the story again, or to take it down."""
    story = {
        "id": article.pk,
        "headline": article.headline,
        "url": settings.SITE_URL + article.get_absolute_url(),
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "updated_at": article.updated_at.isoformat() if article.updated_at else None,
    }
    if event == KILLED:
        story["kill_notice"] = article.kill_notice
    return {"id": key, "event": event, "occurred_at": timezone.now().isoformat(), "story": story}


def queue_deliveries(sender, article, event, key, **kwargs):
    endpoints = [endpoint for endpoint in Endpoint.objects.filter(active=True) if event in endpoint.events]
    if not endpoints:
        return
    payload = story_payload(article, event, key)
    for endpoint in endpoints:
        delivery, created = Delivery.objects.get_or_create(
            endpoint=endpoint, key=key, defaults={"event": event, "story_id": article.pk, "payload": payload}
        )
        if created:
            enqueue_on_commit(deliver, delivery.pk, 0)
