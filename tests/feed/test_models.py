from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template import engines

from feed.models import Article, Byline
from feed.video import video_embed_url
from tests.factories import make_article, make_author, make_photo, make_related_link

pytestmark = pytest.mark.django_db


def test_published_story_needs_a_publication_time():
    with pytest.raises(IntegrityError):
        make_article(published_at=None)


def test_draft_may_have_no_publication_time():
    assert make_article(status=Article.Status.DRAFT, published_at=None).published_at is None


def test_clean_dates_a_story_published_without_a_time():
    article = Article(status=Article.Status.PUBLISHED, published_at=None)
    article.clean()
    assert article.published_at is not None


def test_video_story_needs_a_poster():
    with pytest.raises(IntegrityError):
        make_article(video_url="https://vimeo.com/42")


def test_related_link_cannot_point_to_its_own_article():
    article = make_article()
    with pytest.raises(IntegrityError):
        make_related_link(article=article, target=article)


def test_related_link_target_is_unique_per_article():
    article, target = make_article(), make_article()
    make_related_link(article=article, target=target)
    with pytest.raises(IntegrityError):
        make_related_link(article=article, target=target)


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"url": "https://example.org/"},
        {"title": "No address"},
    ],
)
def test_related_link_is_a_story_or_an_outside_page_with_title(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_related_link(article=make_article(), **fields)


def test_related_link_to_story_and_url_at_once_is_refused():
    with pytest.raises(IntegrityError):
        make_related_link(article=make_article(), target=make_article(), url="https://example.org/")


def test_an_author_appears_once_per_byline_list():
    author = make_author()
    article = make_article(authors=[author])
    with pytest.raises(IntegrityError):
        Byline.objects.create(article=article, author=author, position=5)


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        (
            "https://www.youtube.com/watch?v=abc_DEF-123",
            "https://www.youtube-nocookie.com/embed/abc_DEF-123?autoplay=1",
        ),
        ("https://youtu.be/abcDEF12345", "https://www.youtube-nocookie.com/embed/abcDEF12345?autoplay=1"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1"),
        ("https://example.com/watch?v=abc", None),
        ("https://www.youtube.com/watch?v=<script>", None),
        ("https://vimeo.com/channels/staff", None),
    ],
)
def test_video_embed_url(url, embed):
    assert video_embed_url(url) == embed


def test_clean_refuses_a_video_host_we_cannot_embed():
    article = Article(video_url="https://example.com/video.mp4", video_poster=make_photo())
    with pytest.raises(ValidationError) as error:
        article.clean()
    assert "video_url" in error.value.message_dict


def test_slug_is_made_from_the_headline():
    assert make_article(headline="Strike on Odesa port", slug="").slug == "strike-on-odesa-port"


def test_caption_override_wins_over_the_photos_caption():
    photo = make_photo(caption="Photo caption")
    assert make_article(lead_photo=photo).caption == "Photo caption"
    assert make_article(lead_photo=photo, lead_photo_caption="Story caption").caption == "Story caption"


@pytest.mark.parametrize(
    ("length", "shown"),
    [
        (timedelta(seconds=5), "0:05"),
        (timedelta(minutes=12, seconds=3), "12:03"),
        (timedelta(hours=1, minutes=2), "1:02:00"),
    ],
)
def test_duration_filter(length, shown):
    assert engines["jinja2"].from_string("{{ d|duration }}").render({"d": length}) == shown


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        ("https://vimeo.com/123456/abcdef12", "https://player.vimeo.com/video/123456?autoplay=1&dnt=1&h=abcdef12"),
        ("https://youtube.com/watch?v=ab%C3%A9cdefgh", None),
        ("https://vimeo.com/１２３", None),
        ("https://www.youtube.com/shorts/abcDEF12345", "https://www.youtube-nocookie.com/embed/abcDEF12345?autoplay=1"),
    ],
)
def test_video_embed_url_edge_cases(url, embed):
    assert video_embed_url(url) == embed
