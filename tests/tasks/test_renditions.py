"""Renditions off the request (media/tasks.py): the save stores the original and queues a task; pages show the
original until the task has built the renditions; failures retry, then show in the admin; nothing is queued
by a rolled-back save. The tasks run here as the test's on-commit callbacks (tests/settings.py: the
ImmediateBackend); test_workers.py runs the database backend's worker and RQ's."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django_tasks_db.models import DBTaskResult

from media.models import Photo, RenditionsState
from media.tasks import MAX_ATTEMPTS, RETRY_DELAYS, build_photo_renditions, sweep_renditions
from tests.factories import image_file, make_article, make_credit, make_photo

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def upload(admin_client, **extra):
    return admin_client.post(
        reverse("admin:media_photo_add"),
        {
            "image": image_file(size=(1280, 720)),
            "alt_text": "Smoke over the port",
            "credit": make_credit().pk,
            "focal_x": "0.5",
            "focal_y": "0.5",
            "crops-TOTAL_FORMS": "0",
            "crops-INITIAL_FORMS": "0",
            **extra,
        },
    )


def damage_original(photo, content=b"not an image any more"):
    default_storage.delete(photo.image.name)
    assert default_storage.save(photo.image.name, ContentFile(content)) == photo.image.name


def rendition_files(photo):
    return sorted(name for entries in photo.renditions.values() for e in entries for name in e["files"].values())


def lead_image(client, article):
    page = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")
    return page.select_one("article img")


def test_the_save_returns_before_the_renditions_and_pages_show_the_original_until_the_worker_built_them(
    admin_client, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        assert upload(admin_client).status_code == 302
    photo = Photo.objects.get()
    assert (photo.renditions_state, photo.renditions) == (RenditionsState.QUEUED, {})
    article = make_article(lead_photo=photo)

    before = lead_image(client, article)
    assert before["src"] == photo.url and default_storage.exists(photo.image.name)
    assert (before["width"], before["height"]) == ("1280", "720")
    assert before.find_parent("picture") is None

    for callback in queued:  # the commit: the task runs (ImmediateBackend)
        callback()
    photo.refresh_from_db()
    assert photo.renditions_state == RenditionsState.READY and photo.renditions["lead"]
    article.save()  # a new page generation: the cached page goes
    after = lead_image(client, article)
    assert after.find_parent("picture") is not None
    assert after["src"] != photo.url and after["src"].startswith(default_storage.url("renditions/"))


def test_a_rolled_back_save_queues_nothing(settings, django_capture_on_commit_callbacks):
    settings.TASKS = DB_TASKS  # its queue is a table: what was queued can be counted
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        Photo.objects.create(image=image_file(), alt_text="Gone", credit=make_credit())
        raise RuntimeError("the rest of the form failed")
    assert not Photo.objects.exists() and not DBTaskResult.objects.exists()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        Photo.objects.create(image=image_file(), alt_text="Kept", credit=make_credit())
    assert DBTaskResult.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_save_leaves_no_task_in_the_database_queue(settings):
    settings.TASKS = DB_TASKS
    with pytest.raises(RuntimeError), transaction.atomic():
        Photo.objects.create(image=image_file(), alt_text="Gone", credit=make_credit())
        raise RuntimeError("the rest of the form failed")
    assert not DBTaskResult.objects.exists()
    photo = Photo.objects.create(image=image_file(), alt_text="Kept", credit=make_credit())
    assert list(DBTaskResult.objects.values_list("args_kwargs", flat=True)) == [
        {"args": [photo.pk, photo.renditions_job], "kwargs": {}}
    ]


def test_building_twice_gives_the_same_files():
    photo = make_photo(image=image_file(size=(1280, 720)))
    first = rendition_files(photo)
    photo.rebuild_renditions()
    assert rendition_files(photo) == first
    folder = f"renditions/{photo.pk}"
    _, names = default_storage.listdir(folder)
    assert sorted(f"{folder}/{name}" for name in names) == first


def test_a_build_after_a_worker_died_halfway_keeps_what_it_wrote_and_makes_the_rest(monkeypatch):
    photo = make_photo(image=image_file(size=(1280, 720)))
    files = rendition_files(photo)
    for name in files[len(files) // 2 :]:
        default_storage.delete(name)
    saved = []
    monkeypatch.setattr(storages["default"], "save", lambda name, content, **kw: saved.append(name) or name)
    photo.rebuild_renditions()
    assert sorted(saved) == files[len(files) // 2 :]


def test_a_task_for_an_older_request_does_nothing(django_capture_on_commit_callbacks):
    photo = make_photo()
    old_job = photo.renditions_job
    with django_capture_on_commit_callbacks() as queued:
        photo.focal_x = 0.9
        photo.save()
    assert build_photo_renditions.call(photo.pk, old_job) == "superseded"
    assert Photo.objects.get(pk=photo.pk).renditions_state == RenditionsState.QUEUED
    for callback in queued:
        callback()
    assert Photo.objects.get(pk=photo.pk).renditions_state == RenditionsState.READY
    assert build_photo_renditions.call(photo.pk, photo.renditions_job) == "superseded"  # done already


def test_a_failing_build_retries_then_fails_with_the_error_in_the_admin_and_retry_queues_it_again(
    admin_client, django_capture_on_commit_callbacks
):
    photo = make_photo()
    damage_original(photo)
    with django_capture_on_commit_callbacks(execute=True):
        photo.queue_renditions()
    photo.refresh_from_db()
    assert (photo.renditions_state, photo.renditions_attempts) == (RenditionsState.FAILED, MAX_ATTEMPTS)
    assert "UnidentifiedImageError" in photo.renditions_error

    change = reverse("admin:media_photo_change", args=[photo.pk])
    page = admin_client.get(change).content.decode()
    assert "failed" in page and escape(photo.renditions_error) in page
    assert 'name="_retry_renditions"' in page
    assert (
        "failed"
        in admin_client.get(reverse("admin:media_photo_changelist") + "?renditions_state=failed").content.decode()
    )

    damage_original(photo, image_file(size=(640, 360)).read())
    form = {"alt_text": photo.alt_text, "caption": "", "credit": photo.credit_id, "focal_x": "0.5", "focal_y": "0.5"}
    crops = {"crops-TOTAL_FORMS": "0", "crops-INITIAL_FORMS": "0"}
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(change, form | crops | {"_retry_renditions": "Retry"})
    assert response.status_code == 302 and response["Location"] == change
    photo.refresh_from_db()
    assert (photo.renditions_state, photo.renditions_attempts, photo.renditions_error) == (RenditionsState.READY, 1, "")


def test_the_admin_list_action_retries_the_selected_photos(admin_client, django_capture_on_commit_callbacks):
    photo = make_photo()
    Photo.objects.filter(pk=photo.pk).update(renditions_state=RenditionsState.FAILED, renditions_error="Boom")
    with django_capture_on_commit_callbacks() as queued:
        admin_client.post(
            reverse("admin:media_photo_changelist"), {"action": "retry_renditions", "_selected_action": [photo.pk]}
        )
    assert Photo.objects.get(pk=photo.pk).renditions_state == RenditionsState.QUEUED and len(queued) == 1


def test_a_failed_attempt_is_retried_later_with_backoff_on_a_backend_that_defers(
    settings, django_capture_on_commit_callbacks
):
    photo = make_photo()
    damage_original(photo)
    settings.TASKS = DB_TASKS
    with django_capture_on_commit_callbacks(execute=True):
        photo.queue_renditions()
    first = DBTaskResult.objects.get()
    first.claim("test")  # as db_worker does before running it
    with django_capture_on_commit_callbacks(execute=True):
        assert build_photo_renditions.call(*first.args_kwargs["args"]) == "failed"
    retry = DBTaskResult.objects.exclude(pk=first.pk).get()
    delay = (retry.run_after - timezone.now()).total_seconds()
    assert RETRY_DELAYS[0] - 5 < delay <= RETRY_DELAYS[0]
    photo.refresh_from_db()
    assert (photo.renditions_state, photo.renditions_attempts) == (RenditionsState.QUEUED, 1)
    assert "UnidentifiedImageError" in photo.renditions_error


def test_crop_changes_in_the_admin_queue_a_rebuild(admin_client, django_capture_on_commit_callbacks):
    photo = make_photo(image=image_file(size=(1600, 900)))
    before = rendition_files(photo)
    form = {"alt_text": photo.alt_text, "caption": "", "credit": photo.credit_id, "focal_x": "0.5", "focal_y": "0.5"}
    crop = {
        "crops-TOTAL_FORMS": "1",
        "crops-INITIAL_FORMS": "0",
        "crops-0-slot": "square",
        **{f"crops-0-{side}": value for side, value in {"left": 0, "top": 0, "right": 0.5625, "bottom": 1}.items()},
    }
    with django_capture_on_commit_callbacks() as queued:
        assert admin_client.post(reverse("admin:media_photo_change", args=[photo.pk]), form | crop).status_code == 302
    assert Photo.objects.get(pk=photo.pk).renditions_state == RenditionsState.QUEUED
    for callback in queued:
        callback()
    photo.refresh_from_db()
    assert photo.renditions_state == RenditionsState.READY and rendition_files(photo) != before


def test_the_sweep_asks_again_for_photos_whose_task_was_lost_and_fails_those_that_kill_the_worker(
    django_capture_on_commit_callbacks,
):
    lost, dying, waiting = make_photo(), make_photo(), make_photo()
    long_ago = timezone.now() - timedelta(minutes=10)
    Photo.objects.filter(pk=lost.pk).update(
        renditions_state=RenditionsState.QUEUED, renditions_queued_at=long_ago, renditions_attempts=1
    )
    Photo.objects.filter(pk=dying.pk).update(
        renditions_state=RenditionsState.QUEUED, renditions_queued_at=long_ago, renditions_attempts=MAX_ATTEMPTS
    )
    Photo.objects.filter(pk=waiting.pk).update(
        renditions_state=RenditionsState.QUEUED, renditions_queued_at=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_renditions.call() == 1
    states = dict(Photo.objects.values_list("pk", "renditions_state"))
    assert states == {lost.pk: "ready", dying.pk: "failed", waiting.pk: "queued"}
    assert "worker stopped" in Photo.objects.get(pk=dying.pk).renditions_error
    assert Photo.objects.get(pk=lost.pk).renditions_job != lost.renditions_job
