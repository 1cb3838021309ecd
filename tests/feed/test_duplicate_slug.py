"""A story whose address another story already has: the form says so and offers a free one."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from feed.models import Article
from tests.factories import article_form_data, form_errors, make_article, make_draft

pytestmark = pytest.mark.django_db


def add_story(client, **changes):
    data = article_form_data(make_draft(), **changes) | {"bylines-TOTAL_FORMS": "0", "bylines-INITIAL_FORMS": "0"}
    return client.post(reverse("admin:feed_article_add"), data | {"_save_draft": "Save draft"})


def test_a_taken_address_is_refused_with_the_first_free_one_put_in_the_field(editor_client):
    make_article(headline="Shelling in Kharkiv", slug="shelling-in-kharkiv")
    make_article(slug="shelling-in-kharkiv-2", deleted_at=timezone.now())  # in the trash, and still taken
    response = add_story(editor_client, headline="Shelling in Kharkiv", slug="shelling-in-kharkiv")
    assert response.status_code == 200
    assert form_errors(response) == (
        "Please correct the error below. Another story already has the address /news/shelling-in-kharkiv/. "
        "“shelling-in-kharkiv-3” is free and is now in the field: save again to use it, or write another."
    )
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("#id_slug")["value"] == "shelling-in-kharkiv-3"
    assert "already exists" not in response.content.decode()

    data = {field["name"]: field.get("value", "") for field in page.select("#article_form input[name]")}
    assert add_story(editor_client, headline="Shelling in Kharkiv", slug=data["slug"]).status_code == 302
    assert Article.objects.filter(slug="shelling-in-kharkiv-3").exists()


def test_a_free_address_costs_one_query_on_the_slug_index(django_assert_num_queries):
    make_article(slug="bridge")
    with django_assert_num_queries(1):  # is "bridge-reopens" taken?
        assert Article.objects.free_slug("bridge-reopens") == "bridge-reopens"
    with django_assert_num_queries(2):  # is "bridge" taken? the slugs that start with "bridge"
        assert Article.objects.free_slug("bridge") == "bridge-2"


def test_the_suggestion_fits_the_field():
    stem = "a" * 200
    make_article(slug=stem)
    assert Article.objects.free_slug(stem) == "a" * 198 + "-2"


def test_a_story_keeps_its_own_address_on_a_save(editor_client):
    story = make_draft(slug="my-own-address")
    response = editor_client.post(reverse("admin:feed_article_change", args=[story.pk]), article_form_data(story))
    assert response.status_code == 302
