from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feed.models import Article
from tests.factories import make_article, make_author, make_photo, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories():
    """One live story and two hidden ones sharing an author, a tag, a section and the video flag."""
    author = make_author(slug="reporter")
    section = make_section(slug="frontline")
    common = {"authors": [author], "tags": ["Kharkiv"], "section": section}
    video = {"video_url": "https://vimeo.com/123456", "video_poster": make_photo()}
    live = make_article(headline="Live story", **common, **video)
    draft = make_article(headline="Draft story", status=Article.Status.DRAFT, **common, **video)
    scheduled = make_article(
        headline="Scheduled story", published_at=timezone.now() + timedelta(hours=3), **common, **video
    )
    return live, draft, scheduled


def test_published_excludes_drafts_and_scheduled(stories):
    live, _, _ = stories
    assert list(Article.objects.published()) == [live]


@pytest.mark.parametrize("hidden", ["draft", "scheduled"])
def test_hidden_story_is_404_for_readers(client, stories, hidden):
    story = stories[1] if hidden == "draft" else stories[2]
    response = client.get(story.get_absolute_url())
    assert response.status_code == 404
    assert b"We couldn" in response.content


@pytest.mark.parametrize(
    "url",
    [
        reverse("feed:home"),
        reverse("feed:author", kwargs={"slug": "reporter"}),
        reverse("feed:tag", kwargs={"slug": "kharkiv"}),
        reverse("feed:section", kwargs={"slug": "frontline"}),
        reverse("feed:video"),
    ],
)
def test_lists_show_only_published_stories(client, stories, url):
    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Live story" in content
    assert "Draft story" not in content
    assert "Scheduled story" not in content


def test_hidden_stories_stay_out_of_the_article_page_lists(client, stories):
    live, _, _ = stories
    content = client.get(live.get_absolute_url()).content.decode()
    assert "Draft story" not in content
    assert "Scheduled story" not in content


def test_scheduled_story_appears_once_its_time_has_come(client, stories):
    _, _, scheduled = stories
    scheduled.published_at = timezone.now() - timedelta(seconds=1)
    scheduled.save()
    assert client.get(scheduled.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("url", ["/news/no-such-story/", "/authors/nobody/", "/tags/nothing/", "/section/none/"])
def test_unknown_slugs_are_404(client, url):
    assert client.get(url).status_code == 404
