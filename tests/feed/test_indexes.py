from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from psycopg.sql import Literal

from feed.models import Article
from feed.pagination import decode_cursor, encode_cursor
from tests.factories import make_section

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans are PostgreSQL's"),
]


def plan_of(queryset):
    return queryset.explain()


def generic_plan_of(queryset):
    """The plan of the query as a prepared statement planned for any parameters, as PostgreSQL soon
    does with prepared statements (settings DB_PREPARED_STATEMENTS)."""
    sql, params = queryset.query.sql_with_params()
    pieces = sql.split("%s")
    numbered = "".join(piece + (f"${number}" if number < len(pieces) else "") for number, piece in enumerate(pieces, 1))
    with connection.cursor() as cursor:
        cursor.execute(f"PREPARE feed_query AS {numbered}")
        cursor.execute("SET LOCAL plan_cache_mode = force_generic_plan")
        # Literal values: as bound parameters here they would have no type for PostgreSQL to go by.
        values = ", ".join(Literal(str(value) if isinstance(value, str) else value).as_string() for value in params)
        cursor.execute(f"EXPLAIN EXECUTE feed_query({values})")
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("DEALLOCATE feed_query")
    return plan


PLANS = [pytest.param(plan_of, id="planned-for-its-values"), pytest.param(generic_plan_of, id="generic-prepared")]


@pytest.fixture
def many_stories():
    """3,000 live stories plus drafts and trash, with fresh statistics, so the planner costs for real."""
    section = make_section()
    now = timezone.now()
    Article.objects.bulk_create(
        Article(
            headline=f"Story {n}",
            slug=f"story-{n}",
            summary="Summary.",
            body="<p>Body.</p>",
            section=section,
            status=Article.Status.PUBLISHED if n % 10 else Article.Status.DRAFT,
            published_at=now - timedelta(minutes=n),
            deleted_at=now if n % 97 == 0 else None,
        )
        for n in range(3000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE feed_article")
    return section


def assert_index_scan(plan, index):
    assert "Seq Scan on feed_article" not in plan, plan
    assert "Sort" not in plan, plan
    assert index in plan, plan


@pytest.mark.parametrize("plan_of", PLANS)
def test_first_feed_page_is_an_index_scan(many_stories, plan_of):
    query = Article.objects.published().for_listing().order_by("-published_at", "-id")[:21]
    assert_index_scan(plan_of(query), "article_feed_idx")


@pytest.mark.parametrize("plan_of", PLANS)
def test_deep_feed_page_starts_the_index_scan_at_the_cursor(many_stories, plan_of):
    """Page 100 of "Show More": the cursor is the index condition, not a filter over skipped rows."""
    stories = Article.objects.published().order_by("-published_at", "-id")
    cursor = encode_cursor(stories[2000])
    query = stories.for_listing().before(*decode_cursor(cursor))[:21]
    plan = plan_of(query)
    assert_index_scan(plan, "article_feed_idx")
    # Both bounds in the index condition: now (published()) and the cursor, as one row comparison.
    condition = next(line for line in plan.splitlines() if "Index Cond" in line and "published_at" in line)
    assert condition.count("published_at <=") == 2, plan
    assert "ROW(published_at, id) < ROW(" in condition, plan


@pytest.mark.parametrize("plan_of", PLANS)
def test_section_page_is_an_index_scan(many_stories, plan_of):
    query = Article.objects.published().filter(section=many_stories).order_by("-published_at", "-id")[:21]
    assert_index_scan(plan_of(query), "article_section_feed_idx")
