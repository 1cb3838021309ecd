"""The reader's live page (/live/<slug>/): what it shows, in which order, and what it answers for
stories that are not (or no longer) live coverage."""

import json
import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from feed import workflow
from feed.models import Article
from live import services
from live.models import LiveUpdate, UpdateCorrection
from tests.factories import make_article, make_author, make_photo

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0


def post(story, user, **kw):
    kw.setdefault("body", "<p>Air defence is working over the capital.</p>")
    return services.post_update(article=story, user=user, **kw)


def page_text(response):
    return response.content.decode()


def stream_ids(html):
    return [int(pk) for pk in re.findall(r'<article class="live-update[^"]*" id="update-(\d+)"', html)]


def json_ld(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def test_the_page_shows_the_story_and_its_updates_newest_first(client, live_story, editor, live_reporter):
    first = post(live_story, editor, headline="Sirens across the city")
    second = post(live_story, live_reporter, body="<p>Metro stations open as shelters.</p>")
    response = client.get(f"/live/{live_story.slug}/")
    html = page_text(response)
    assert response.status_code == 200
    assert "Strikes on Kyiv overnight" in html
    assert '<span class="live-label">Live</span>' in html
    assert "Reporting: <a" in html and "Taras Reporter" in html
    assert live_story.summary in html
    assert stream_ids(html) == [second.pk, first.pk]
    assert "Sirens across the city" in html and "Metro stations open as shelters." in html
    assert f'href="/live/{live_story.slug}/updates/{first.pk}/"' in html
    assert f'href="/live/{live_story.slug}/#update-{first.pk}"' in html
    assert f'data-live-poll="/live/{live_story.slug}/poll/"' in html


def test_key_points_link_to_the_pinned_updates(client, live_story, editor):
    pinned = post(live_story, editor, headline="Two districts without power", pinned=True)
    post(live_story, editor, body="<p>Not a key point.</p>")
    html = page_text(client.get(f"/live/{live_story.slug}/"))
    box = html.split('<section class="key-points"')[1].split("</section>")[0]
    assert f'href="#update-{pinned.pk}"' in box and "Two districts without power" in box
    assert "Not a key point." not in box


def test_no_key_points_box_without_pinned_updates(client, live_story, editor):
    post(live_story, editor)
    assert "Key points" not in page_text(client.get(f"/live/{live_story.slug}/"))


def test_an_update_shows_its_photo_credit_linked_story_edit_and_correction(client, live_story, editor):
    photo = make_photo(caption="Smoke over the left bank")
    linked = make_article(headline="What we know about the attack", summary="The background.")
    update = post(live_story, editor, photo=photo, linked_story=linked)
    services.edit_update(
        update=update, user=editor, body="<p>Three districts hit.</p>", photo=photo, linked_story=linked
    )
    services.correct_update(update=update, user=editor, text="It was three districts, not two.")
    html = page_text(client.get(f"/live/{live_story.slug}/"))
    assert "Smoke over the left bank" in html and "(Photo: " in html
    assert "What we know about the attack" in html and linked.get_absolute_url() in html
    assert "Edited <time" in html
    assert "It was three districts, not two." in html


def test_an_unpublished_linked_story_has_no_teaser(client, live_story, editor):
    linked = make_article(headline="Still a draft", status="draft", published_at=None)
    post(live_story, editor, linked_story=linked)
    assert "Still a draft" not in page_text(client.get(f"/live/{live_story.slug}/"))


def test_show_more_pages_by_update_cursor(client, live_story, editor):
    updates = [post(live_story, editor, body=f"<p>Update number {n}.</p>") for n in range(23)]
    html = page_text(client.get(f"/live/{live_story.slug}/"))
    assert stream_ids(html) == [update.pk for update in reversed(updates[3:])]
    link = re.search(r'<a class="show-more" data-show-more href="([^"]+)"', html).group(1)
    assert link == f"/live/{live_story.slug}/?before={updates[3].pk}"
    older = page_text(client.get(link))
    assert stream_ids(older) == [update.pk for update in reversed(updates[:3])]
    assert "show-more" not in older
    assert "Key points" not in older and "data-live-poll" not in older


@pytest.mark.parametrize("cursor", ["abc", "-1", "0", "1.5", "9" * 40, ""])
def test_a_malformed_cursor_is_400(client, live_story, cursor):
    assert client.get(f"/live/{live_story.slug}/", {"before": cursor}).status_code == 400


def test_a_deleted_update_is_gone_from_the_page_and_its_json_ld(client, live_story, editor):
    kept = post(live_story, editor, body="<p>Kept update.</p>")
    gone = post(live_story, editor, body="<p>Posted by mistake.</p>", pinned=True)
    services.delete_update(update=gone, user=editor)
    html = page_text(client.get(f"/live/{live_story.slug}/"))
    assert "Posted by mistake." not in html
    assert stream_ids(html) == [kept.pk]
    urls = [entry["url"] for entry in json_ld(html)["liveBlogUpdate"]]
    assert urls == [f"http://testserver/live/{live_story.slug}/updates/{kept.pk}/"]


def test_json_ld_is_a_live_blog_posting(client, live_story, live_reporter):
    update = post(live_story, live_reporter, headline="Sirens", body="<p>Air raid alert &amp; sirens.</p>")
    data = json_ld(page_text(client.get(f"/live/{live_story.slug}/")))
    live_story.refresh_from_db()
    assert data["@type"] == "LiveBlogPosting"
    assert data["coverageStartTime"] == timezone.localtime(live_story.published_at).isoformat(timespec="seconds")
    assert "coverageEndTime" not in data
    assert data["dateModified"] == timezone.localtime(live_story.updated_at).isoformat(timespec="seconds")
    [entry] = data["liveBlogUpdate"]
    assert entry["@type"] == "BlogPosting"
    assert entry["headline"] == "Sirens"
    assert entry["articleBody"] == "Air raid alert & sirens."
    assert entry["url"] == f"http://testserver{update.get_absolute_url()}"
    assert [author["name"] for author in entry["author"]] == ["Taras Reporter"]


def test_ended_coverage_says_when_and_has_an_end_time(client, live_story, editor):
    post(live_story, editor)
    workflow.end_coverage(article=live_story, user=editor)
    live_story.refresh_from_db()
    html = page_text(client.get(f"/live/{live_story.slug}/"))
    ended = timezone.localtime(live_story.coverage_ended_at)
    assert f'Coverage ended at <time datetime="{ended.replace(microsecond=0).isoformat()}">{ended:%H:%M}</time>' in html
    assert '<span class="live-label">' not in html
    assert "data-live-poll" not in html
    assert json_ld(html)["coverageEndTime"] == ended.isoformat(timespec="seconds")


def test_a_killed_live_story_is_410_with_its_notice(client, live_story, editor):
    post(live_story, editor)
    workflow.kill(article=live_story, user=editor, notice="Withdrawn: the reports were wrong.")
    response = client.get(f"/live/{live_story.slug}/")
    assert response.status_code == 410
    assert "Withdrawn: the reports were wrong." in page_text(response)


@pytest.mark.parametrize(
    "state",
    [
        {"status": "draft", "published_at": None},
        {"published_at": timezone.now() + timedelta(hours=2)},
        {"deleted_at": timezone.now()},
    ],
    ids=["draft", "scheduled", "trashed"],
)
def test_unpublished_live_stories_are_404(client, state):
    make_article(slug="not-out", live_coverage=True, **state)
    assert client.get("/live/not-out/").status_code == 404
    assert client.get("/live/not-out/poll/").status_code == 404


def test_a_story_that_is_not_live_redirects_to_its_article_page(client):
    article = make_article(slug="plain-story")
    response = client.get("/live/plain-story/")
    assert response.status_code == 302 and response["Location"] == article.get_absolute_url() == "/news/plain-story/"


def test_the_article_address_of_a_live_story_redirects_to_the_live_page(client, live_story):
    response = client.get(f"/news/{live_story.slug}/")
    assert response.status_code == 302 and response["Location"] == f"/live/{live_story.slug}/"


def test_an_unknown_live_story_is_404(client):
    assert client.get("/live/nothing-here/").status_code == 404


def test_the_feed_card_says_live_and_the_time_of_the_latest_update(client, live_story, editor):
    post(live_story, editor)
    live_story.refresh_from_db()
    html = page_text(client.get("/"))
    [card] = [card for card in html.split('<article class="card')[1:] if live_story.headline in card]
    assert "card--live" in card and '<span class="live-label">Live</span>' in card
    assert f'href="/live/{live_story.slug}/"' in card
    latest = timezone.localtime(live_story.updated_at).replace(microsecond=0).isoformat()
    assert f'Latest update <time datetime="{latest}">' in card
    workflow.end_coverage(article=live_story, user=editor)
    assert "live-label" not in page_text(client.get("/"))


def make_updates(story, count, author):
    """`count` updates straight into the table (the services' history is not what is counted here),
    every third with a photo, every fifth pinned, each with an author and a correction."""
    photo = make_photo()
    updates = LiveUpdate.objects.bulk_create(
        LiveUpdate(
            story=story,
            body=f"<p>Update {n}.</p>",
            headline=f"Update {n}",
            photo=photo if n % 3 == 0 else None,
            linked_story=story if n % 7 == 0 else None,
            pinned=n % 5 == 0,
        )
        for n in range(count)
    )
    through = LiveUpdate.authors.through
    through.objects.bulk_create(through(liveupdate_id=update.pk, author_id=author.pk) for update in updates)
    UpdateCorrection.objects.bulk_create(UpdateCorrection(update=update, text="Fixed.") for update in updates)


def queries_for(client, url, django_assert_max_num_queries, budget):
    # Once a content generation the section menu is made (feed/fragments.py); counted here is every other request.
    client.get(url)
    with django_assert_max_num_queries(budget), CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_a_live_page_with_10_or_300_updates_runs_the_same_number_of_queries(
    client, live_story, django_assert_max_num_queries
):
    author = make_author()
    make_updates(live_story, 10, author)
    # The story, its bylines, tags, corrections and related links; the updates, their authors and
    # corrections; the key points. The section menu comes from the cache.
    budget = 9
    few = [
        queries_for(client, url, django_assert_max_num_queries, budget)
        for url in (f"/live/{live_story.slug}/", f"/live/{live_story.slug}/poll/")
    ]
    make_updates(live_story, 290, author)
    oldest_shown = LiveUpdate.objects.shown()[19].pk
    many = [
        queries_for(client, url, django_assert_max_num_queries, budget)
        for url in (f"/live/{live_story.slug}/", f"/live/{live_story.slug}/poll/")
    ]
    assert few == many
    assert (
        queries_for(client, f"/live/{live_story.slug}/?before={oldest_shown}", django_assert_max_num_queries, budget)
        == many[0]
    )


def test_with_the_page_cache_on_a_posted_update_shows_on_the_next_request(
    client, settings, live_story, editor, django_assert_num_queries
):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    first = post(live_story, editor, body="<p>First update.</p>")
    url = f"/live/{live_story.slug}/"
    client.get(url)
    with django_assert_num_queries(0):  # served from the cache
        assert stream_ids(page_text(client.get(url))) == [first.pk]
    second = post(live_story, editor, body="<p>Second update.</p>")
    assert stream_ids(page_text(client.get(url))) == [second.pk, first.pk]
    assert "Second update." in page_text(client.get(second.get_absolute_url()))
    services.delete_update(update=second, user=editor)
    assert stream_ids(page_text(client.get(url))) == [first.pk]


def test_live_cards_cost_no_extra_queries_on_the_home_page(client, editor, django_assert_max_num_queries):
    def live_stories(count):
        for _ in range(count):
            story = make_article(live_coverage=True, lead_photo=make_photo())
            post(story, editor)

    live_stories(1)
    with CaptureQueriesContext(connection) as few:
        assert "live-label" in page_text(client.get("/"))
    live_stories(9)
    with django_assert_max_num_queries(len(few)):
        assert page_text(client.get("/")).count('<span class="live-label">') == 10


def test_an_update_from_a_later_day_than_the_start_shows_its_date(client, live_story, editor):
    same_day, next_day = post(live_story, editor), post(live_story, editor)
    # Noon two days ago: five minutes after the start is the same day whatever the time the test runs.
    started = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0) - timedelta(days=2)
    Article.objects.filter(pk=live_story.pk).update(published_at=started)
    LiveUpdate.objects.filter(pk=same_day.pk).update(posted_at=started + timedelta(minutes=5))
    LiveUpdate.objects.filter(pk=next_day.pk).update(posted_at=started + timedelta(days=1))
    html = page_text(client.get(f"/live/{live_story.slug}/"))
    later = started + timedelta(days=1)
    assert f">{later:%H:%M}, {later.day} {later:%b}</time>" in html
    assert f">{started + timedelta(minutes=5):%H:%M}</time>" in html


def test_a_live_story_s_former_slug_moves_for_good(client, live_story):
    old_slug = live_story.slug
    live_story.slug = "strikes-on-kyiv-and-kharkiv"
    live_story.save()
    response = client.get(f"/live/{old_slug}/")
    assert response.status_code == 301 and response["Location"] == "/live/strikes-on-kyiv-and-kharkiv/"


def test_the_live_page_advertises_its_updates_feeds(client, live_story, editor):
    services.post_update(article=live_story, user=editor, body="<p>Sirens.</p>")
    page = BeautifulSoup(client.get(live_story.get_absolute_url()).content, "html.parser")
    feeds = {link["type"]: link["href"] for link in page.select('link[rel="alternate"]')}
    assert feeds == {
        "application/rss+xml": f"/live/{live_story.slug}/rss/",
        "application/atom+xml": f"/live/{live_story.slug}/atom/",
    }
