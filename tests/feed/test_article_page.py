from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from feed.models import Article
from tests.factories import (
    make_article,
    make_author,
    make_credit,
    make_photo,
    make_related_link,
    make_section,
)

pytestmark = pytest.mark.django_db

BODY = (
    "<p>A drone hit a five-storey building in the city centre overnight.</p>"
    "<blockquote><p>“Rescuers are still working at the site,” said regional governor Ivan Petrenko.</p></blockquote>"
    "<p>The Kyiv Ledger could not independently verify the claims.</p>"
    "<p>The city lies about 30 kilometres from the border.</p>"
)


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def full_article():
    section = make_section(name="News Feed", slug="news-feed")
    credit = make_credit(photographer="", source="Telegram/Regional Administration")
    photo = make_photo(alt_text="A burnt-out apartment block", caption="The damaged building", credit=credit)
    target = make_article(
        headline="Earlier strike on the same district",
        summary="Two people were killed last month.",
        section=section,
        published_at=timezone.now() - timedelta(days=3),
    )
    authors = [
        make_author(
            name="Oksana Melnyk", slug="oksana-melnyk", role="News Editor", short_bio="Formerly at Radio Dnipro."
        ),
        make_author(name="Taras Bondar", slug="taras-bondar", role="Correspondent", short_bio="Studied in Lviv."),
    ]
    article = make_article(
        headline="Drone strike on Sumy kills 3",
        body=BODY,
        section=section,
        lead_photo=photo,
        authors=authors,
        tags=["Sumy", "Drones"],
        published_at=timezone.now() - timedelta(hours=2),
        updated_at=timezone.now() - timedelta(minutes=30),
    )
    make_related_link(article=article, target=target, after_paragraph=2)
    return article


def test_article_page_has_every_part_in_order(client, full_article):
    """Section, h1, reading time, dates, lead figure, body, teaser, tags, author boxes, more, in that order."""
    make_article(headline="Another recent story", summary="More news.")
    soup = soup_of(client.get(full_article.get_absolute_url()))
    story = soup.select_one("article.story")

    assert story.select_one(".story__section").get_text(strip=True) == "News Feed"
    (h1,) = soup.find_all("h1")
    assert h1.get_text(strip=True) == "Drone strike on Sumy kills 3"
    assert story.select_one(".story__reading-time").get_text(strip=True) == "1 min read"
    published = story.select_one("time.story__published")
    # Whole seconds: HTML allows at most three digits of a fraction.
    assert published["datetime"] == timezone.localtime(full_article.published_at).replace(microsecond=0).isoformat()
    assert story.select_one("time.story__updated") is not None

    figure = story.select_one("figure.story__lead")
    assert figure.img["alt"] == "A burnt-out apartment block"
    caption = figure.figcaption.get_text(" ", strip=True)
    assert caption == "The damaged building (Photo: Telegram/Regional Administration)"

    body = story.select_one(".story__body")
    assert "said regional governor Ivan Petrenko" in body.blockquote.get_text()
    blocks = [child for child in body.children if getattr(child, "name", None)]
    assert [block.name for block in blocks] == ["p", "blockquote", "aside", "p", "p"]
    teaser = blocks[2]
    assert teaser.a.get_text(strip=True) == "Earlier strike on the same district"
    assert teaser.select_one(".related-teaser__summary").get_text(strip=True) == "Two people were killed last month."

    assert [a.get_text() for a in story.select(".story__tags a")] == ["Drones", "Sumy"]
    boxes = story.select(".author-box")
    assert [box.select_one(".author-box__name").get_text(strip=True) for box in boxes] == [
        "Oksana Melnyk",
        "Taras Bondar",
    ]
    first_box = boxes[0]
    assert first_box.select_one(".author-box__role").get_text(strip=True) == "News Editor"
    assert first_box.select_one(".author-box__bio").get_text(strip=True) == "Formerly at Radio Dnipro."
    # "Read more" on screen; the author's name for screen readers and search engines (descriptive link text).
    assert first_box.select_one(".author-box__more").get_text(" ", strip=True) == "Read more about Oksana Melnyk"
    assert first_box.select_one(".author-box__more")["href"] == "/authors/oksana-melnyk/"

    more = soup.select_one(".more-stories")
    assert "Another recent story" in [a.get_text() for a in more.select(".card__headline a")]

    # The page's parts come in the order of the page we model.
    order = [
        story.select_one(".story__section"),
        h1,
        story.select_one(".story__reading-time"),
        published,
        figure,
        body,
        story.select_one(".story__tags"),
        boxes[0],
        more,
    ]
    positions = [element.sourceline * 10_000 + element.sourcepos for element in order]
    assert positions == sorted(positions)


def test_reading_time_is_computed_from_the_body_words():
    """200 words a minute, rounded up, at least one minute."""
    section = make_section()
    short = make_article(body="<p>" + "word " * 10 + "</p>", section=section)
    long = make_article(body="<p>" + "word " * 401 + "</p><p><b>tag</b>s</p>", section=section)
    assert short.reading_minutes == 1
    assert long.reading_minutes == 3
    long.body = "<p>" + "word " * 400 + "</p>"
    long.save()
    assert Article.objects.get(pk=long.pk).reading_minutes == 2


def test_updated_line_is_absent_for_an_unedited_story(client):
    soup = soup_of(client.get(make_article().get_absolute_url()))
    assert soup.select_one("time.story__updated") is None


def test_teaser_disappears_when_its_target_is_unpublished(client, full_article):
    target = full_article.related_links.get().target
    target.status = Article.Status.DRAFT
    target.save()
    soup = soup_of(client.get(full_article.get_absolute_url()))
    assert soup.select(".related-teaser") == []


def test_teaser_shows_the_targets_current_headline(client, full_article):
    target = full_article.related_links.get().target
    target.headline = "Corrected headline of the earlier strike"
    target.save()
    soup = soup_of(client.get(full_article.get_absolute_url()))
    assert soup.select_one(".related-teaser__headline").get_text(strip=True) == target.headline


def test_links_without_a_paragraph_are_listed_after_the_body(client, full_article):
    make_related_link(article=full_article, url="https://example.org/report", title="UN monitoring report")
    make_related_link(article=full_article, target=make_article(headline="Far away"), after_paragraph=99)
    soup = soup_of(client.get(full_article.get_absolute_url()))
    listed = [a.get_text(strip=True) for a in soup.select(".story__related .related-teaser__headline a")]
    assert listed == ["UN monitoring report", "Far away"]
    assert len(soup.select(".story__body .related-teaser")) == 1


def test_body_is_sanitised_on_save():
    article = make_article(body='<p onclick="steal()">Hi<script>alert(1)</script></p><img src=x onerror=y>')
    assert article.body == "<p>Hi</p>"


def test_video_story_plays_only_after_a_click(client):
    poster = make_photo(alt_text="Still from the report")
    article = make_article(
        video_url="https://www.youtube.com/watch?v=abcDEF12345",
        video_poster=poster,
        video_duration=timedelta(minutes=3, seconds=5),
    )
    soup = soup_of(client.get(article.get_absolute_url()))
    player = soup.select_one(".video-player")
    assert player["data-video-embed"] == "https://www.youtube-nocookie.com/embed/abcDEF12345?autoplay=1"
    assert player.find("iframe") is None
    assert player.select_one("a.video-player__start")["href"] == article.video_url
    assert "3:05" in player.get_text()
    assert not soup.find_all(src=lambda src: src and "youtube" in src)
