"""The poll endpoint an open live page asks for new updates (/live/<slug>/poll/)."""

import pytest
from django.utils import timezone

from feed import workflow
from live import services
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def post(story, user, **kw):
    kw.setdefault("body", "<p>Air defence is working over the capital.</p>")
    return services.post_update(article=story, user=user, **kw)


def poll_url(story):
    return f"/live/{story.slug}/poll/"


@pytest.fixture(params=[0, 300], ids=["page cache off", "page cache on"])
def page_cache(request, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = request.param
    return request.param


def test_the_poll_answers_the_newest_20_updates_as_html_newest_first(client, live_story, editor, page_cache):
    updates = [post(live_story, editor, body=f"<p>Update number {n}.</p>") for n in range(22)]
    response = client.get(poll_url(live_story))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["ended"] is None
    assert [entry["id"] for entry in data["updates"]] == [update.pk for update in reversed(updates[2:])]
    newest = data["updates"][0]["html"]
    assert newest.startswith(f'<article class="live-update" id="update-{updates[-1].pk}"')
    assert "Update number 21." in newest and newest.rstrip().endswith("</article>")


def test_nothing_new_is_304_and_a_post_is_200_with_the_new_update(client, live_story, editor, page_cache):
    post(live_story, editor)
    first = client.get(poll_url(live_story))
    etag = first["ETag"]
    assert etag
    assert client.get(poll_url(live_story), HTTP_IF_NONE_MATCH=etag).status_code == 304
    update = post(live_story, editor, body="<p>A new update.</p>")
    again = client.get(poll_url(live_story), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200
    assert again["ETag"] != etag
    assert again.json()["updates"][0]["id"] == update.pk


def test_a_304_costs_one_small_query_and_nothing_from_the_page_cache(
    client, live_story, editor, settings, django_assert_num_queries
):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    post(live_story, editor)
    etag = client.get(poll_url(live_story))["ETag"]
    with django_assert_num_queries(1):
        assert client.get(poll_url(live_story), HTTP_IF_NONE_MATCH=etag).status_code == 304
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    client.get(poll_url(live_story))
    with django_assert_num_queries(0):
        assert client.get(poll_url(live_story), HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_after_the_cache_generation_ends_the_first_poll_refills_it_even_with_an_etag(
    client, live_story, editor, settings, django_assert_num_queries
):
    from feed.caching import content_changed

    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    post(live_story, editor)
    etag = client.get(poll_url(live_story))["ETag"]
    content_changed()  # something else on the site changed; this story did not
    assert client.get(poll_url(live_story), HTTP_IF_NONE_MATCH=etag).status_code == 304
    with django_assert_num_queries(0):
        assert client.get(poll_url(live_story), HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_deleted_update_leaves_the_poll(client, live_story, editor, page_cache):
    kept = post(live_story, editor)
    gone = post(live_story, editor, body="<p>Posted by mistake.</p>")
    assert client.get(poll_url(live_story)).json()["updates"][0]["id"] == gone.pk
    services.delete_update(update=gone, user=editor)
    data = client.get(poll_url(live_story)).json()
    assert [entry["id"] for entry in data["updates"]] == [kept.pk]
    assert "Posted by mistake." not in str(data)


def test_the_poll_says_when_the_coverage_ended(client, live_story, editor, page_cache):
    post(live_story, editor)
    etag = client.get(poll_url(live_story))["ETag"]
    workflow.end_coverage(article=live_story, user=editor)
    response = client.get(poll_url(live_story), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    live_story.refresh_from_db()
    assert response.json()["ended"] == timezone.localtime(live_story.coverage_ended_at).isoformat(timespec="seconds")


def test_a_killed_live_story_is_410_on_the_poll(client, live_story, editor, page_cache):
    post(live_story, editor)
    etag = client.get(poll_url(live_story))["ETag"]
    workflow.kill(article=live_story, user=editor, notice="Withdrawn.")
    assert client.get(poll_url(live_story), HTTP_IF_NONE_MATCH=etag).status_code == 410


def test_a_story_that_is_not_live_has_no_poll(client, page_cache):
    make_article(slug="plain-story")
    assert client.get("/live/plain-story/poll/").status_code == 404


def test_shared_caches_hold_a_poll_answer_one_second_and_pages_their_minute(client, live_story, editor, settings):
    settings.NEWSROOM_CDN_MAX_AGE = 60
    post(live_story, editor)
    poll_control = client.get(f"/live/{live_story.slug}/poll/")["Cache-Control"]
    page_control = client.get(f"/live/{live_story.slug}/")["Cache-Control"]
    assert "s-maxage=1" in poll_control and "max-age=0" in poll_control
    assert "s-maxage=60" in page_control
