"""Background work on photos (Django's tasks API; docs/operations.md, "Background work").

A photo's renditions are built here, off the editor's request. Each request for them (Photo.queue_renditions)
carries a token, `job`; a task whose token is no longer the photo's does nothing, so a photo asked for twice
is built once. A failed build is tried again later (RETRY_DELAYS), then the photo is "failed" with the error
shown in the admin. A worker killed halfway leaves the photo "queued": the sweep asks again.
"""

import logging
from datetime import timedelta

from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from common.tasks import enqueue_on_commit

from .models import Photo, RenditionsState, new_rendition_job

logger = logging.getLogger(__name__)

# Seconds before each further attempt; one attempt more than there are delays.
RETRY_DELAYS = (10, 60, 300)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# A request neither built nor failed this long after it was queued or its build started was lost (a worker
# killed, a queue emptied): the sweep asks again. A build takes seconds.
LOST_AFTER_SECONDS = 300


@task()
def build_photo_renditions(photo_id, job):
    """Builds the renditions of a photo, if `job` is still its current request. Returns what it did."""
    claimed = Photo.objects.filter(pk=photo_id, renditions_job=job, renditions_state=RenditionsState.QUEUED).update(
        renditions_attempts=F("renditions_attempts") + 1, renditions_queued_at=timezone.now()
    )
    if not claimed:
        return "superseded"  # deleted, asked again since, or already built
    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is None:
        return "superseded"
    try:
        built = photo.rebuild_renditions(job=job)
    except Exception as error:
        _build_failed(photo, job, error)
        return "failed"
    if built:
        logger.info("Built the renditions of photo %s", photo_id)
    return "built" if built else "superseded"


def _build_failed(photo, job, error):
    message = f"{type(error).__name__}: {error}"
    logger.warning(
        "Building the renditions of photo %s failed (attempt %s): %s", photo.pk, photo.renditions_attempts, message
    )
    row = Photo.objects.filter(pk=photo.pk, renditions_job=job)
    if photo.renditions_attempts >= MAX_ATTEMPTS:
        row.update(renditions_state=RenditionsState.FAILED, renditions_error=message)
        return
    row.update(renditions_error=message)
    delay = timedelta(seconds=RETRY_DELAYS[photo.renditions_attempts - 1])
    retry = build_photo_renditions
    if retry.get_backend().supports_defer:
        retry = retry.using(run_after=timezone.now() + delay)
    enqueue_on_commit(retry, photo.pk, job)


@task()
def sweep_renditions(lost_after_seconds=LOST_AFTER_SECONDS):
    """Asks again for the renditions of photos queued longer than LOST_AFTER_SECONDS (their task was lost: a
    worker killed halfway, a queue emptied), or fails those whose worker died MAX_ATTEMPTS times. `make chaos`
    waits less.
    The scheduler runs it every minute. Returns how many photos were queued again."""
    lost = Photo.objects.filter(
        Q(renditions_queued_at__lt=timezone.now() - timedelta(seconds=lost_after_seconds))
        | Q(renditions_queued_at__isnull=True),
        renditions_state=RenditionsState.QUEUED,
    )
    lost.filter(renditions_attempts__gte=MAX_ATTEMPTS).update(
        renditions_state=RenditionsState.FAILED,
        renditions_error=f"The worker stopped while building these renditions, {MAX_ATTEMPTS} times "
        "(killed, or out of memory).",
    )
    asked = 0
    for photo_id in lost.filter(renditions_attempts__lt=MAX_ATTEMPTS).values_list("pk", flat=True):
        job = new_rendition_job()
        # The attempts are kept: a photo whose build kills the worker every time must end failed.
        if Photo.objects.filter(pk=photo_id, renditions_state=RenditionsState.QUEUED).update(
            renditions_job=job, renditions_queued_at=timezone.now()
        ):
            enqueue_on_commit(build_photo_renditions, photo_id, job)
            asked += 1
    if asked:
        logger.warning("Queued the renditions of %s photo(s) again, their task lost", asked)
    return asked
