"""The fixes the stored-XSS test (tests/browser/test_xss.py) led to, each pinned on its own."""

import feedparser
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from feed.html import sanitize_body
from feed.models import RelatedLink
from media.models import PhotoCredit
from media.templatetags.media_tags import photo_credit
from tests.factories import (
    article_form_data,
    make_article,
    make_author,
    make_credit,
    make_photo,
    make_ready_article,
    make_related_link,
    related_link_forms,
)

pytestmark = pytest.mark.django_db

SCRIPT_ADDRESSES = ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>"]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_summary_reaches_readers_as_text_not_markup(client, kind):
    """RSS readers show <description> as HTML and Atom's <summary> is type="html": a typed "<" is escaped."""
    make_ready_article(summary="Tanks <img src=x onerror=alert(1)> & shelling")
    entry = feedparser.parse(client.get(f"/feeds/{kind}/").content).entries[0]
    assert entry.summary == "Tanks &lt;img src=x onerror=alert(1)&gt; &amp; shelling"


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/", "/feeds/partners/rss/", "/sitemap-news.xml"])
def test_control_characters_typed_in_any_field_do_not_break_feeds(client, url):
    author = make_author(name="Olena\x01 Hrytsenko\x0c")
    photo = make_photo(caption="Kyiv\x08 at night", credit=make_credit(photographer="Ivan\x1f", may_syndicate=True))
    make_article(
        headline="Strike\x0b on Kharkiv", summary="Sum\x02mary", authors=[author], lead_photo=photo, tags=["Tag\x07"]
    )
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Strike on Kharkiv" in text
    assert not any(character in text for character in "\x01\x02\x07\x08\x0b\x0c\x1f")
    if "feeds" in url:
        assert not feedparser.parse(response.content).bozo


@pytest.mark.parametrize("url", SCRIPT_ADDRESSES)
def test_related_link_and_credit_addresses_must_be_web_addresses(url):
    article = make_article()
    with pytest.raises(ValidationError, match="https://"):
        RelatedLink(article=article, url=url, title="Report").full_clean()
    with pytest.raises(ValidationError, match="https://"):
        PhotoCredit(photographer="Ivan", url=url).full_clean()
    RelatedLink(article=article, url="https://example.org/report", title="Report").full_clean()


def test_admin_refuses_a_javascript_related_link_with_a_form_error(admin_client):
    article = make_article()
    data = article_form_data(article, **related_link_forms({"url": "javascript:alert(1)", "title": "Report"}))
    response = admin_client.post(reverse("admin:feed_article_change", args=[article.pk]), data)
    assert response.status_code == 200
    assert not article.related_links.exists()


@pytest.mark.parametrize("url", SCRIPT_ADDRESSES)
def test_a_stored_script_address_is_never_rendered_as_a_link(client, url):
    """Rows saved without the form's validation (the shell, an import) still cannot become a script link."""
    credit = make_credit(url=url)
    article = make_ready_article(lead_photo=make_photo(credit=credit))
    make_related_link(article=article, url=url, title="Outside report")
    assert "href" not in photo_credit(credit)
    assert RelatedLink.objects.get().href == ""
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Outside report" in page
    assert url.strip().lower()[:10] not in page.lower()


def test_sanitiser_drops_quote_sources_that_are_not_web_addresses():
    html = '<blockquote cite="javascript:alert(1)">a</blockquote><q cite="https://example.org/">b</q>'
    assert sanitize_body(html) == '<blockquote>a</blockquote><q cite="https://example.org/">b</q>'
