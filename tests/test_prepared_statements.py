"""PostgreSQL with server-side binding and prepared statements (settings DB_PREPARED_STATEMENTS), and
the backend (newsroom.postgresql) that splits bulk work to fit PostgreSQL's 65,535 parameters."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from feed.models import Article, Byline
from newsroom.postgresql.base import MAX_QUERY_PARAMETERS

from .factories import make_article, make_section

POSTGRESQL_URL = "postgres://newsroom@db.example:5432/newsroom"
needs_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")


def test_postgresql_binds_on_the_server_and_prepares_repeated_queries(settings_for):
    database = settings_for(DATABASE_URL=POSTGRESQL_URL)["DATABASES"]["default"]
    assert database["ENGINE"] == "newsroom.postgresql"
    assert database["OPTIONS"]["server_side_binding"] is True
    assert database["OPTIONS"]["prepare_threshold"] == 5
    assert "pool" in database["OPTIONS"]


def test_prepared_statements_can_be_turned_off_for_a_pooler_and_sqlite_has_none(settings_for):
    off = settings_for(DATABASE_URL=POSTGRESQL_URL, DB_PREPARED_STATEMENTS="0")["DATABASES"]["default"]
    assert off["ENGINE"] == "django.db.backends.postgresql"
    assert "server_side_binding" not in off["OPTIONS"]
    sqlite = settings_for(DATABASE_URL="sqlite:///var/test.sqlite3")["DATABASES"]["default"]
    assert sqlite["ENGINE"] == "django.db.backends.sqlite3"
    assert "prepare_threshold" not in sqlite.get("OPTIONS", {})


@needs_postgresql
@pytest.mark.django_db
def test_a_query_run_five_times_is_prepared_on_the_server():
    article = make_article()
    for _ in range(6):
        assert Byline.objects.filter(article=article).count() == 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%feed_byline%'")
        assert cursor.fetchone()[0] >= 1


@needs_postgresql
@pytest.mark.django_db
def test_bulk_insert_beyond_65535_parameters_is_split():
    """Stories cannot go through Django 5.2's UNNEST insert (one array per column), so 3,000 of them
    are more than 65,535 parameters; Django would send them in one query."""
    section = make_section()
    stories = [
        Article(headline=f"Story {n}", slug=f"story-{n}", body="<p>Body.</p>", section=section) for n in range(3_000)
    ]
    columns = len([field for field in Article._meta.concrete_fields if not field.primary_key])
    assert len(stories) * columns > MAX_QUERY_PARAMETERS
    Article.objects.bulk_create(stories)
    assert Article.objects.count() == 3_000


@needs_postgresql
@pytest.mark.django_db
def test_bulk_update_beyond_65535_parameters_is_split():
    """bulk_update sends two parameters a field a row and one a row: 1,900 stories x 17 fields are 66,500.
    Many fields on few rows: PostgreSQL's time grows with rows x rows x fields (a CASE with a branch per
    row, for each field of each row)."""
    moment = timezone.now()
    values = {
        "headline": "New",
        "summary": "New summary.",
        "lead_photo_caption": "New caption",
        "kill_notice": "Notice",
        "body": "<p>New body.</p>",
        "reading_minutes": 9,
        "version": 9,
        "is_breaking": True,
        "live_coverage": True,
        "coverage_ended_at": moment,
        "updated_at": moment,
        "embargo_until": moment,
        "killed_at": moment,
        "deleted_at": moment,
        "modified_at": moment,
        "video_duration": timedelta(minutes=3),
    }
    fields = [*values, "slug"]
    count = 1_900
    assert count * (2 * len(fields) + 1) > MAX_QUERY_PARAMETERS
    section = make_section()
    Article.objects.bulk_create(
        [Article(headline=f"Story {n}", slug=f"story-{n}", body="<p>Body.</p>", section=section) for n in range(count)]
    )
    stories = list(Article.objects.only("pk"))
    for story in stories:
        for name, value in values.items():
            setattr(story, name, value)
        story.slug = f"new-{story.pk}"
    Article.objects.bulk_update(stories, fields)
    assert Article.objects.filter(slug__startswith="new-", **values).count() == count
