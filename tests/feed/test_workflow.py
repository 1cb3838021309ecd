"""The editorial services (feed.workflow) on their own, without the admin: each change of a story's
state, who may make it, every rule, and the history it leaves."""

from datetime import timedelta

import pytest
import reversion
from django.contrib.admin.models import LogEntry
from django.utils import timezone
from reversion.models import Version

from feed import readiness, workflow
from feed.models import Article, Byline, Correction
from tests.factories import change_url, make_article, make_author, make_photo, make_ready_article, make_user

pytestmark = pytest.mark.django_db


def ready_draft(**kw):
    return make_ready_article(status=Article.Status.DRAFT, published_at=None, **kw)


def history(article):
    return [entry.get_change_message() for entry in LogEntry.objects.filter(object_id=str(article.pk)).order_by("pk")]


def test_publish_now_puts_a_ready_story_live_to_the_second_and_records_it(editor):
    article = ready_draft()
    outcome = workflow.publish_now(article=article, user=editor)
    assert outcome.message == "Published."
    stored = Article.objects.get(pk=article.pk)
    assert stored.is_published
    assert stored.published_at.microsecond == 0
    assert article.status == Article.Status.PUBLISHED  # the caller's copy is brought up to date
    assert history(article) == ["Published."]
    revision = Version.objects.get_for_object(stored).get().revision
    assert (revision.user, revision.comment) == (editor, "Published.")


def test_publish_now_lists_everything_a_story_lacks():
    editor = make_user("Editor")
    article = make_article(status=Article.Status.DRAFT, published_at=None, summary=" ", lead_photo=None)
    with pytest.raises(workflow.EditorialError) as refused:
        workflow.publish_now(article=article, user=editor)
    assert refused.value.problems == ["Write a summary.", "Choose a lead photo.", "Add at least one byline."]
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT
    assert history(article) == []


def test_a_video_story_needs_a_poster_with_alt_text(editor):
    article = ready_draft(video_url="https://youtu.be/abcdefgh", video_poster=make_photo(alt_text="  "))
    with pytest.raises(workflow.EditorialError, match="needs alt text"):
        workflow.publish_now(article=article, user=editor)


def test_reporters_and_bio_managers_cannot_publish():
    author = make_author()
    for user in (make_user("Reporter", author=author), make_user("Bio manager")):
        with pytest.raises(workflow.NotAllowed):
            workflow.publish_now(article=ready_draft(authors=[author]), user=user)


def test_publish_now_refuses_a_killed_a_live_and_an_embargoed_story(editor):
    killed = make_ready_article(status=Article.Status.KILLED, killed_at=timezone.now())
    with pytest.raises(workflow.EditorialError, match="killed story cannot be published"):
        workflow.publish_now(article=killed, user=editor)
    with pytest.raises(workflow.EditorialError, match="already published"):
        workflow.publish_now(article=make_ready_article(), user=editor)
    embargoed = ready_draft(embargo_until=timezone.now() + timedelta(hours=2))
    with pytest.raises(workflow.EditorialError, match="under embargo until"):
        workflow.publish_now(article=embargoed, user=editor)


def test_a_scheduled_story_can_be_published_at_once(editor):
    article = make_ready_article(published_at=timezone.now() + timedelta(days=1))
    workflow.publish_now(article=article, user=editor)
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_rules_are_checked_on_the_stored_story_not_a_stale_copy(editor):
    article = make_ready_article()
    stale = Article.objects.get(pk=article.pk)
    workflow.kill(article=article, user=editor, notice="Withdrawn.")
    with pytest.raises(workflow.EditorialError, match="Only a published or scheduled story"):
        workflow.unpublish(article=stale, user=editor)
    assert Article.objects.get(pk=article.pk).is_killed


