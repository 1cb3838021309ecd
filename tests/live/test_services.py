import pytest
from django.utils import timezone

from feed import workflow
from feed.workflow import EditorialError, NotAllowed
from live import services
from live.models import LiveUpdate
from tests.factories import log_messages, make_article, make_photo, make_user

pytestmark = pytest.mark.django_db


def post(story, user, **kw):
    kw.setdefault("body", "<p>Air defence is working over the capital.</p>")
    return services.post_update(article=story, user=user, **kw)


def test_an_editor_posts_an_update_which_moves_the_story_and_is_in_its_history(live_story, editor):
    before = live_story.version
    update = post(live_story, editor, headline="Explosions heard", pinned=True)
    live_story.refresh_from_db()
    assert list(LiveUpdate.objects.shown()) == [update]
    assert update.pinned and update.created_by == editor
    assert live_story.updated_at is not None and live_story.last_modified == live_story.updated_at
    assert live_story.version > before
    assert f"Posted update {update.pk}: Explosions heard" in log_messages(live_story)


def test_a_reporter_on_the_byline_posts_with_their_own_author_profile(live_story, live_reporter):
    update = post(live_story, live_reporter)
    assert list(update.authors.all()) == [live_reporter.author_profile]


def test_a_reporter_not_added_to_the_live_story_cannot_post(live_story):
    outsider = make_user("Reporter")
    with pytest.raises(NotAllowed):
        post(live_story, outsider)
    assert not LiveUpdate.objects.exists()


def test_the_body_is_required_and_sanitised(live_story, editor):
    with pytest.raises(EditorialError, match="Write the update"):
        post(live_story, editor, body="  ")
    update = post(live_story, editor, body='<p onclick="x()">Calm<script>alert(1)</script></p>')
    assert update.body == "<p>Calm</p>"


def test_only_live_coverage_that_is_open_takes_updates(live_story, editor):
    with pytest.raises(EditorialError, match="not live coverage"):
        post(make_article(), editor)
    workflow.end_coverage(article=live_story, user=editor)
    assert live_story.coverage_ended_at is not None and not live_story.is_live
    with pytest.raises(EditorialError, match="reopen it"):
        post(live_story, editor)
    workflow.reopen_coverage(article=live_story, user=editor)
    assert live_story.is_live
    post(live_story, editor)
    assert log_messages(live_story)[1:3] == ["Live coverage reopened.", "Live coverage ended."]  # newest first


def test_reporters_cannot_end_or_reopen_coverage(live_story, live_reporter, editor):
    with pytest.raises(NotAllowed):
        workflow.end_coverage(article=live_story, user=live_reporter)
    workflow.end_coverage(article=live_story, user=editor)
    with pytest.raises(EditorialError, match="already ended"):
        workflow.end_coverage(article=live_story, user=editor)
    with pytest.raises(NotAllowed):
        workflow.reopen_coverage(article=live_story, user=live_reporter)


def test_a_killed_live_story_takes_no_updates(live_story, editor):
    workflow.kill(article=live_story, user=editor, notice="Withdrawn.")
    with pytest.raises(EditorialError, match="killed"):
        post(live_story, editor)


def test_editing_marks_the_update_edited(live_story, editor):
    update = post(live_story, editor, photo=make_photo())
    services.edit_update(update=update, user=editor, body="<p>Two explosions, not three.</p>", headline="Correct count")
    update.refresh_from_db()
    assert update.edited_at is not None and update.headline == "Correct count" and update.photo is None
    assert f"Edited update {update.pk}: Correct count" in log_messages(live_story)


def test_a_reporter_edits_only_their_own_updates(live_story, live_reporter, editor):
    theirs, editors = post(live_story, live_reporter), post(live_story, editor)
    services.edit_update(update=theirs, user=live_reporter, body="<p>Fixed.</p>")
    with pytest.raises(NotAllowed):
        services.edit_update(update=editors, user=live_reporter, body="<p>Mine now.</p>")


def test_a_correction_is_recorded_on_the_update(live_story, editor, live_reporter):
    update = post(live_story, editor)
    note = services.correct_update(update=update, user=editor, text="The mayor, not the governor, spoke.")
    assert list(update.corrections.all()) == [note]
    with pytest.raises(NotAllowed):
        services.correct_update(update=update, user=live_reporter, text="No.")
    with pytest.raises(EditorialError):
        services.correct_update(update=update, user=editor, text=" ")


def test_pinning_is_for_editors(live_story, editor, live_reporter):
    update = post(live_story, live_reporter)
    with pytest.raises(NotAllowed):
        services.set_pinned(update=update, user=live_reporter, pinned=True)
    services.set_pinned(update=update, user=editor, pinned=True)
    assert list(LiveUpdate.objects.pinned()) == [update]
    services.set_pinned(update=update, user=editor, pinned=False)
    assert not LiveUpdate.objects.pinned().exists()


def test_a_deleted_update_is_no_longer_shown_and_cannot_be_changed(live_story, editor):
    kept, deleted = post(live_story, editor), post(live_story, editor, pinned=True)
    services.delete_update(update=deleted, user=editor)
    assert list(LiveUpdate.objects.shown()) == [kept]
    assert not LiveUpdate.objects.pinned().exists()
    assert deleted.deleted_at <= timezone.now()
    with pytest.raises(EditorialError, match="deleted"):
        services.edit_update(update=deleted, user=editor, body="<p>Back?</p>")
    assert f"Deleted update {deleted.pk}: Update {deleted.pk} to “Strikes on Kyiv overnight”" in log_messages(
        live_story
    )


def test_the_page_cache_generation_ends_with_each_update(live_story, editor, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    from feed.caching import STATE_KEY

    cache.set(STATE_KEY, "old")
    with django_capture_on_commit_callbacks(execute=True):
        post(live_story, editor)
    assert cache.get(STATE_KEY) is None
