"""A Reporter's own story once submitted: read as readers will read it, and taken back to draft."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from feed.models import Article
from tests.factories import change_url, make_author, make_ready_article, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporter():
    return make_user("Reporter", author=make_author(name="Iryna Bondar"))


@pytest.fixture
def submitted(reporter):
    return make_ready_article(
        authors=[reporter.author_profile],
        status=Article.Status.REVIEW,
        published_at=None,
        body="<p>Firefighters reached the <strong>top floor</strong>.</p><p>Two more were found alive.</p>",
    )


def read_only_page(client, article):
    response = client.get(change_url(article))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_body_of_a_submitted_story_is_shown_as_readers_see_it_not_as_html_source(client, reporter, submitted):
    client.force_login(reporter)
    page = read_only_page(client, submitted)
    body = page.select_one(".field-body_as_read .readonly")
    assert [p.get_text() for p in body.select("p")] == [
        "Firefighters reached the top floor.",
        "Two more were found alive.",
    ]
    assert body.select_one("strong").get_text() == "top floor"
    assert "&lt;p&gt;" not in str(page) and "<p>" not in body.get_text()


def test_the_read_only_view_leaves_out_the_substantive_update_tick_box(client, reporter, submitted):
    client.force_login(reporter)
    page = read_only_page(client, submitted)
    assert "Substantive update" not in page.get_text()


def test_the_reporter_takes_their_submitted_story_back_to_draft_and_may_edit_it_again(client, reporter, submitted):
    client.force_login(reporter)
    button = read_only_page(client, submitted).select_one('button[formaction$="/return-to-draft/"]')
    assert button.get_text(strip=True) == "Return to draft"
    response = client.post(button["formaction"])
    assert response["Location"] == change_url(submitted)
    submitted.refresh_from_db()
    assert submitted.status == Article.Status.DRAFT
    page = client.get(response["Location"]).content.decode()
    assert "is back in draft" in page
    assert 'name="headline"' in page  # editable again


def test_another_reporter_cannot_take_the_story_back(client, submitted):
    client.force_login(make_user("Reporter"))
    response = client.post(reverse("admin:feed_article_return_to_draft", args=[submitted.pk]))
    assert response.status_code == 404
    submitted.refresh_from_db()
    assert submitted.status == Article.Status.REVIEW


def test_a_draft_offers_no_return_to_draft_and_refuses_one(client, reporter, submitted):
    Article.objects.filter(pk=submitted.pk).update(status=Article.Status.DRAFT)
    client.force_login(reporter)
    assert "return-to-draft" not in client.get(change_url(submitted)).content.decode()
    response = client.post(reverse("admin:feed_article_return_to_draft", args=[submitted.pk]), follow=True)
    assert "Only a story in review can be returned to draft." in response.content.decode()


def test_return_to_draft_answers_only_posts(client, reporter, submitted):
    client.force_login(reporter)
    response = client.get(reverse("admin:feed_article_return_to_draft", args=[submitted.pk]))
    assert response.status_code == 405
