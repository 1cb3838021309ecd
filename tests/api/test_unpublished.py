"""Nothing readers cannot see leaks through the API: drafts, stories in review, scheduled, embargoed,
killed and trashed stories are 404 and absent from every list; the change feed shows kills as tombstones."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_article, make_author, make_section

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
    shown = [item for item in changes if not item["deleted"]]
    assert [item["id"] for item in shown] == [public.pk]
    if kind != "killed":
        assert story.pk not in {item["id"] for item in changes}


@pytest.mark.parametrize("kind", KINDS)
def test_the_topics_and_authors_of_unpublished_stories_stay_unknown(client, public, kind):
    hidden(kind, section=public.section)
    slug = f"only-{kind.replace(' ', '-')}"
    assert client.get(f"/api/stories/?tag={slug}").status_code == 404
    assert client.get(f"/api/stories/?author={slug}").status_code == 404
    assert {item["slug"] for item in client.get("/api/tags/").json()["items"]} == {"public"}
    assert {item["slug"] for item in client.get("/api/authors/").json()["items"]} == {"public"}


def test_a_killed_story_is_a_tombstone_in_the_change_feed(client, public):
    story = hidden("killed", section=public.section)
    changes = client.get("/api/changes/?updated_since=2000-01-01T00:00:00Z").json()["items"]
    [tombstone] = [item for item in changes if item["deleted"]]
    assert tombstone["id"] == story.pk
    assert tombstone["killed_at"]
    assert set(tombstone) == {"id", "deleted", "killed_at", "changed_at"}
