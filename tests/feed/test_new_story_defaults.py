"""A new story starts with its writer's byline, and that byline is saved as it stands."""

import pytest

from feed.models import Article
from tests.factories import make_author, make_section, make_user

pytestmark = pytest.mark.django_db


def first_byline_initial(client):
    formset = client.get("/admin/feed/article/add/").context["inline_admin_formsets"][0].formset
    return formset.forms[0].initial


def test_a_writer_with_an_author_profile_starts_with_their_byline(client):
    author = make_author(name="Oksana Marchenko")
    client.force_login(make_user("Reporter", author=author))
    assert first_byline_initial(client) == {"author": author.pk}


def test_a_writer_without_one_starts_with_an_empty_byline(client):
    client.force_login(make_user("Editor"))
    assert first_byline_initial(client) == {}


def test_the_default_byline_is_saved_as_it_stands(client):
    author = make_author(name="Oksana Marchenko")
    client.force_login(make_user("Reporter", author=author))
    data = {
        "language": "en",
        "headline": "Trams run again",
        "slug": "trams-run-again",
        "section": make_section().pk,
        "summary": "",
        "body": "<p>Trams run again.</p>",
        "tags": "",
        "bylines-TOTAL_FORMS": "1",
        "bylines-INITIAL_FORMS": "0",
        "bylines-0-author": str(author.pk),
        "bylines-0-position": "0",
        "related_links-TOTAL_FORMS": "0",
        "related_links-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        "_save_draft": "Save draft",
    }
    assert client.post("/admin/feed/article/add/", data).status_code == 302
    assert [byline.author for byline in Article.objects.get().bylines.all()] == [author]
