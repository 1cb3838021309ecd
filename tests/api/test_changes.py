"""GET /api/changes/?updated_since=: published stories changed since a time, killed ones as tombstones,
oldest change first, in pages."""

from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest
from django.utils import timezone

from feed import workflow
from feed.models import Article
from tests.factories import make_article, make_ready_article, make_user

pytestmark = pytest.mark.django_db


def changes(client, since, **query):
    url = f"/api/changes/?updated_since={quote(since.isoformat())}"
    url += "".join(f"&{name}={value}" for name, value in query.items())
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


def test_only_stories_changed_since_the_time_are_listed(client):
    old = make_article(published_at=timezone.now() - timedelta(days=3))
    Article.objects.filter(pk=old.pk).update(modified_at=timezone.now() - timedelta(days=2))
    story = make_article()
    since = timezone.now() - timedelta(days=1)
    assert [item["id"] for item in changes(client, since)["items"]] == [story.pk]


def test_a_scheduled_story_changes_when_it_goes_live(client):
    """Saved long before its time: a client that polled in between must still hear of it."""
    now = timezone.now()
    story = make_article(published_at=now - timedelta(minutes=1))
    Article.objects.filter(pk=story.pk).update(modified_at=now - timedelta(days=1))
    [item] = changes(client, now - timedelta(minutes=5))["items"]
    assert item["id"] == story.pk
    assert datetime.fromisoformat(item["changed_at"]) == story.published_at


def test_a_kill_through_the_workflow_is_a_tombstone(client, django_capture_on_commit_callbacks):
    editor = make_user("Editor")
    story = make_ready_article()
    since = timezone.now()
    assert [item["deleted"] for item in changes(client, since)["items"]] == []
    with django_capture_on_commit_callbacks(execute=True):
        workflow.kill(article=story, user=editor, notice="Withdrawn for legal reasons.")
    [tombstone] = changes(client, since)["items"]
    assert tombstone == {
        "id": story.pk,
        "deleted": True,
        "reason": "killed",
        "killed_at": tombstone["killed_at"],
        "changed_at": tombstone["changed_at"],
    }
    assert datetime.fromisoformat(tombstone["killed_at"]) == Article.objects.get(pk=story.pk).killed_at


def test_stories_and_tombstones_page_together_oldest_first(client, django_capture_on_commit_callbacks):
    editor = make_user("Editor")
    since = timezone.now() - timedelta(minutes=1)
    first, second, third = make_ready_article(), make_ready_article(), make_ready_article()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(article=first, user=editor)
    fourth = make_article()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.kill(article=third, user=editor, notice="Withdrawn.")
    seen, page = [], changes(client, since, limit=1)
    while True:
        seen += [(item["id"], item["deleted"]) for item in page["items"]]
        if page["next"] is None:
            break
        page = client.get(page["next"]).json()
    assert seen == [(second.pk, False), (first.pk, True), (fourth.pk, False), (third.pk, True)]


def test_an_edit_lists_the_story_again(client):
    story = make_article()
    since = timezone.now()
    assert changes(client, since)["items"] == []
    story.summary = "A new summary."
    story.save()
    [item] = changes(client, since)["items"]
    assert (item["id"], item["summary"], item["deleted"]) == (story.pk, "A new summary.", False)


def test_changes_come_oldest_first_in_pages(client):
    since = timezone.now() - timedelta(minutes=1)
    stories = [make_article() for _ in range(5)]
    seen, page = [], changes(client, since, limit=2)
    while True:
        seen += [item["id"] for item in page["items"]]
        if page["next"] is None:
            break
        response = client.get(page["next"])
        assert response.status_code == 200
        page = response.json()
    assert seen == [story.pk for story in stories]


def test_a_time_without_an_offset_is_utc(client):
    story = make_article()
    naive = (timezone.now() - timedelta(minutes=1)).astimezone(UTC).replace(tzinfo=None)
    assert [item["id"] for item in changes(client, naive)["items"]] == [story.pk]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?updated_since=yesterday",
        "?updated_since=2026-13-01T00:00:00Z",
        "?updated_since=0001-01-01T00:00:00%2B05:00",
        "?updated_since=2026-01-01T00:00:00Z&cursor=junk",
        "?updated_since=2026-01-01T00:00:00Z&limit=500",
    ],
)
def test_bad_input_is_a_400(client, query):
    make_article()
    response = client.get(f"/api/changes/{query}")
    assert response.status_code == 400, response.content
    assert "detail" in response.json()
