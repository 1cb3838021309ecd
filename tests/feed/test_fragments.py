"""The blocks pages share (feed/fragments.py): made once a content generation, kept in the cache even
with the page cache off, and made again as soon as the content changes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from feed import workflow
from feed.fragments import Fragment, shared_blocks
from feed.models import Article
from tests.factories import make_article, make_draft, make_photo, make_section, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Whole pages are made each time; only the shared blocks may come from the cache."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0


def make_video(**kw):
    return make_article(video_url="https://vimeo.com/1", video_poster=make_photo(), **kw)


def block(page, start, end):
    """The part of a page's HTML from `start` to the next `end`."""
    html = page.content.decode()
    begin = html.index(start)
    return html[begin : html.index(end, begin)]


def menu(page):
    return block(page, '<nav class="site-nav"', "</nav>")


def video_strip(page):
    return block(page, '<section class="video-strip"', "</section>")


def minutes_ago(minutes):
    return timezone.now() - timedelta(minutes=minutes)


def test_a_block_is_kept_and_made_again_once_the_generation_ends(django_assert_num_queries):
    make_section(name="Politics")
    first = shared_blocks()["section_nav"]
    with django_assert_num_queries(0):
        assert shared_blocks()["section_nav"] == first
    make_section(name="Economy")  # any save ends the generation (feed/signals.py)
    with django_assert_num_queries(2):  # the new generation's next scheduled story; the menu
        assert "Economy" in shared_blocks()["section_nav"]


def test_a_renamed_section_shows_in_the_menu_at_once(client):
    section = make_section(name="Politics", slug="politics")
    make_article(section=section)
    assert "Politics</a>" in menu(client.get("/"))
    section.name = "Politics and Power"
    section.save()
    assert "Politics and Power</a>" in menu(client.get("/"))


def test_the_menu_marks_the_current_section_in_its_own_block(client):
    section = make_section(name="Politics", slug="politics")
    make_article(section=section)
    assert 'aria-current="page">Politics' not in menu(client.get("/"))
    assert 'aria-current="page">Politics' in menu(client.get("/section/politics/"))
    assert 'aria-current="page">Politics' not in menu(client.get("/"))


def test_a_new_video_shows_in_the_strip_at_once(client):
    make_video(headline="First video", published_at=minutes_ago(30))
    assert "First video" in video_strip(client.get("/"))
    make_video(headline="Second video", published_at=minutes_ago(10))
    assert "Second video" in video_strip(client.get("/"))


def test_publish_edit_and_kill_show_in_more_stories_at_once(client):
    editor = make_user("Editor")
    story = make_article(headline="The story read", published_at=minutes_ago(60))
    url = story.get_absolute_url()
    assert "Fresh report" not in client.get(url).content.decode()

    draft = make_draft(headline="Fresh report")
    workflow.publish_now(article=draft, user=editor)
    assert "Fresh report" in client.get(url).content.decode()

    draft = Article.objects.get(pk=draft.pk)
    draft.headline = "Fresh report, updated"
    workflow.save_changes(article=draft, user=editor)
    assert "Fresh report, updated" in client.get(url).content.decode()

    workflow.kill(article=Article.objects.get(pk=draft.pk), user=editor, notice="Withdrawn.")
    assert "Fresh report" not in client.get(url).content.decode()


def test_a_story_page_leaves_itself_out_of_the_shared_blocks(client):
    older = make_video(headline="Older video story", published_at=minutes_ago(60))
    newest = make_video(headline="Newest video story", published_at=minutes_ago(5))
    newest_page = client.get(newest.get_absolute_url()).content.decode()
    # Its own headline once (the page's heading), not again in more stories or the video strip.
    assert newest_page.count("Newest video story</a>") == 0
    assert "Older video story</a>" in newest_page
    older_page = client.get(older.get_absolute_url()).content.decode()
    assert older_page.count("Newest video story</a>") == 2  # more stories and the video strip
    assert older_page.count("Older video story</a>") == 0


def test_a_story_outside_the_shared_blocks_reads_no_variant_of_them():
    old = make_article(published_at=minutes_ago(600))
    for minutes in range(6):
        make_article(published_at=minutes_ago(minutes + 1))
    shared = shared_blocks(videos=True, more_stories=True)
    assert shared_blocks(leaving_out=old, videos=True, more_stories=True) == shared


def test_leaving_out_the_story_that_tells_of_a_next_page_can_remove_show_more():
    """More stories shows five and reads a sixth to know there are older ones; without it, none."""
    stories = [make_article(published_at=minutes_ago(minutes + 1)) for minutes in range(6)]
    assert "Show More" in shared_blocks(more_stories=True)["more_stories"]
    assert "Show More" not in shared_blocks(leaving_out=stories[-1], more_stories=True)["more_stories"]
    assert "Show More" not in shared_blocks(leaving_out=stories[0], more_stories=True)["more_stories"]


def test_a_scheduled_story_enters_the_blocks_when_its_time_comes(client, monkeypatch):
    make_video(headline="Video already out")
    make_video(headline="Scheduled video", published_at=timezone.now() + timedelta(minutes=10))
    assert "Scheduled video" not in video_strip(client.get("/"))
    later = timezone.now() + timedelta(minutes=11)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Scheduled video" in video_strip(client.get("/"))


def test_with_the_dummy_cache_the_blocks_are_made_each_time(settings, django_assert_num_queries):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    make_section(name="Politics")
    for _ in range(2):
        with django_assert_num_queries(1):  # the menu; no generation to look for
            assert "Politics" in shared_blocks()["section_nav"]


def test_each_variant_is_its_own_cache_entry():
    assert len({Fragment("section-nav").key, Fragment("section-nav", "politics").key, Fragment("videos", "7").key}) == 3
