"""Stories readers may not see yet (or any more) leak through no address: not to readers, and not
to a reporter who has no rights on them."""

from datetime import timedelta

import pytest
import reversion
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from feed.models import Article
from tests.factories import make_article, make_author, make_photo, make_section, make_user

pytestmark = pytest.mark.django_db

HIDDEN = {
    "draft": {"status": Article.Status.DRAFT, "published_at": None},
    "in-review": {"status": Article.Status.REVIEW, "published_at": None},
    "scheduled": {"published_at_offset": timedelta(hours=5)},
    "embargoed": {"status": Article.Status.DRAFT, "published_at": None, "embargo_offset": timedelta(days=1)},
    "killed": {"status": Article.Status.KILLED, "killed_at": "now"},
    "trashed": {"deleted_at": "now"},
}


def hidden_story(kind, section, author):
    fields = dict(HIDDEN[kind])
    now = timezone.now()
    if offset := fields.pop("published_at_offset", None):
        fields["published_at"] = now + offset
    if offset := fields.pop("embargo_offset", None):
        fields["embargo_until"] = now + offset
    for name in ("killed_at", "deleted_at"):
        if fields.get(name) == "now":
            fields[name] = now - timedelta(minutes=5)
    with reversion.create_revision():
        return make_article(
            headline=f"Secret {kind} zqx{kind.replace('-', '')}",
            section=section,
            authors=[author],
            tags=[f"Topic {kind}"],
            lead_photo=make_photo(),
            **fields,
        )


def reader_urls(story):
    section, author = story.section.slug, story.bylines.get().author.slug
    word = f"zqx{story.slug.split('zqx')[-1]}" if "zqx" in story.slug else story.headline.split()[-1]
    month = timezone.localtime(story.published_at or timezone.now()).strftime("%Y-%m")
    return [
        "/",
        reverse("feed:section", args=[section]),
        reverse("feed:author", args=[author]),
        reverse("feed:video"),
        reverse("feed:search") + f"?q={word}",
        reverse("feed:corrections"),
        reverse("feed:site-rss"),
        reverse("feed:site-atom"),
        reverse("feed:section-rss", args=[section]),
        reverse("feed:author-rss", args=[author]),
        reverse("feed:partners-rss"),
        reverse("feed:sitemap", args=[f"articles-{month}"]),
        reverse("feed:sitemap", args=["tags"]),
        reverse("feed:sitemap-news"),
        reverse("feed:sitemap-index"),
    ]


@pytest.fixture
def newsroom():
    section, author = make_section(), make_author()
    make_article(section=section, authors=[author])  # one visible story, so the lists are not empty
    return {kind: hidden_story(kind, section, author) for kind in HIDDEN}


@pytest.mark.parametrize("kind", HIDDEN)
@pytest.mark.parametrize("who", ["reader", "reporter without rights"])
def test_hidden_story_leaks_through_no_reader_address(newsroom, kind, who):
    story = newsroom[kind]
    client = Client()
    if who != "reader":
        client.force_login(make_user("Reporter", author=make_author()))
    leaks = []
    for url in reader_urls(story):
        response = client.get(url)
        assert response.status_code in {200, 404}, url
        if story.headline in response.content.decode() or story.slug in response.content.decode():
            leaks.append(url)
    assert leaks == []
    expected = 410 if kind == "killed" else 404
    assert client.get(story.get_absolute_url()).status_code == expected
    assert client.get(reverse("feed:preview", args=[story.pk])).status_code == 404
    assert client.get(reverse("feed:tag", args=[f"topic-{kind}"])).status_code == 404


@pytest.mark.parametrize("kind", ["draft", "in-review", "embargoed"])
def test_reporter_without_rights_reaches_no_admin_page_of_the_story(newsroom, kind):
    story = newsroom[kind]
    client = Client()
    client.force_login(make_user("Reporter", author=make_author()))
    version = Version.objects.get_for_object(story).get()
    for name, args in [
        ("admin:feed_article_change", [story.pk]),
        ("admin:feed_article_history", [story.pk]),
        ("admin:feed_article_revision", [story.pk, version.pk]),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code in {302, 404}, name
        assert story.headline not in response.content.decode()
    listing = client.get(reverse("admin:feed_article_changelist")).content.decode()
    assert story.headline not in listing
    search = client.get(
        reverse("admin:autocomplete"),
        {"term": "Secret", "app_label": "feed", "model_name": "relatedlink", "field_name": "target"},
    )
    assert story.headline not in search.content.decode()
