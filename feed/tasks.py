"""Background work on stories (Django's tasks API), queued by the scheduler (newsroom/scheduler.py)."""

import logging
from datetime import datetime

from django_tasks import task

from . import events, workflow
from .models import Article

logger = logging.getLogger(__name__)


@task()
def empty_trash():
    """workflow.empty_trash, daily. Returns how many stories went."""
    return workflow.empty_trash()


def log_went_live(article):
    logger.info("Went live: story %s “%s” at %s", article.pk, article.headline, article.published_at.isoformat())


@task()
def announce_went_live(since, until):
    """Logs and announces (feed/events.py: webhooks listen) each story that went live after `since` and by
    `until` (ISO 8601 times; the scheduler passes windows that follow one another), whether by "Publish now"
    or at its scheduled time; the page cache needs nothing (feed/caching.py ends its generation by the clock).
    Returns the stories' ids."""
    stories = Article.objects.published().filter(
        published_at__gt=datetime.fromisoformat(since), published_at__lte=datetime.fromisoformat(until)
    )
    for article in stories.order_by("published_at", "pk"):
        log_went_live(article)
        events.announce(article, events.PUBLISHED)
    return [article.pk for article in stories]
