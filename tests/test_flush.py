"""The flush that empties the database after each live-server test: on PostgreSQL, tests/postgresql's DELETE
of every table rather than Django's TRUNCATE. Every row goes, whichever way the foreign keys between the
tables point."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag, TaggedItem

from authors.models import Author
from feed.models import Article, Byline, Section
from feed.roles import sync_roles
from media.models import Photo, PhotoCredit

from .factories import make_ready_article, make_user


@pytest.mark.django_db(transaction=True)
def test_the_flush_deletes_every_row():
    sync_roles()  # an earlier live-server test's flush took the groups too
    make_ready_article(tags=["kyiv"])
    make_user("Editor")
    models = [Article, Byline, Section, Author, Photo, PhotoCredit, Tag, TaggedItem, User, Group]
    assert all(model.objects.exists() for model in models)

    with CaptureQueriesContext(connection) as queries:
        # As pytest-django's transactional_db (Django's TransactionTestCase) empties the database after a test.
        call_command("flush", interactive=False, verbosity=0, reset_sequences=False)

    assert not [model.__name__ for model in models if model.objects.exists()]
    statements = [query["sql"] for query in queries]
    assert any(sql.startswith("DELETE FROM") for sql in statements)
    assert not any("TRUNCATE" in sql for sql in statements)
