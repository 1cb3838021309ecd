"""What happened to a story readers can see, told to whoever outside feed must hear of it (webhooks/).

The editorial services (feed/workflow.py) and the scheduler's went-live pass (feed/tasks.py) call
announce(); receivers connect to `story_event` and get `article` and `event` once the change has
committed, never for one that rolled back. A story going live may be announced twice (by "Publish
now" at once, and by the went-live pass that covers scheduled stories too): receivers tell the two
apart by `key`, which is the same for both.
"""

import uuid

from django.db import transaction
from django.dispatch import Signal

PUBLISHED = "story.published"
UPDATED = "story.updated"
CORRECTED = "story.corrected"
UNPUBLISHED = "story.unpublished"
KILLED = "story.killed"
EVENTS = {
    PUBLISHED: "Published (at once or at its scheduled time)",
    UPDATED: "Updated (an edit, a live update, a revision restored)",
    CORRECTED: "Corrected or clarified",
    UNPUBLISHED: "Taken off the site (unpublished or moved to the trash)",
    KILLED: "Killed",
}

# Sent with article=, event= (one of EVENTS) and key= (what happened, once: equal keys are one event).
story_event = Signal()


def announce(article, event):
    if event == PUBLISHED:
        key = f"{event}:{article.pk}:{article.published_at.isoformat()}"
    else:
        key = f"{event}:{article.pk}:{uuid.uuid4()}"
    # Robust: a receiver that fails is logged; the story's change has committed and stands.
    transaction.on_commit(
        lambda: story_event.send(sender=type(article), article=article, event=event, key=key), robust=True
    )
