"""The renditions task run by the real workers of both backends: the database backend's db_worker (the default)
and RQ's worker against the Redis on 127.0.0.1:6379 (skipped, loudly, when it is down). Both run in this
process, so that they see the test database (an in-memory SQLite one too)."""

import signal

import pytest
import redis
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from media.models import Photo, RenditionsState
from tests.factories import image_file, make_credit

pytestmark = pytest.mark.django_db(transaction=True)

RQ_REDIS_URL = "redis://127.0.0.1:6379/13"


@pytest.fixture
def signal_handlers_kept():
    """db_worker installs its own SIGINT/SIGTERM/SIGQUIT handlers; pytest's come back afterwards."""
    kept = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for number, handler in kept.items():
        signal.signal(number, handler)


def new_photos(count):
    credit = make_credit()
    return [
        Photo.objects.create(image=image_file(size=(960, 540)), alt_text=f"Photo {n}", credit=credit)
        for n in range(count)
    ]


def test_db_worker_builds_the_renditions_queued_on_commit(settings, signal_handlers_kept):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    photos = new_photos(2)
    assert {photo.renditions_state for photo in Photo.objects.all()} == {RenditionsState.QUEUED}
    assert DBTaskResult.objects.ready().count() == 2
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)
    for photo in photos:
        photo.refresh_from_db()
        assert photo.renditions_state == RenditionsState.READY and photo.renditions["lead"]
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert [result.return_value for result in DBTaskResult.objects.all()] == ["built", "built"]


@pytest.fixture
def rq_queue(settings):
    connection = redis.Redis.from_url(RQ_REDIS_URL)
    try:
        connection.ping()
    except redis.ConnectionError as error:
        pytest.skip(f"RQ BACKEND NOT TESTED: no Redis at {RQ_REDIS_URL} ({error}); .ci/run starts one")
    settings.RQ_QUEUES = {"default": {"URL": RQ_REDIS_URL}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
    import django_rq

    queue = django_rq.get_queue("default")
    queue.empty()
    yield queue
    queue.empty()


def test_rq_worker_builds_the_renditions_queued_on_commit(rq_queue):
    from django_tasks_rq import Job
    from rq import SimpleWorker

    photos = new_photos(2)
    assert rq_queue.count == 2
    # As `manage.py rqworker --job-class django_tasks_rq.Job` runs, less the fork: the job sees this process's
    # test database.
    SimpleWorker([rq_queue], connection=rq_queue.connection, job_class=Job).work(burst=True, with_scheduler=False)
    for photo in photos:
        photo.refresh_from_db()
        assert photo.renditions_state == RenditionsState.READY and photo.renditions["lead"]
