"""The admin's article form posted with hostile values by an editor: never a server error, and never
half-saved: either the whole save goes through (a redirect) or nothing in the database changes."""

from django.contrib.admin.models import LogEntry
from hypothesis import given
from hypothesis import strategies as st
from reversion.models import Version
from taggit.models import TaggedItem

from feed.models import Article, Byline, Correction, RelatedLink
from tests.factories import article_form_data
from tests.properties.conftest import check, rolled_back
from tests.properties.strategies import encode_pairs, fuzz, values

BUTTONS = ["_save", "_save_draft", "_submit_review", "_publish", "_schedule", "_unpublish", "_continue"]


def snapshot():
    return [
        list(model.objects.order_by("pk").values())
        for model in (Article, Byline, RelatedLink, Correction, TaggedItem, Version, LogEntry)
    ]


def hostile_fields(world):
    ids = [str(world.section.pk), str(world.author.pk), str(world.photo.pk), str(world.articles[1].pk)]
    return {
        "language": values("en", "uk"),
        "headline": values("A headline"),
        "slug": values("a-slug", world.articles[1].slug),
        "section": values(*ids),
        "summary": values("A summary."),
        "body": values("<p>Body</p>", "<script>alert(1)</script>", "<p>" + "x" * 10 + "</p>"),
        "tags": values("Kyiv", '"a, b", c', ",,,"),
        "lead_photo": values(*ids),
        "lead_photo_caption": values("Caption"),
        "video_url": values("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "javascript:alert(1)"),
        "video_poster": values(*ids),
        "video_duration": values("00:03:00", "3:00", "-1"),
        "published_at_0": values("2026-05-01", "2099-01-01"),
        "published_at_1": values("10:00:00", "25:00"),
        "embargo_until_0": values("2026-05-01", "2099-01-01"),
        "embargo_until_1": values("10:00:00"),
        "known_version": values("1", "2"),
        "bylines-TOTAL_FORMS": values("0", "1", "2", "1001"),
        "bylines-INITIAL_FORMS": values("0", "1"),
        "bylines-0-author": values(*ids),
        "bylines-0-position": values("0", "1"),
        "bylines-0-id": values(*ids),
        "related_links-TOTAL_FORMS": values("0", "1"),
        "related_links-0-target": values(*ids),
        "related_links-0-url": values("https://example.com/"),
        "corrections-TOTAL_FORMS": values("0", "1"),
        "corrections-0-kind": values("correction", "update"),
        "corrections-0-text": values("We got it wrong."),
        "substantive_update": values("on"),
    }


@st.composite
def article_posts(draw, world, article):
    """The form as the admin would post it for `article` (or a blank one), with some fields replaced by
    hostile values, one of the buttons pressed."""
    base = article_form_data(article) if article else article_form_data(world.articles[0], known_version="")
    fields = hostile_fields(world)
    replaced = draw(st.lists(st.sampled_from(sorted(fields)), min_size=1, max_size=6, unique=True))
    data = {name: str(value) for name, value in base.items()} | {name: draw(fields[name]) for name in replaced}
    data[draw(st.sampled_from(BUTTONS))] = "1"
    return encode_pairs(data.items())


@fuzz
@given(data=st.data(), existing=st.booleans())
def test_article_form_with_hostile_values(client, world, data, existing):
    client.force_login(world.editor)
    article = world.articles[0] if existing else None
    url = f"/admin/feed/article/{article.pk}/change/" if article else "/admin/feed/article/add/"
    body = data.draw(article_posts(world, article))
    with rolled_back():
        before = snapshot()
        response = check(client.post(url, body, content_type="application/x-www-form-urlencoded"), {200, 302, 400})
        if response.status_code != 302:
            assert snapshot() == before, "a refused form changed the database"
