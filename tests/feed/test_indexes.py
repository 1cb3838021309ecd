from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from feed.models import Article
from feed.pagination import decode_cursor, encode_cursor
from tests.factories import make_section

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans are PostgreSQL's"),
]


def plan_of(queryset):
    return queryset.explain()


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


def test_first_feed_page_is_an_index_scan(many_stories):
    query = Article.objects.published().for_listing().order_by("-published_at", "-id")[:21]
    assert_index_scan(plan_of(query), "article_feed_idx")


def test_deep_feed_page_starts_the_index_scan_at_the_cursor(many_stories):
    """Page 100 of "Show More": the cursor is the index condition, not a filter over skipped rows."""
    stories = Article.objects.published().order_by("-published_at", "-id")
    cursor = encode_cursor(stories[2000])
    query = stories.for_listing().before(*decode_cursor(cursor))[:21]
    plan = plan_of(query)
    assert_index_scan(plan, "article_feed_idx")
    # Both bounds in the index condition: now (published()) and the cursor.
    condition = next(line for line in plan.splitlines() if "Index Cond" in line and "published_at" in line)
    assert condition.count("published_at <=") == 2, plan


def test_section_page_is_an_index_scan(many_stories):
    query = Article.objects.published().filter(section=many_stories).order_by("-published_at", "-id")[:21]
    assert_index_scan(plan_of(query), "article_section_feed_idx")
