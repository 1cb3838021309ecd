"""Stored-XSS payloads (tests/xss/payloads.txt) typed into the admin's forms and the search box: each is
saved or refused with a form error, never a 500, and no link to a non-web address is kept. `make test`
types a tenth of them, `make fuzz` (and so CI) every one (tests.xss.payloads_of_this_run). The browser test
(tests/browser/test_xss.py) then proves that what is saved never runs."""

import pytest
from django.urls import reverse

from authors.models import Author
from feed.models import Article, Correction, RelatedLink
from media.models import Photo, PhotoCredit
from tests.factories import (
    article_form_data,
    image_file,
    make_article,
    make_author,
    make_credit,
    make_photo,
    make_section,
    related_link_forms,
)
from tests.xss import load_payloads, payloads_of_this_run

pytestmark = pytest.mark.django_db

PAYLOADS = payloads_of_this_run()


def url_value(text):
    return text if ":" in text.split("/")[0] else f"https://example.com/?q={text}"


def assert_saved_or_refused(response):
    """A redirect (saved) or the form again with its errors; the test client re-raises a server error."""
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 200:
        assert "errornote" in response.content.decode() or "errorlist" in response.content.decode()


def test_every_payload_in_every_article_field_is_saved_or_refused(admin_client):
    make_section()
    author, photo = make_author(), make_photo()
    saved = 0
    for number, text in PAYLOADS:
        data = article_form_data(
            make_article(headline=f"Base {number}", slug=f"base-{number}", status="draft", published_at=None),
            headline=text,
            summary=text,
            body=f"<p>{text}</p>",
            tags=text,
            lead_photo=photo.pk,
            lead_photo_caption=text,
            **{"bylines-TOTAL_FORMS": "1", "bylines-0-author": author.pk, "bylines-0-position": "0"},
            **related_link_forms({"url": "https://example.com/related", "title": text}),
            **{"corrections-TOTAL_FORMS": "1", "corrections-0-kind": "correction", "corrections-0-text": text},
            _save_draft="Save draft",
        )
        article = Article.objects.get(slug=f"base-{number}")
        response = admin_client.post(reverse("admin:feed_article_change", args=[article.pk]), data)
        assert_saved_or_refused(response)
        if response.status_code == 302:
            saved += 1
            article.refresh_from_db()
            # Plain-text fields keep exactly what was typed; escaping is the templates' job.
            assert article.headline == text.strip()
            assert article.lead_photo_caption == text.strip()
    assert saved > len(PAYLOADS) // 2  # refusals are for real reasons (a tag with no letter), not everything
    assert Correction.objects.count() >= saved


def test_payloads_as_related_link_addresses_are_refused_unless_web_addresses(admin_client):
    """Every payload that reads as an address (javascript:, data:, …) and every 10th of the rest."""
    article = make_article()
    addresses = [text for number, text in PAYLOADS if url_value(text) == text or number % 10 == 0]
    for text in addresses:
        data = article_form_data(article, **related_link_forms({"url": url_value(text), "title": "Link"}))
        response = admin_client.post(reverse("admin:feed_article_change", args=[article.pk]), data)
        assert_saved_or_refused(response)
        article.refresh_from_db()
    for link in RelatedLink.objects.all():
        assert link.url.startswith(("https://", "http://")), link.url


def test_every_payload_in_the_kill_notice_is_saved_or_refused(admin_client):
    for number, text in PAYLOADS:
        article = make_article(headline=f"Story {number}", slug=f"kill-{number}")
        response = admin_client.post(reverse("admin:feed_article_kill", args=[article.pk]), {"notice": text})
        assert_saved_or_refused(response)


def test_every_payload_in_every_author_field_is_saved_or_refused(admin_client):
    for number, text in PAYLOADS:
        data = {"name": text, "slug": f"author-{number}", "role": text, "short_bio": text, "bio": text}
        response = admin_client.post(reverse("admin:authors_author_add"), data | {"is_active": "on"})
        assert_saved_or_refused(response)
    assert Author.objects.count() > len(PAYLOADS) // 2


def test_every_payload_in_every_credit_field_is_saved_or_refused(admin_client):
    for number, text in PAYLOADS:
        data = {"photographer": text, "source": f"Wire {number}", "url": url_value(text)}
        response = admin_client.post(reverse("admin:media_photocredit_add"), data)
        assert_saved_or_refused(response)
    assert PhotoCredit.objects.exists()
    for credit in PhotoCredit.objects.exclude(url=""):
        assert credit.url.startswith(("https://", "http://")), credit.url


def test_every_payload_as_a_search_query_gets_a_page(client):
    make_article(headline="Kharkiv")
    for _number, text in PAYLOADS:
        assert client.get(reverse("feed:search"), {"q": text}).status_code == 200


def test_payloads_in_photo_alt_text_and_caption_are_saved_or_refused(admin_client):
    """A sample (each upload builds renditions); the browser test covers every payload in these fields."""
    credit = make_credit()
    sample = load_payloads()[::30]
    for _number, text in sample:
        data = {"image": image_file(), "alt_text": text, "caption": text, "credit": credit.pk}
        data |= {"focal_x": "0.5", "focal_y": "0.5", "crops-TOTAL_FORMS": "0", "crops-INITIAL_FORMS": "0"}
        assert_saved_or_refused(admin_client.post(reverse("admin:media_photo_add"), data))
    assert Photo.objects.count() == len(sample)
