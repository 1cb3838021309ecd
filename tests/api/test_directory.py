"""GET /api/sections/, /api/tags/ and /api/authors/."""

import pytest

from tests.factories import make_article, make_author, make_photo, make_section

pytestmark = pytest.mark.django_db


def items(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()["items"]


def test_sections_in_menu_order(client):
    make_section(name="Sport", slug="sport", position=2)
    make_section(name="World", slug="world", position=1)
    assert items(client, "/api/sections/") == [
        {"name": "World", "slug": "world", "url": "http://testserver/section/world/"},
        {"name": "Sport", "slug": "sport", "url": "http://testserver/section/sport/"},
    ]


def test_topics_of_published_stories_by_name(client):
    make_article(tags=["Kyiv", "Energy"])
    make_article(tags=["Kyiv"])
    assert [tag["slug"] for tag in items(client, "/api/tags/")] == ["energy", "kyiv"]


def test_authors_of_published_stories_with_bios_and_avatars(client):
    writer = make_author(name="Olena Writer", slug="olena", bio="The long bio.", avatar=make_photo())
    make_article(authors=[writer])
    make_author(name="Nobody Yet", slug="nobody")
    [author] = items(client, "/api/authors/")
    assert author["slug"] == "olena"
    assert author["bio"] == "The long bio."
    assert author["avatar"]["renditions"]["square"]
