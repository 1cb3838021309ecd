"""An update's own, shareable page (/live/<slug>/updates/<id>/)."""

import json
import re

import pytest

from feed import workflow
from live import services
from tests.factories import make_photo, make_ready_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0


def post(story, user, **kw):
    kw.setdefault("body", "<p>Air defence is working over the capital.</p>")
    return services.post_update(article=story, user=user, **kw)


def meta_content(html, attribute, name):
    return re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html).group(1)


def test_the_update_page_has_the_update_its_open_graph_and_a_link_to_the_story(client, live_story, live_reporter):
    photo = make_photo(caption="Firefighters at work")
    update = post(
        live_story, live_reporter, headline="Fire on the left bank", photo=photo, body="<p>Crews are there.</p>"
    )
    response = client.get(update.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="update-{update.pk}"' in html and "Crews are there." in html
    assert meta_content(html, "property", "og:title") == "Fire on the left bank"
    assert meta_content(html, "property", "og:description") == "Crews are there."
    assert meta_content(html, "property", "og:url") == f"http://testserver{update.get_absolute_url()}"
    assert f"/renditions/{photo.pk}/social-" in meta_content(html, "property", "og:image")
    assert f'href="{update.anchor_url}"' in html and "Follow the live coverage" in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "BlogPosting" and data["headline"] == "Fire on the left bank"
    assert [author["name"] for author in data["author"]] == ["Taras Reporter"]


def test_without_its_own_headline_and_photo_an_update_page_takes_the_story_s(client, live_story, editor):
    update = post(live_story, editor, body="<p>Quiet for the moment.</p>")
    html = client.get(update.get_absolute_url()).content.decode()
    assert meta_content(html, "property", "og:title") == live_story.headline
    assert meta_content(html, "property", "og:description") == "Quiet for the moment."
    assert f"/renditions/{live_story.lead_photo_id}/social-" in meta_content(html, "property", "og:image")


def test_a_deleted_update_page_is_404(client, live_story, editor):
    update = post(live_story, editor)
    services.delete_update(update=update, user=editor)
    assert client.get(update.get_absolute_url()).status_code == 404


def test_an_update_of_another_story_is_404(client, live_story, editor):
    other = make_ready_article(live_coverage=True, slug="other-live")
    update = post(other, editor)
    assert client.get(f"/live/{live_story.slug}/updates/{update.pk}/").status_code == 404


def test_a_killed_story_s_update_page_is_410(client, live_story, editor):
    update = post(live_story, editor)
    workflow.kill(article=live_story, user=editor, notice="Withdrawn.")
    assert client.get(update.get_absolute_url()).status_code == 410
