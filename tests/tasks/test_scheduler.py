"""The periodic jobs (newsroom/scheduler.py): queued when due and not again before, their state in the database;
the trash emptied; each story that went live announced once."""

import io
import logging
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from feed.models import TRASH_DAYS, Article
from newsroom.models import PeriodicJob
from newsroom.scheduler import JOBS, WINDOW_LAG, queue_due_jobs
from tests.factories import make_article

pytestmark = pytest.mark.django_db

ALL = [job.name for job in JOBS]


def test_every_job_is_due_at_first_then_each_after_its_own_period(django_capture_on_commit_callbacks):
    start = timezone.now()
    with django_capture_on_commit_callbacks() as queued:
        assert queue_due_jobs(start) == ALL
    assert len(queued) == len(JOBS)
    assert queue_due_jobs(start + timedelta(seconds=59)) == []
    every_minute = ["sweep_renditions", "went_live", "poll_wires", "sweep_deliveries"]
    assert queue_due_jobs(start + timedelta(minutes=1)) == every_minute
    assert queue_due_jobs(start + timedelta(hours=23)) == every_minute
    assert queue_due_jobs(start + timedelta(days=1)) == ALL
    assert PeriodicJob.objects.get(name="empty_trash").last_queued_at == start + timedelta(days=1)


def test_the_daily_job_empties_the_trash(django_capture_on_commit_callbacks):
    old, recent = make_article(), make_article()
    Article.objects.filter(pk=old.pk).update(deleted_at=timezone.now() - timedelta(days=TRASH_DAYS + 1))
    Article.objects.filter(pk=recent.pk).update(deleted_at=timezone.now() - timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        queue_due_jobs()
    assert list(Article.objects.values_list("pk", flat=True)) == [recent.pk]


def test_each_story_that_went_live_is_announced_once(caplog, django_capture_on_commit_callbacks):
    start = timezone.now() - timedelta(minutes=10)  # the windows lie in the past: the stories are live now
    with django_capture_on_commit_callbacks(execute=True):
        queue_due_jobs(start)
    due = make_article(headline="Due in thirty seconds", published_at=start + timedelta(seconds=30))
    make_article(headline="Due tomorrow", published_at=start + timedelta(days=1))
    make_article(headline="A draft", status=Article.Status.DRAFT, published_at=start + timedelta(seconds=20))
    caplog.set_level(logging.INFO, logger="feed.tasks")
    went_live = []
    for minute in range(1, 4):
        with django_capture_on_commit_callbacks(execute=True):
            queue_due_jobs(start + WINDOW_LAG + timedelta(minutes=minute))
        went_live += [record.getMessage() for record in caplog.records if record.name == "feed.tasks"]
        caplog.clear()
    assert went_live == [f"Went live: story {due.pk} “Due in thirty seconds” at {due.published_at.isoformat()}"]


def test_run_scheduler_once_queues_what_is_due(django_capture_on_commit_callbacks):
    out = io.StringIO()
    with django_capture_on_commit_callbacks():
        call_command("run_scheduler", "--once", stdout=out)
    assert [line for line in out.getvalue().splitlines() if line.startswith("Queued")] == [f"Queued {n}" for n in ALL]
