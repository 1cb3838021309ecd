"""The admin speaks the newsroom's language: its own name in the header, topics rather than "Taggit"."""

import pytest
from django.conf import settings

from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_the_admin_is_named_for_the_newsroom_and_calls_tags_topics(client):
    client.force_login(make_user("Editor"))
    page = client.get("/admin/feed/article/").content.decode()
    assert f"{settings.NEWSROOM_SITE_NAME} newsroom" in page
    assert "Django administration" not in page
    assert ">Topics<" in page and "Taggit" not in page
