"""What drafts, scheduled stories and inactive authors must not reveal to readers or to staff who may
not see them."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from feed.models import Correction
from feed.pagination import encode_cursor
from tests.factories import change_url, make_article, make_author, make_related_link, make_section, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_stories():
    """A draft and a story scheduled for tomorrow, each with its own tag and only author."""
    section = make_section()
    draft_author = make_author(name="Draft Only", slug="draft-only", is_active=False)
    make_article(section=section, status="draft", published_at=None, tags=["Secret plan"], authors=[draft_author])
    scheduled_author = make_author(name="Scheduled Only", slug="scheduled-only")
    make_article(
        section=section,
        published_at=timezone.now() + timedelta(days=1),
        tags=["Tomorrow's news"],
        authors=[scheduled_author],
    )
    return make_article(section=section, tags=["Public"])


@pytest.mark.parametrize("slug", ["secret-plan", "tomorrows-news"])
def test_a_tag_only_hidden_stories_use_is_404_with_any_cursor(client, hidden_stories, slug):
    for query in ["", "?before=1-1", f"?before={encode_cursor(hidden_stories)}"]:
        assert client.get(f"/tags/{slug}/{query}").status_code == 404, query


@pytest.mark.parametrize("slug", ["draft-only", "scheduled-only"])
def test_an_author_only_on_hidden_stories_has_no_public_page_or_feed(client, hidden_stories, slug):
    for suffix in ["", "?before=1-1", f"?before={encode_cursor(hidden_stories)}", "rss/", "atom/"]:
        assert client.get(f"/authors/{slug}/{suffix}").status_code == 404, suffix


def test_the_search_form_lists_only_active_authors_with_published_stories(client, hidden_stories):
    make_author(name="Gone Reporter", slug="gone", is_active=False)
    page = client.get("/search/").content.decode()
    assert "Draft Only" not in page
    assert "Scheduled Only" not in page
    assert "Gone Reporter" not in page
    assert "Draft Only" not in client.get("/search/?author=draft-only").content.decode()


def test_an_older_page_of_a_public_tag_may_be_empty(client, hidden_stories):
    assert client.get(f"/tags/public/?before={encode_cursor(hidden_stories)}").status_code == 200


def shortcut_address(obj):
    return f"/admin/r/{ContentType.objects.get_for_model(obj).pk}/{obj.pk}/"


@pytest.fixture
def embargoed_draft_correction():
    draft = make_article(
        status="draft", published_at=None, slug="minister-resigns", embargo_until=timezone.now() + timedelta(days=1)
    )
    return Correction.objects.create(article=draft, text="The minister's name was misspelt.")


@pytest.mark.parametrize("role", [None, "Reporter", "Bio manager"])
def test_admin_shortcut_does_not_lead_staff_to_a_story_they_may_not_see(client, embargoed_draft_correction, role):
    client.force_login(make_user(role))
    for obj in [embargoed_draft_correction, embargoed_draft_correction.article]:
        response = client.get(shortcut_address(obj))
        assert response.status_code == 404, obj
        assert "minister-resigns" not in response.get("Location", "")


def test_admin_shortcut_still_leads_an_editor_to_the_story(client, embargoed_draft_correction):
    client.force_login(make_user("Editor"))
    response = client.get(shortcut_address(embargoed_draft_correction))
    assert response.status_code == 302
    assert "minister-resigns" in response["Location"]


def test_a_reporters_read_only_story_does_not_list_hidden_related_stories(client):
    reporter = make_user("Reporter")
    published = make_article(headline="Published story")
    hidden = {
        "Someone else's draft": make_article(headline="Someone else's draft", status="draft", published_at=None),
        "Tomorrow's scoop": make_article(headline="Tomorrow's scoop", published_at=timezone.now() + timedelta(days=1)),
        "Binned story": make_article(headline="Binned story", deleted_at=timezone.now()),
    }
    for target in [*hidden.values(), make_article(headline="Another live story")]:
        make_related_link(article=published, target=target)
    client.force_login(reporter)
    page = client.get(change_url(published)).content.decode()
    assert "Another live story" in page
    for headline, story in hidden.items():
        assert headline not in page and headline.replace("'", "&#x27;") not in page
        assert change_url(story) not in page
