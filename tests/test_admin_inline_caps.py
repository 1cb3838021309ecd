"""Admin input Django itself would choke on: impossible ids, more inline rows than their cap, searches of
a thousand words. Each gets a form error or a 400; nothing is built or saved."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from feed.models import Article, Correction
from tests.factories import (
    article_form_data,
    make_article,
    make_author,
    make_photo,
    make_ready_article,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field", ["lead_photo", "video_poster", "section"])
@pytest.mark.parametrize("value", [":", "abc", "99999999999999999999"])
def test_a_refused_form_with_an_impossible_id_shows_again(admin_client, field, value):
    """Found by tests/properties: re-showing the form looked the posted id up as it came (a 500)."""
    story = make_ready_article()
    data = article_form_data(story, headline="Changed", **{field: value})
    response = admin_client.post(reverse("admin:feed_article_change", args=[story.pk]), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    story.refresh_from_db()
    assert story.headline != "Changed"


def test_other_admin_forms_with_an_impossible_id_show_again(admin_client):
    """The same guard on the author and photo forms' autocomplete boxes."""
    author, photo = make_author(), make_photo()
    for url, data in [
        (reverse("admin:authors_author_change", args=[author.pk]), {"slug": author.slug, "avatar": ":", "user": ":"}),
        (
            reverse("admin:media_photo_change", args=[photo.pk]),
            {"credit": ":", "focal_x": "0.5", "focal_y": "0.5", "crops-TOTAL_FORMS": "0", "crops-INITIAL_FORMS": "0"},
        ),
    ]:
        response = admin_client.post(url, data)
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize(("prefix", "most"), [("bylines", 20), ("related_links", 20), ("corrections", 200)])
def test_admin_article_form_refuses_more_inline_forms_than_its_cap_without_building_them(admin_client, prefix, most):
    """Django would build up to max_num + 1,000 forms from a posted TOTAL_FORMS and show them all again."""
    article = make_article(headline="Original")
    url = reverse("admin:feed_article_change", args=[article.pk])
    data = article_form_data(article, headline="Changed", **{f"{prefix}-TOTAL_FORMS": "2000"})
    response = admin_client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Please submit at most {most} forms." in page
    assert f'name="{prefix}-{most - 1}-' in page
    assert f'name="{prefix}-{most}-' not in page
    assert Article.objects.get(pk=article.pk).headline == "Original"


def existing_rows(prefix, rows, fields):
    """Inline form data for rows already saved: TOTAL = INITIAL = their number."""
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(len(rows))}
    for number, row in enumerate(rows):
        data |= {f"{prefix}-{number}-id": row.pk} | {f"{prefix}-{number}-{name}": value(row) for name, value in fields}
    return data


def test_reporter_saves_own_draft_that_has_a_correction(client):
    """A reporter may not add corrections, so the admin gives that inline max_num 0; the cap on posted
    forms must still let the existing one through."""
    author = make_author()
    reporter = make_user("Reporter", author=author)
    article = make_article(authors=[author], status=Article.Status.DRAFT, published_at=None, headline="Original")
    correction = Correction.objects.create(article=article, text="We got the date wrong.")
    client.force_login(reporter)
    data = article_form_data(article, headline="Changed", **existing_rows("corrections", [correction], []))
    response = client.post(reverse("admin:feed_article_change", args=[article.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Article.objects.get(pk=article.pk).headline == "Changed"


def test_story_with_more_bylines_than_the_cap_can_still_be_saved(admin_client):
    authors = [make_author() for _ in range(21)]
    article = make_ready_article(authors=authors, headline="Original")
    url = reverse("admin:feed_article_change", args=[article.pk])
    response = admin_client.post(url, article_form_data(article, headline="Changed"))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Article.objects.get(pk=article.pk).headline == "Changed"
    assert article.bylines.count() == 21


@pytest.mark.parametrize(
    "address",
    sorted(
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in apps.get_models()
        if admin.site.is_registered(model) and admin.site.get_model_admin(model).search_fields
    ),
)
def test_a_search_of_a_thousand_words_is_a_400_on_every_list(admin_client, address):
    """SQLite refused the query ("Expression tree is too large"): a 500 on every list with a search box."""
    assert admin_client.get(address, {"q": " ".join(f"word{n}" for n in range(1000))}).status_code == 400
    assert admin_client.get(address, {"q": " ".join(f"w{n}" for n in range(100))}).status_code == 200
    assert admin_client.get(address, {"q": "0\x80" * 30_000}).status_code == 400


def test_an_autocomplete_of_a_thousand_words_is_a_400(admin_client):
    params = {"app_label": "feed", "model_name": "byline", "field_name": "author"}
    assert admin_client.get("/admin/autocomplete/", params | {"term": "w " * 1000}).status_code == 400
    assert admin_client.get("/admin/autocomplete/", params | {"term": "olena"}).status_code == 200
