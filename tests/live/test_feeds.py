"""RSS and Atom of a live story's updates (live/feeds.py), read with feedparser as a feed reader would."""

from datetime import UTC, datetime, timedelta
from urllib.parse import urljoin

import feedparser
import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from feed import workflow
from live import services
from live.feeds import FEED_SIZE
from live.models import LiveUpdate
from tests.factories import image_file, make_article, make_author, make_photo, make_ready_article

pytestmark = pytest.mark.django_db

KINDS = ["rss", "atom"]


def feed_url(story, kind):
    return f"/live/{story.slug}/{kind}/"


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def post(story, user, **kw):
    kw.setdefault("body", "<p>Air defence is working over the capital.</p>")
    return services.post_update(article=story, user=user, **kw)


def posted_at(update, moment):
    """Past posting times for a test; post_update always posts now."""
    LiveUpdate.objects.filter(pk=update.pk).update(posted_at=moment)
    update.refresh_from_db()
    return update


@pytest.mark.parametrize("kind", KINDS)
def test_entries_carry_what_an_update_shows(client, live_story, editor, kind):
    """Title, the update's own page, body HTML, authors, times and its photo with credit."""
    author = make_author(name="Iryna Tkachuk", slug="iryna")
    photo = make_photo(image=image_file(size=(1400, 800)), caption="Smoke over the left bank")
    update = post(
        live_story,
        editor,
        headline="Explosions heard in Kyiv",
        body="<p>Several <strong>loud blasts</strong> in the east of the city.</p>",
        photo=photo,
        authors=[author],
    )
    parsed = parse(client, feed_url(live_story, kind))
    assert parsed.version == ("rss20" if kind == "rss" else "atom10")
    assert parsed.feed.title == "Live: Strikes on Kyiv overnight · The Kyiv Ledger"
    assert parsed.feed.link == f"http://testserver/live/{live_story.slug}/"
    (entry,) = parsed.entries
    assert entry.title == "Explosions heard in Kyiv"
    assert entry.link == f"http://testserver/live/{live_story.slug}/updates/{update.pk}/"
    assert "<strong>loud blasts</strong>" in entry.summary
    assert "<strong>loud blasts</strong>" in entry.content[0].value
    assert [a["name"] for a in entry.authors] == ["Iryna Tkachuk"]
    assert entry.published_parsed[:6] == update.posted_at.utctimetuple()[:6]
    assert entry.updated_parsed[:6] == update.posted_at.utctimetuple()[:6]
    (image,) = entry.media_content
    assert image["url"].startswith(urljoin("http://testserver/", default_storage.url("renditions/")))
    assert (image["width"], image["height"]) == ("1200", "630")
    assert entry.media_credit[0]["content"] == str(photo.credit)


@pytest.mark.parametrize("kind", KINDS)
def test_an_update_without_a_headline_is_titled_by_its_time(client, live_story, editor, kind, settings):
    settings.TIME_ZONE = "Europe/Kyiv"
    update = post(live_story, editor)
    posted_at(update, datetime(2026, 12, 2, 19, 40, tzinfo=UTC))  # 21:40 in Kyiv
    (entry,) = parse(client, feed_url(live_story, kind)).entries
    assert entry.title == "Update at 21:40"


@pytest.mark.parametrize("kind", KINDS)
def test_newest_first_without_deleted_updates_and_the_guid_stays(client, live_story, editor, kind):
    first = post(live_story, editor, headline="First")
    gone = post(live_story, editor, headline="Posted in error")
    post(live_story, editor, headline="Third")
    guids = {entry.title: entry.id for entry in parse(client, feed_url(live_story, kind)).entries}
    services.delete_update(update=gone, user=editor)
    services.edit_update(update=first, user=editor, headline="First, edited", body="<p>More detail.</p>")
    entries = parse(client, feed_url(live_story, kind)).entries
    assert [entry.title for entry in entries] == ["Third", "First, edited"]
    assert "Posted in error" not in client.get(feed_url(live_story, kind)).content.decode()
    # The edit shows as the entry's update time and keeps its id.
    first.refresh_from_db()
    assert entries[1].id == guids["First"]
    assert entries[1].id.startswith("tag:testserver,")
    assert entries[1].updated_parsed[:6] == first.edited_at.utctimetuple()[:6]
    assert entries[1].published_parsed[:6] == first.posted_at.utctimetuple()[:6]


def test_the_feed_holds_the_newest_fifty(client, live_story, editor):
    for number in range(FEED_SIZE + 2):
        post(live_story, editor, headline=f"Update {number}")
    entries = parse(client, feed_url(live_story, "rss")).entries
    assert len(entries) == FEED_SIZE
    assert entries[0].title == f"Update {FEED_SIZE + 1}"
    assert entries[-1].title == "Update 2"


def test_feeds_run_a_fixed_number_of_queries(client, live_story, editor, django_assert_max_num_queries, settings):
    """2 updates or 30, with photos and authors: the story, the updates with photo and credit, their
    authors."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    photo = make_photo()
    for _ in range(2):
        post(live_story, editor, photo=photo, authors=[make_author(), make_author()])
    counts = {}
    for kind in KINDS:
        with django_assert_max_num_queries(3) as captured:
            parse(client, feed_url(live_story, kind))
        counts[kind] = len(captured)
    for _ in range(28):
        post(live_story, editor, photo=photo, authors=[make_author()])
    for kind in KINDS:
        with django_assert_max_num_queries(3) as captured:
            assert len(parse(client, feed_url(live_story, kind)).entries) == 30
        assert len(captured) == counts[kind], kind


@pytest.mark.parametrize("kind", KINDS)
def test_only_published_live_stories_have_feeds(client, editor, kind):
    draft = make_ready_article(live_coverage=True, status="draft", published_at=None)
    scheduled = make_ready_article(live_coverage=True, published_at=timezone.now() + timedelta(hours=1))
    ordinary = make_article()
    trashed = make_ready_article(live_coverage=True, deleted_at=timezone.now())
    for story in (draft, scheduled, ordinary, trashed):
        assert client.get(feed_url(story, kind)).status_code == 404, story
    assert client.get(f"/live/no-such-story/{kind}/").status_code == 404


@pytest.mark.parametrize("kind", KINDS)
def test_a_killed_live_story_is_gone(client, live_story, editor, kind):
    post(live_story, editor)
    assert client.get(feed_url(live_story, kind)).status_code == 200
    workflow.kill(article=live_story, user=editor, notice="Withdrawn for legal reasons.")
    assert client.get(feed_url(live_story, kind)).status_code == 410


def test_a_warm_feed_costs_no_queries_and_a_new_update_shows(client, live_story, editor, django_assert_num_queries):
    """Through the page cache, as the live page: a new update ends the cached copy."""
    post(live_story, editor, headline="Sirens in Kyiv")
    url = feed_url(live_story, "atom")
    client.get(url)
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    post(live_story, editor, headline="All clear")
    assert [entry.title for entry in parse(client, url).entries] == ["All clear", "Sirens in Kyiv"]
