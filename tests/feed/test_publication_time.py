"""Issue 15's bug: after a publish, the next save dropped the fraction of a second from the publication
time, so a colleague's conflict message said "published at" had changed when nobody touched it.
Publishing stores whole seconds (workflow.publication_time), and the form keeps a stored time that it
shows without its fraction (ArticleForm._same_second_unchanged)."""

from datetime import timedelta

import pytest
import reversion
from django.test import Client
from django.utils import timezone

from feed.models import Article
from tests.factories import article_form_data, change_url, make_draft, make_ready_article, make_user

pytestmark = pytest.mark.django_db


def editor_client(name):
    client = Client()
    client.force_login(make_user("Editor", first_name=name))
    return client


def test_after_publish_now_a_colleagues_merge_names_only_what_changed():
    with reversion.create_revision():
        article = make_draft()
    olena, taras, iryna = editor_client("Olena"), editor_client("Taras"), editor_client("Iryna")
    assert olena.post(change_url(article), article_form_data(article, _publish="Publish now")).status_code == 302
    article.refresh_from_db()
    published_at = article.published_at
    # Taras and Iryna both open the published story; Taras saves first.
    taras_form = article_form_data(article, headline="Taras's headline")
    iryna_form = article_form_data(article, summary="Iryna's summary.")
    assert taras.post(change_url(article), taras_form).status_code == 302
    article.refresh_from_db()
    assert article.published_at == published_at
    response = iryna.post(change_url(article), iryna_form, follow=True)
    merged = " ".join(str(message) for message in response.context["messages"])
    assert "Merged with" in merged and "Headline" in merged
    assert "published at" not in merged.lower()
    article.refresh_from_db()
    assert (article.headline, article.summary, article.published_at) == (
        "Taras's headline",
        "Iryna's summary.",
        published_at,
    )


def test_a_save_keeps_a_stored_fraction_of_a_second_the_form_cannot_show():
    """A time stored with a fraction (an import, an older version): the form posts it to the second."""
    at = timezone.now().replace(microsecond=123456) - timedelta(hours=1)
    article = make_ready_article(published_at=at)
    client = editor_client("Olena")
    assert client.post(change_url(article), article_form_data(article, headline="Changed")).status_code == 302
    assert Article.objects.get(pk=article.pk).published_at == at
