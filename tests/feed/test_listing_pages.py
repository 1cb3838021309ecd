from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup

from tests.factories import make_article, make_author, make_photo, make_section

pytestmark = pytest.mark.django_db


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_home_card_shows_headline_summary_time_thumbnail_and_section(client):
    section = make_section(name="Frontline", slug="frontline")
    photo = make_photo(alt_text="Smoke over Kharkiv")
    article = make_article(headline="Strike on Kharkiv", summary="Two injured.", section=section, lead_photo=photo)
    card = soup_of(client, "/").select_one("[data-story-list] article.card")
    assert card.select_one(".card__headline a")["href"] == article.get_absolute_url()
    assert card.select_one(".card__summary").get_text() == "Two injured."
    assert card.select_one("time")["datetime"]
    assert card.select_one("img")["alt"] == "Smoke over Kharkiv"
    assert card.select_one(".eyebrow a").get_text() == "Frontline"


def test_story_card_markup_matches_what_the_template_filters_gave(client):
    """The card (the story_card macro, feed/_story_card.html): escaping, the date as Django's `date`
    filter wrote it, the video badge with its length, the video class."""
    poster = make_photo(alt_text='Poster "quoted" <b>')
    make_article(
        headline="Tom & Jerry <i>again</i>",
        summary="Cats & mice.",
        video_url="https://youtu.be/abcdefghijk",
        video_poster=poster,
        video_duration=timedelta(minutes=3, seconds=45),
        published_at=datetime(2026, 3, 5, 7, 4, 9, 123456, tzinfo=UTC),
    )
    html = client.get("/").content.decode()
    card = BeautifulSoup(html, "html.parser").select_one("[data-story-list] article.card")
    assert card["class"] == ["card", "card--video"]
    assert "Tom &amp; Jerry &lt;i&gt;again&lt;/i&gt;" in html
    assert card.select_one(".card__headline").name == "h2"
    assert card.select_one(".card__headline a").get_text() == "Tom & Jerry <i>again</i>"
    assert card.select_one(".card__summary").get_text() == "Cats & mice."
    assert card.select_one(".play-badge").get_text() == "▶ 3:45"
    assert card.select_one("img")["alt"] == 'Poster "quoted" <b>'
    # Europe/Kyiv is UTC+2 in March.
    assert card.select_one("time")["datetime"] == "2026-03-05T09:04:09+02:00"
    assert card.select_one("time").get_text() == "5 March 2026, 09:04"


def test_home_has_a_video_strip_of_video_stories(client):
    poster = make_photo(alt_text="Poster")
    make_article(headline="Plain story")
    make_article(headline="Video report", video_url="https://youtu.be/abcdefghijk", video_poster=poster)
    strip = soup_of(client, "/").select_one(".video-strip")
    assert [a.get_text() for a in strip.select(".video-card__title a")] == ["Video report"]


def test_section_page_lists_its_stories_and_marks_the_menu(client):
    politics = make_section(name="Politics", slug="politics")
    make_section(name="Economy", slug="economy")
    make_article(headline="Parliament vote", section=politics)
    make_article(headline="Grain exports", section=make_section(slug="other"))
    soup = soup_of(client, "/section/politics/")
    assert soup.h1.get_text() == "Politics"
    assert [a.get_text() for a in soup.select(".card__headline a")] == ["Parliament vote"]
    assert soup.select_one('.site-nav a[aria-current="page"]').get_text() == "Politics"


def test_tag_page_lists_tagged_stories(client):
    make_article(headline="Port of Odesa hit", tags=["Odesa"])
    make_article(headline="Lviv concert", tags=["Lviv"])
    soup = soup_of(client, "/tags/odesa/")
    assert soup.h1.get_text() == "Odesa"
    assert [a.get_text() for a in soup.select(".card__headline a")] == ["Port of Odesa hit"]


def test_tag_in_cyrillic_has_a_working_page(client):
    article = make_article(headline="Київ story", tags=["Київ"])
    soup = soup_of(client, article.get_absolute_url())
    tag_link = soup.select_one(".story__tags a")
    assert tag_link.get_text() == "Київ"
    assert [a.get_text() for a in soup_of(client, tag_link["href"]).select(".card__headline a")] == ["Київ story"]


def test_topic_used_only_by_hidden_stories_is_404(client):
    make_article(tags=["Secret plan"], status="draft")
    assert client.get("/tags/secret-plan/").status_code == 404


def test_cards_under_a_section_heading_are_h3(client):
    author = make_article(authors=[make_author(slug="nina")]).authors.get()
    soup = soup_of(client, author.get_absolute_url())
    assert soup.select(".card__headline")[0].name == "h3"
