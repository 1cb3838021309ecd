"""The periodic jobs and the loop that queues them when due (`manage.py run_scheduler`, started by `make run`
and `make serve`; docs/operations.md, "Background work"). It only queues tasks; a worker runs them."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from common.tasks import enqueue_on_commit
from feed import tasks as feed_tasks
from media import tasks as media_tasks
from webhooks import tasks as webhook_tasks
from wires import tasks as wire_tasks

from .models import PeriodicJob

# A story published in a request that commits a moment after the scheduler looked would fall before its
# window; each window ends this long before the scheduler's clock.
WINDOW_LAG = timedelta(seconds=30)


@dataclass(frozen=True)
class Periodic:
    name: str
    every: timedelta
    task: object
    # The task is given the window of time since its last run (since, until), as ISO 8601 times.
    takes_window: bool = False


JOBS = [
    Periodic("empty_trash", timedelta(days=1), feed_tasks.empty_trash),
    Periodic("sweep_renditions", timedelta(minutes=1), media_tasks.sweep_renditions),
    Periodic("went_live", timedelta(minutes=1), feed_tasks.announce_went_live, takes_window=True),
    Periodic("poll_wires", timedelta(minutes=1), wire_tasks.poll_wire_sources),
    Periodic("sweep_deliveries", timedelta(minutes=1), webhook_tasks.sweep_deliveries),
]


def queue_due_jobs(now=None):
    """Queues every job whose time has come; returns their names. A job never queued before is due at once
    (a window job's first window is one period long)."""
    now = now or timezone.now()
    queued = []
    for job in JOBS:
        with transaction.atomic():
            PeriodicJob.objects.get_or_create(name=job.name, defaults={"last_queued_at": now - job.every})
            state = PeriodicJob.objects.select_for_update().get(name=job.name)
            if now - state.last_queued_at < job.every:
                continue
            if job.takes_window:
                window = (state.last_queued_at - WINDOW_LAG, now - WINDOW_LAG)
                enqueue_on_commit(job.task, *(moment.isoformat() for moment in window))
            else:
                enqueue_on_commit(job.task)
            state.last_queued_at = now
            state.save(update_fields=["last_queued_at"])
            queued.append(job.name)
    return queued
