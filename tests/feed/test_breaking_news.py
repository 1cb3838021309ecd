"""Breaking news: a story marked Breaking may go live before it has a photo, and reads well without one."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from feed import readiness, workflow
from feed.models import Article
from tests.factories import article_form_data, change_url, make_article, make_draft, make_photo, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return make_user("Editor")


def test_a_breaking_story_needs_no_lead_photo_to_go_live(editor):
    story = make_draft(lead_photo=None, is_breaking=True)
    assert readiness.going_live_problems(story, at=timezone.now()) == []
    workflow.publish_now(article=story, user=editor)
    assert Article.objects.published().filter(pk=story.pk).exists()


def test_any_other_story_still_needs_one():
    story = make_draft(lead_photo=None)
    assert readiness.going_live_problems(story, at=timezone.now()) == ["Choose a lead photo."]


def test_a_breaking_story_still_needs_everything_else():
    story = make_draft(lead_photo=make_photo(alt_text="  "), is_breaking=True, summary="", authors=[])
    assert readiness.going_live_problems(story, at=timezone.now()) == [
        "Write a summary.",
        f"The photo “{story.lead_photo}” needs alt text.",
        "Add at least one byline.",
    ]


def test_an_editor_ticks_breaking_and_publishes_from_the_form_with_no_photo(editor):
    story = make_draft(lead_photo=None)
    client = Client()
    client.force_login(editor)
    data = article_form_data(story, is_breaking="on", _publish="Publish now")
    assert client.post(change_url(story), data).status_code == 302
    story.refresh_from_db()
    assert story.is_breaking and story.is_published


def test_the_card_of_a_breaking_story_without_a_photo_is_text_only_with_a_breaking_label(client):
    make_article(headline="Explosions heard in Kyiv", is_breaking=True)
    card = BeautifulSoup(client.get("/").content, "html.parser").select_one("article.card")
    assert card["class"] == ["card", "card--text", "card--breaking"]
    assert card.select_one(".card__media") is None
    assert card.select_one(".eyebrow .breaking-label").get_text() == "Breaking"
    assert card.select_one(".card__headline").get_text(strip=True) == "Explosions heard in Kyiv"


def test_a_breaking_story_with_a_photo_keeps_it_on_its_card(client):
    make_article(is_breaking=True, lead_photo=make_photo())
    card = BeautifulSoup(client.get("/").content, "html.parser").select_one("article.card")
    assert card["class"] == ["card", "card--breaking"]
    assert card.select_one(".card__media img") is not None


def test_the_article_page_of_a_breaking_story_without_a_photo_is_text_only_with_the_label(client):
    story = make_article(headline="Explosions heard in Kyiv", is_breaking=True)
    page = BeautifulSoup(client.get(story.get_absolute_url()).content, "html.parser")
    article = page.select_one("article.story")
    assert article["class"] == ["story", "story--text", "story--breaking"]
    assert article.select_one(".story__lead") is None
    assert article.select_one(".story__header .breaking-label").get_text() == "Breaking"


def test_a_story_that_is_not_breaking_has_no_label(client):
    story = make_article(lead_photo=make_photo())
    assert "breaking-label" not in client.get(story.get_absolute_url()).content.decode()
    assert "breaking-label" not in client.get("/").content.decode()


def test_breaking_cards_cost_no_query_each(client, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured)

    make_article(is_breaking=True)
    few = queries()
    for minutes in range(1, 10):
        make_article(is_breaking=True, published_at=timezone.now() - timedelta(minutes=minutes))
    assert queries() == few
