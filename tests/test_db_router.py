"""Reader pages read from a replica; the admin, previews, staff and writes use the primary.

"replica1" is a test MIRROR of the default database (tests/settings.py), as Django recommends for
testing primary/replica set-ups; transactional tests, so both connections see the same rows.
"""

import pytest
from django.contrib.auth.models import User
from django.db import connections
from django.test.utils import CaptureQueriesContext

from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True, databases="__all__")


@pytest.fixture
def replica(settings):
    settings.NEWSROOM_READ_REPLICAS = ["replica1"]
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0


def queries_on_each(client, method, url, **kwargs):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica1"]) as replica,
    ):
        response = getattr(client, method)(url, **kwargs)
    return response, len(primary), len(replica)


def test_reader_pages_read_from_the_replica(client, replica):
    article = make_article(headline="Read from the replica")
    for url in ["/", article.get_absolute_url(), "/search/?q=replica"]:
        response, on_primary, on_replica = queries_on_each(client, "get", url)
        assert response.status_code == 200
        assert b"Read from the replica" in response.content
        assert on_primary == 0
        assert on_replica > 0


def test_admin_and_staff_use_the_primary(client, replica):
    article = make_article()
    user = User.objects.create_superuser("chief", password="x")
    client.force_login(user)
    for url in ["/admin/feed/article/", f"/preview/{article.pk}/", "/"]:
        response, on_primary, on_replica = queries_on_each(client, "get", url)
        assert response.status_code == 200
        assert on_primary > 0
        assert on_replica == 0


def test_posts_read_and_write_on_the_primary(client, replica):
    User.objects.create_superuser("chief", password="correct horse")
    response, on_primary, on_replica = queries_on_each(
        client, "post", "/admin/login/", data={"username": "chief", "password": "correct horse"}
    )
    assert response.status_code == 302
    assert on_primary > 0
    assert on_replica == 0


def test_without_replicas_everything_uses_the_primary(client, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    make_article()
    response, on_primary, on_replica = queries_on_each(client, "get", "/")
    assert response.status_code == 200
    assert on_primary > 0
    assert on_replica == 0
