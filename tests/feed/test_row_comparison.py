"""feed.pagination.RowLessThan, the keyset cursor's condition: the SQL each engine gets, and the rows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from feed.models import Article
from feed.pagination import RowLessThan
from tests.factories import make_article

pytestmark = pytest.mark.django_db

CONDITION = {
    # One row comparison, which PostgreSQL starts an index scan at (tests/feed/test_indexes.py).
    "postgresql": '("feed_article"."published_at", "feed_article"."id") < (%s, %s)',
    # Spelled out, as Django's composite-key lookups give it on SQLite.
    "sqlite": '("feed_article"."published_at" < %s OR ("feed_article"."published_at" = %s'
    ' AND "feed_article"."id" < %s))',
}


def test_each_engine_gets_its_form_of_the_comparison():
    when = timezone.now()
    sql, params = Article.objects.filter(RowLessThan(("published_at", "id"), (when, 7))).query.sql_with_params()
    assert CONDITION[connection.vendor] in sql
    assert params[-1] == 7


def test_rows_before_the_cursor_newest_first_ties_broken_by_id():
    now = timezone.now()
    tied = now - timedelta(hours=2)
    older = make_article(published_at=now - timedelta(hours=3))
    first_tied, cursor, last_tied = (make_article(published_at=tied) for _ in range(3))
    make_article(published_at=now - timedelta(hours=1))
    before = Article.objects.filter(RowLessThan(("published_at", "id"), (cursor.published_at, cursor.pk)))
    assert set(before) == {first_tied, older}
    assert last_tied not in before


def test_as_many_values_as_columns():
    with pytest.raises(ValueError, match="2 columns compared with 1 values"):
        RowLessThan(("published_at", "id"), (timezone.now(),))
