"""Nothing readers cannot see leaks through the API: drafts, stories in review, scheduled, embargoed,
killed and trashed stories are 404 and absent from every list; the change feed shows a story readers
could see and no longer can as a tombstone, and never one they did not see."""

from datetime import datetime, timedelta
from urllib.parse import quote

import pytest
from django.utils import timezone

from feed import workflow
from tests.factories import make_article, make_author, make_ready_article, make_section, make_user

pytestmark = pytest.mark.django_db

LATER = timedelta(days=1)


def hidden(kind, **kw):
    now = timezone.now()
    kw.setdefault("authors", [make_author(slug=f"only-{kind.replace(' ', '-')}")])
    kw.setdefault("tags", [f"only {kind}"])
    states = {
        "draft": {"status": "draft", "published_at": None},
        "review": {"status": "review", "published_at": None},
        "scheduled": {"published_at": now + LATER},
        "embargoed": {"published_at": now + LATER, "embargo_until": now + LATER},
        "embargoed draft": {"status": "draft", "published_at": None, "embargo_until": now + LATER},
        "killed": {"status": "killed", "killed_at": now, "kill_notice": "Withdrawn."},
        "trashed": {"deleted_at": now},
    }
    return make_article(**states[kind], **kw)


KINDS = ["draft", "review", "scheduled", "embargoed", "embargoed draft", "killed", "trashed"]


@pytest.fixture
def public():
    return make_article(section=make_section(slug="world"), tags=["public"], authors=[make_author(slug="public")])


def listed_ids(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


@pytest.mark.parametrize("kind", KINDS)
def test_an_unpublished_story_is_a_404(client, public, kind):
    story = hidden(kind, section=public.section)
    assert client.get(f"/api/stories/{story.pk}/").status_code == 404
    assert client.get(f"/api/stories/{public.pk}/").status_code == 200


@pytest.mark.parametrize("kind", KINDS)
def test_an_unpublished_story_is_in_no_list(client, public, kind):
    story = hidden(kind, section=public.section)
    for url in ["/api/stories/", "/api/stories/?section=world", "/api/stories/?limit=50"]:
        assert listed_ids(client, url) == {public.pk}, url
    changes = client.get("/api/changes/?updated_since=2000-01-01T00:00:00Z").json()["items"]
    assert [(item["id"], item["deleted"]) for item in changes] == [(public.pk, False)]
    assert story.pk not in {item["id"] for item in changes}


@pytest.mark.parametrize("kind", KINDS)
def test_the_topics_and_authors_of_unpublished_stories_stay_unknown(client, public, kind):
    hidden(kind, section=public.section)
    slug = f"only-{kind.replace(' ', '-')}"
    assert client.get(f"/api/stories/?tag={slug}").status_code == 404
    assert client.get(f"/api/stories/?author={slug}").status_code == 404
    assert {item["slug"] for item in client.get("/api/tags/").json()["items"]} == {"public"}
    assert {item["slug"] for item in client.get("/api/authors/").json()["items"]} == {"public"}


def take_down(story, how, editor):
    if how == "killed":
        workflow.kill(article=story, user=editor, notice="Withdrawn.")
    elif how == "unpublished":
        workflow.unpublish(article=story, user=editor)
    elif how == "scheduled again":
        workflow.schedule(article=story, user=editor, at=timezone.now() + LATER)
    elif how == "embargoed again":
        story.published_at = story.embargo_until = timezone.now() + LATER
        workflow.save_changes(article=story, user=editor)
    elif how == "trashed":
        workflow.move_to_trash(article=story, user=editor)
    elif how == "deleted":
        story.delete()


TAKEN_DOWN = {
    "killed": "killed",
    "unpublished": "unpublished",
    "scheduled again": "unpublished",
    "embargoed again": "unpublished",
    "trashed": "trashed",
    "deleted": "deleted",
}


@pytest.mark.parametrize("how", TAKEN_DOWN)
def test_a_story_readers_could_see_and_no_longer_can_is_a_tombstone(
    client, public, how, django_capture_on_commit_callbacks
):
    editor = make_user("Editor")
    story = make_ready_article(section=public.section)
    story_id, since = story.pk, timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        take_down(story, how, editor)
    assert client.get(f"/api/stories/{story_id}/").status_code == 404
    assert listed_ids(client, "/api/stories/?limit=50") == {public.pk}
    changes = client.get(f"/api/changes/?updated_since={quote(since.isoformat())}").json()["items"]
    [tombstone] = changes
    assert tombstone == {
        "id": story_id,
        "deleted": True,
        "reason": TAKEN_DOWN[how],
        "killed_at": tombstone["changed_at"] if how == "killed" else None,
        "changed_at": tombstone["changed_at"],
    }
    assert datetime.fromisoformat(tombstone["changed_at"]) >= since


@pytest.mark.parametrize("how", ["unpublished", "trashed", "deleted"])
def test_a_story_readers_never_saw_leaves_no_tombstone(client, public, how, django_capture_on_commit_callbacks):
    editor = make_user("Editor")
    scheduled = make_ready_article(section=public.section, published_at=timezone.now() + LATER)
    draft = make_ready_article(section=public.section, status="draft", published_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        if how == "unpublished":
            workflow.unpublish(article=scheduled, user=editor)
            workflow.move_to_trash(article=draft, user=editor)
        else:
            take_down(scheduled, how, editor)
            take_down(draft, how, editor)
    changes = client.get("/api/changes/?updated_since=2000-01-01T00:00:00Z").json()["items"]
    assert [(item["id"], item["deleted"]) for item in changes] == [(public.pk, False)]


def test_a_story_back_on_the_site_is_listed_again_instead_of_its_tombstone(
    client, public, django_capture_on_commit_callbacks
):
    editor = make_user("Editor")
    story = make_ready_article(section=public.section)
    since = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.move_to_trash(article=story, user=editor)
    [tombstone] = client.get(f"/api/changes/?updated_since={quote(since.isoformat())}").json()["items"]
    assert (tombstone["id"], tombstone["deleted"]) == (story.pk, True)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.restore_from_trash(article=story, user=editor)
    [item] = client.get(f"/api/changes/?updated_since={quote(since.isoformat())}").json()["items"]
    assert (item["id"], item["deleted"]) == (story.pk, False)
    assert client.get(f"/api/stories/{story.pk}/").status_code == 200
