"""Quick post: headline, a few paragraphs, section and byline on one screen, handed to feed.workflow."""

import pytest
from django.urls import reverse

from feed.models import Article
from tests.factories import make_article, make_author, make_section, make_user

pytestmark = pytest.mark.django_db

URL = reverse("desk:quick_post")


def post(client, **changes):
    data = {
        "language": "en",
        "headline": "Power cut across the left bank",
        "summary": "",
        "text": "Kyiv's left bank lost power at 14:00.\r\n\r\nCrews are <on> their way & working.",
        "section": make_section().pk,
        "author": make_author().pk,
    } | changes
    return client.post(URL, data)


def test_the_byline_defaults_to_the_user_s_own_author_profile(client):
    own = make_author(name="Olena Shevchenko")
    reporter = make_user("Reporter", author=own)
    client.force_login(reporter)
    form = client.get(URL).context["form"]
    assert form["author"].value() == own.pk


def test_without_a_profile_the_byline_is_a_required_choice(client):
    client.force_login(make_user("Reporter"))
    assert client.get(URL).context["form"]["author"].value() is None
    response = post(client, author="")
    assert response.status_code == 200
    assert "author" in response.context["form"].errors
    assert not Article.objects.exists()


def test_a_reporter_s_quick_post_is_submitted_for_review(client):
    client.force_login(make_user("Reporter"))
    response = post(client)
    story = Article.objects.get()
    assert response.status_code == 302 and response.url == "/admin/"
    assert story.status == Article.Status.REVIEW
    assert (
        story.body == "<p>Kyiv's left bank lost power at 14:00.</p><p>Crews are &lt;on&gt; their way &amp; working.</p>"
    )
    assert story.summary == "Kyiv's left bank lost power at 14:00."
    assert story.bylines.get().author.pk == int(response.wsgi_request.POST["author"])


def test_a_quick_post_in_ukrainian_gets_a_latin_address(client):
    client.force_login(make_user("Editor"))
    section = make_section(name_uk="Новини", slug_uk="novyny")
    post(client, language="uk", headline="Світло зникло на лівому березі", section=section.pk, is_breaking="on")
    story = Article.objects.get()
    assert (story.language, story.slug) == ("uk", "svitlo-znyklo-na-livomu-berezi")
    assert story.is_published


def test_an_editor_s_breaking_quick_post_goes_live_without_a_photo(client):
    client.force_login(make_user("Editor"))
    response = post(client, is_breaking="on")
    story = Article.objects.get()
    assert response.status_code == 302 and response.url == "/admin/"
    assert story.is_published and story.is_breaking


def test_a_refused_publish_keeps_the_text_as_a_draft_and_says_why(client):
    """A story not marked breaking still needs a lead photo to go live; quick post has none."""
    client.force_login(make_user("Editor"))
    response = post(client, summary="Power is out on the left bank.")
    story = Article.objects.get()
    assert story.status == Article.Status.DRAFT
    assert story.headline == "Power cut across the left bank"
    assert response.url == reverse("admin:feed_article_change", args=[story.pk])
    page = client.get(response.url).text
    assert "is saved as a draft, but not published" in page
    assert "Choose a lead photo." in page


def test_a_taken_headline_gets_a_free_address(client):
    make_article(slug="power-cut-across-the-left-bank")
    client.force_login(make_user("Reporter"))
    post(client)
    assert Article.objects.filter(slug="power-cut-across-the-left-bank-2").exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"headline": "!!!"},
        {"headline": ""},
        {"text": "   "},
        {"section": "abc"},
        {"author": "999999"},
        {"summary": "x" * 501},
    ],
)
def test_bad_input_is_a_form_error_and_saves_nothing(client, changes):
    client.force_login(make_user("Editor"))
    response = post(client, **changes)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Article.objects.exists()


def test_roles_that_cannot_write_stories_are_refused(client):
    client.force_login(make_user("Bio manager"))
    assert client.get(URL).status_code == 403
    assert post(client).status_code == 403
