"""common.compiled: SQL built once per process gives what the QuerySet gives, with each call's values,
and the one function that reads Django's compiler is pinned here."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from common.compiled import CompiledInstances, CompiledQuery, Layout, compile
from feed.models import Article, RelatedLink, published_q
from feed.models.parts import load_parts

from .factories import make_article, make_author, make_photo, make_related_link

pytestmark = pytest.mark.django_db


def test_compile_gives_the_sql_and_the_rows_of_the_queryset():
    make_article(headline="Kept", published_at=timezone.now() - timedelta(days=1))
    queryset = Article.objects.order_by("pk").values_list("headline", "published_at", "live_coverage", "is_breaking")
    sql, params, convert = compile(queryset)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = convert(cursor.fetchall())
    # The converters ran: on SQLite the time comes back a string and the flags integers without them.
    assert rows == list(queryset)
    assert isinstance(rows[0][1], datetime)
    assert rows[0][2] is False


def test_a_compiled_query_runs_with_each_calls_values():
    first, second = make_article(headline="First"), make_article(headline="Second")
    query = CompiledQuery(Article, lambda story: Article.objects.filter(pk=story).values_list("headline"), story=int)
    assert query.rows(story=first.pk) == [("First",)]
    assert query.rows(story=second.pk) == [("Second",)]
    assert query.rows(story=0) == []


def test_the_time_is_a_value_of_each_call_not_of_the_first():
    later = make_article(headline="Later", published_at=timezone.now() + timedelta(hours=1))
    query = CompiledQuery(
        Article,
        lambda now, story: Article.objects.filter(published_q(now=now), pk=story).values_list("headline"),
        now=datetime,
        story=int,
    )
    assert query.rows(now=timezone.now(), story=later.pk) == []
    assert query.rows(now=timezone.now() + timedelta(hours=2), story=later.pk) == [("Later",)]


def test_a_value_the_sql_has_no_place_for_is_refused():
    query = CompiledQuery(
        Article, lambda story, unused: Article.objects.filter(pk=story).values_list("pk"), story=int, unused=int
    )
    with pytest.raises(ValueError, match="no place for unused"):
        query.rows(story=1, unused=2)


def test_compiled_instances_are_the_models_rows_and_none_where_a_join_found_nothing():
    story, target = make_article(), make_article(headline="Target")
    make_related_link(article=story, target=target)
    make_related_link(article=story, url="https://example.org/elsewhere", title="Elsewhere")
    query = CompiledInstances(
        RelatedLink,
        lambda story: RelatedLink.objects.filter(article_id=story).order_by("position"),
        [
            Layout(RelatedLink, {"id", "article_id", "target_id", "url", "title"}),
            Layout(Article, {"id", "headline"}, "target__"),
        ],
        story=int,
    )
    (to_story, to_story_target), (elsewhere, no_target) = query.instances(story=story.pk)
    assert to_story_target.headline == "Target" and to_story.target_id == target.pk
    assert elsewhere.url == "https://example.org/elsewhere" and no_target is None


def test_page_parts_are_what_the_orm_gives(django_assert_num_queries):
    avatar = make_photo()
    second, first = make_author(name="Second Author", avatar=avatar), make_author(name="First Author")
    story = make_article(authors=[first, second], tags=["zebra", "Apple"])
    hidden = make_article(status=Article.Status.DRAFT, published_at=None)
    scheduled = make_article(published_at=timezone.now() + timedelta(days=1))
    shown = make_article(headline="Shown")
    for target in (hidden, scheduled, shown):
        make_related_link(article=story, target=target)
    story.corrections.create(text="A name was misspelt.")
    with django_assert_num_queries(4):
        load_parts(story)
    parts = story.parts
    with django_assert_num_queries(0):
        assert [byline.author.name for byline in parts.bylines] == ["First Author", "Second Author"]
        assert parts.bylines[1].author.avatar.renditions == avatar.renditions
        assert parts.bylines[0].author.avatar is None
        assert [tag.name for tag in parts.tags] == ["Apple", "zebra"]
        assert [link.target.headline for link in parts.related_links] == ["Shown"]
        assert [note.text for note in parts.corrections] == ["A name was misspelt."]
    expected_links = RelatedLink.objects.filter(Q(target__isnull=True) | published_q("target__"), article=story)
    assert [link.pk for link in parts.related_links] == [link.pk for link in expected_links]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite is given a time as text, like any text")
def test_a_time_read_while_building_is_refused():
    query = CompiledQuery(
        Article, lambda story: Article.objects.published().filter(pk=story).values_list("pk"), story=int
    )
    with pytest.raises(ValueError, match="a time that is not a parameter"):
        query.rows(story=1)
