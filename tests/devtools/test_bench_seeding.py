"""The benchmark's bulk seeding (devtools/bench/stories.py): PostgreSQL COPY."""

import random

import pytest
from django.db import connection
from django.db.models import TextField
from django.db.models.functions import Cast
from taggit.models import Tag, TaggedItem

from devtools.bench.stories import TextMaker, seed_stories
from feed.models import Article, Byline, RelatedLink
from feed.search import search_vector
from tests.factories import make_author, make_photo, make_section

pytestmark = [
    # The seeding moves rows over several connections: they must see committed data.
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the bulk seeding uses PostgreSQL's COPY"),
]

WORDS = ["bridge", "council", "drone", "grain", "harbour", "market", "power", "rail", "school", "water"]


def seed(count):
    return seed_stories(
        count=count,
        first_number=0,
        slug_prefix="seeded-",
        text=TextMaker(WORDS, random.Random(1)),
        sections=[make_section(), make_section()],
        authors=[make_author() for _ in range(8)],
        tags=[Tag.objects.create(name=f"Topic {n}", slug=f"topic-{n}") for n in range(5)],
        photos=[make_photo(), make_photo()],
    )


def test_seeding_writes_stories_with_bylines_tags_and_links():
    phases = seed(30)
    assert Article.objects.published().filter(slug__startswith="seeded-").count() == 30
    # One byline each, a second on every fifth story (numbers 0, 5, … 25).
    assert Byline.objects.count() == 30 + 6
    assert TaggedItem.objects.count() == 30 * 3
    # The next older story for all but the oldest; the tenth older for all but the ten oldest.
    assert RelatedLink.objects.count() == 29 + 20
    assert Article.objects.filter(video_url="").count() == 28  # numbers 0 and 25 are videos
    assert all(seconds >= 0 for seconds in phases.values())
    newest = Article.objects.get(slug="seeded-0")
    assert newest == Article.objects.published().first()
    assert list(newest.related_links.values_list("target__slug", flat=True)) == ["seeded-1", "seeded-10"]


def test_seeded_search_vectors_are_the_ones_save_stores():
    seed(12)
    rows = Article.objects.annotate(
        stored=Cast("search_vector", TextField()), expected=Cast(search_vector(), TextField())
    ).values_list("stored", "expected")
    assert len(rows) == 12
    for stored, expected in rows:
        assert stored and stored == expected


def test_seeded_stories_appear_on_the_pages_and_in_search(client):
    seed(25)
    newest, oldest = Article.objects.get(slug="seeded-0"), Article.objects.get(slug="seeded-24")
    home = client.get("/").content.decode()
    assert newest.headline in home and oldest.headline not in home
    assert client.get(oldest.get_absolute_url()).status_code == 200
    word = newest.headline.split()[0].lower()
    assert newest.headline in client.get("/search/", {"q": word}).content.decode()
