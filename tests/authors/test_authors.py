import pytest
from bs4 import BeautifulSoup

from authors.models import Author
from tests.factories import image_file, make_article, make_author, make_photo

pytestmark = pytest.mark.django_db


def test_author_page_shows_the_profile_and_their_stories(client):
    author = make_author(
        name="Marta Savchuk",
        slug="marta-savchuk",
        role="News Editor",
        bio="Marta joined in 2019.\n\nShe studied journalism in Kharkiv.",
        avatar=make_photo(image=image_file("marta.jpg", size=(200, 200)), alt_text="Marta"),
    )
    make_article(headline="Her story", authors=[author])
    make_article(headline="Not hers")
    soup = BeautifulSoup(client.get(author.get_absolute_url()).content.decode(), "html.parser")
    assert soup.h1.get_text() == "Marta Savchuk"
    assert soup.select_one(".author-header__role").get_text() == "News Editor"
    assert [p.get_text() for p in soup.select(".author-header__bio p")] == [
        "Marta joined in 2019.",
        "She studied journalism in Kharkiv.",
    ]
    # The name stands beside the avatar, so the image is decorative.
    assert soup.select_one("img.author-header__avatar")["alt"] == ""
    assert [a.get_text() for a in soup.select(".card__headline a")] == ["Her story"]


def test_author_without_avatar_shows_initials(client):
    author = make_author(name="Petro Ivanenko")
    article = make_article(authors=[author])
    soup = BeautifulSoup(client.get(article.get_absolute_url()).content.decode(), "html.parser")
    assert soup.select_one(".author-box__avatar--initials").get_text() == "PI"


def test_inactive_author_keeps_their_page_while_their_stories_are_published(client):
    """Someone who left stays credited: their bylines on published stories still lead to their page.
    Without a published story nobody has a page (tests/feed/test_unpublished_leaks.py)."""
    author = make_author(is_active=False)
    make_article(authors=[author])
    assert client.get(author.get_absolute_url()).status_code == 200
    assert list(Author.objects.active()) == []


def test_contributor_needs_no_user_account():
    assert make_author().user is None