def test_schedule_needs_a_future_time_after_any_embargo(editor):
    article = ready_draft(embargo_until=timezone.now() + timedelta(days=1))
    with pytest.raises(workflow.EditorialError, match="in the future"):
        workflow.schedule(article=article, user=editor, at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(workflow.EditorialError, match="under embargo"):
        workflow.schedule(article=article, user=editor, at=timezone.now() + timedelta(hours=1))
    at = timezone.now() + timedelta(days=2)
    outcome = workflow.schedule(article=article, user=editor, at=at)
    assert outcome.message.startswith("Scheduled for ")
    stored = Article.objects.get(pk=article.pk)
    assert (stored.state_label, stored.published_at) == ("Scheduled", at.replace(microsecond=0))


def test_unpublish_makes_a_live_story_a_draft_again(editor):
    article = make_ready_article()
    workflow.unpublish(article=article, user=editor)
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT
    assert history(article) == ["Unpublished."]
    with pytest.raises(workflow.EditorialError):
        workflow.unpublish(article=article, user=editor)


def test_reporter_submits_an_own_draft_and_can_take_it_back():
    author = make_author()
    reporter = make_user("Reporter", author=author)
    article = ready_draft(authors=[author])
    workflow.submit_for_review(article=article, user=reporter)
    assert Article.objects.get(pk=article.pk).status == Article.Status.REVIEW
    with pytest.raises(workflow.EditorialError, match="Only a draft"):
        workflow.submit_for_review(article=article, user=make_user("Editor"))
    workflow.return_to_draft(article=article, user=reporter)
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT
    assert history(article) == ["Submitted for review.", "Returned to draft."]


def test_a_reporter_cannot_submit_or_recall_someone_elses_story():
    reporter = make_user("Reporter", author=make_author())
    article = ready_draft()
    with pytest.raises(workflow.NotAllowed):
        workflow.submit_for_review(article=article, user=reporter)
    workflow.submit_for_review(article=article, user=make_user("Editor"))
    with pytest.raises(workflow.NotAllowed):
        workflow.return_to_draft(article=article, user=reporter)


def test_kill_needs_a_notice_and_a_live_story(editor):
    with pytest.raises(workflow.EditorialError, match="Only a live story"):
        workflow.kill(article=ready_draft(), user=editor, notice="Withdrawn.")
    article = make_ready_article()
    with pytest.raises(workflow.EditorialError, match="Write the notice"):
        workflow.kill(article=article, user=editor, notice="  ")
    workflow.kill(article=article, user=editor, notice="Withdrawn for legal reasons.")
    stored = Article.objects.get(pk=article.pk)
    assert (stored.is_killed, stored.kill_notice) == (True, "Withdrawn for legal reasons.")
    assert stored.killed_at is not None
    assert history(article) == ["Killed: Withdrawn for legal reasons."]


def test_trash_and_restore_need_the_delete_permission(editor):
    article = make_ready_article()
    with pytest.raises(workflow.NotAllowed):
        workflow.move_to_trash(article=article, user=make_user("Reporter"))
    workflow.move_to_trash(article=article, user=editor)
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert Article.objects.trashed().filter(pk=article.pk).exists()
    with pytest.raises(workflow.EditorialError, match="already in the trash"):
        workflow.move_to_trash(article=article, user=editor)
    with pytest.raises(workflow.EditorialError, match="trash first"):
        workflow.publish_now(article=Article.objects.get(pk=article.pk), user=editor)
    workflow.restore_from_trash(article=article, user=editor)
    assert Article.objects.published().filter(pk=article.pk).exists()
    assert history(article) == ["Moved to the trash.", "Restored from the trash."]


def test_restoring_a_revision_keeps_the_workflow_state(editor):
    with reversion.create_revision():
        article = make_ready_article(headline="First")
    version = Version.objects.get_for_object(article).get()
    article.headline = "Second"
    article.save()
    workflow.kill(article=article, user=editor, notice="Withdrawn.")
    outcome = workflow.restore_revision(article=article, version=version, user=editor)
    stored = Article.objects.get(pk=article.pk)
    assert (stored.headline, stored.is_killed) == ("First", True)
    assert outcome.message.startswith("Restored the revision of ")


def test_restoring_a_revision_without_a_byline_is_refused_for_a_live_story(editor):
    with reversion.create_revision():
        article = make_ready_article()
    Byline.objects.filter(article=article).delete()
    with reversion.create_revision():
        article.save()
    bare = Version.objects.get_for_object(article).first()
    Byline.objects.create(article=article, author=make_author())
    with pytest.raises(workflow.EditorialError, match="Add at least one byline"):
        workflow.restore_revision(article=article, version=bare, user=editor)
    assert article.bylines.count() == 1


def test_a_correction_is_appended_and_moves_the_updated_time_of_a_live_story(editor):
    article = make_ready_article()
    note = workflow.append_correction(article=article, user=editor, text=" The district was Podil. ")
    assert (note.text, note.kind, note.created_by) == ("The district was Podil.", "correction", editor)
    assert Article.objects.get(pk=article.pk).updated_at == note.created_at
    assert history(article) == ["Correction appended: The district was Podil."]
    with pytest.raises(workflow.EditorialError):
        workflow.append_correction(article=article, user=editor, text="")
    with pytest.raises(workflow.EditorialError):
        workflow.append_correction(article=article, user=editor, text="x", kind="rumour")
    with pytest.raises(workflow.NotAllowed):
        workflow.append_correction(article=article, user=make_user("Reporter"), text="x")
    assert Correction.objects.count() == 1


def test_a_live_story_cannot_be_saved_without_what_it_needed_to_go_live(editor):
    article = make_ready_article()
    article.summary = ""
    with pytest.raises(workflow.EditorialError, match="Write a summary"):
        workflow.save_changes(article=article, user=editor)
    article.summary = "Back."
    assert readiness.live_edit_problems(article, byline_count=0) == ["Add at least one byline."]
    workflow.save_changes(article=article, user=editor, substantive_update=True)
    assert Article.objects.get(pk=article.pk).updated_at is not None


def test_a_draft_may_be_saved_unfinished(editor):
    article = make_article(status=Article.Status.DRAFT, published_at=None, summary="")
    workflow.save_changes(article=article, user=editor)
    assert Article.objects.get(pk=article.pk).updated_at is None


def test_a_scheduled_story_cannot_be_killed(editor, client):
    """Its address must stay a 404 until its time, not turn into a 410 with the notice."""
    scheduled = make_ready_article(published_at=timezone.now() + timedelta(hours=3))
    with pytest.raises(workflow.EditorialError, match="Only a live story"):
        workflow.kill(article=scheduled, user=editor, notice="Withdrawn.")
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_the_admin_offers_no_kill_for_a_scheduled_story(editor, client):
    scheduled = make_ready_article(published_at=timezone.now() + timedelta(hours=3))
    client.force_login(editor)
    assert "Kill…" not in client.get(change_url(scheduled)).content.decode()
    assert client.get(f"{change_url(scheduled)}kill/").status_code == 404
