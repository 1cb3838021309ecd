"""GET /api/stories/ and /api/stories/{id}/: what a story says, paging, filters, and bad input."""

from datetime import timedelta
from urllib.parse import urljoin

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from feed.models import Correction
from tests.factories import make_article, make_author, make_credit, make_photo, make_related_link, make_section

pytestmark = pytest.mark.django_db


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    return response.json()


def test_a_listed_story_says_what_a_card_says(client):
    section = make_section(name="Politics", slug="politics")
    writer = make_author(name="Olena Writer", slug="olena")
    story = make_article(
        headline="Council votes",
        section=section,
        authors=[writer],
        tags=["Kyiv"],
        lead_photo=make_photo(caption="The council hall"),
        lead_photo_caption="Deputies vote",
    )
    [item] = get_json(client, "/api/stories/")["items"]
    assert item["id"] == story.pk
    assert item["headline"] == "Council votes"
    assert item["url"] == f"http://testserver/news/{story.slug}/"
    assert item["section"] == {"name": "Politics", "slug": "politics", "url": "http://testserver/section/politics/"}
    assert item["tags"] == [{"name": "Kyiv", "slug": "kyiv", "url": "http://testserver/tags/kyiv/"}]
    assert item["authors"] == [{"name": "Olena Writer", "slug": "olena", "url": "http://testserver/authors/olena/"}]
    assert item["reading_minutes"] == story.reading_minutes
    assert item["is_live"] is False
    photo = item["lead_photo"]
    assert photo["caption"] == "Deputies vote"
    assert photo["credit"]["text"] == str(story.lead_photo.credit)
    assert photo["alt_text"] == story.lead_photo.alt_text
    lead = photo["renditions"]["lead"]
    # Absolute: on this site (/uploads/) or on the object store (MEDIA_STORAGE=s3).
    renditions = urljoin("http://testserver/", default_storage.url("renditions/"))
    assert lead and all(entry["files"]["jpeg"].startswith(renditions) for entry in lead)
    assert [entry["width"] for entry in lead] == sorted(entry["width"] for entry in lead)
    # A card's and a thumbnail's slots; the story in full has every slot.
    assert set(story.lead_photo.renditions) == {"lead", "square", "full", "social"}
    assert set(photo["renditions"]) == {"lead", "square"}
    full = get_json(client, f"/api/stories/{story.pk}/")["lead_photo"]["renditions"]
    assert set(full) == set(story.lead_photo.renditions)
    assert {slot: full[slot] for slot in ("lead", "square")} == photo["renditions"]


@pytest.mark.parametrize(
    "kind",
    ["lead photo", "caption override", "video with poster", "no photo", "live", "ended live", "credit with address"],
)
def test_a_listed_story_is_the_story_in_full_without_what_only_the_full_one_has(client, kind):
    """The list is built from rows (representations.listed_story), the story in full from instances (story):
    they must say the same, but that a list item's photo has only the slots a list shows."""
    photo = make_photo(credit=make_credit(url="https://photos.example/1")) if kind == "credit with address" else None
    fields = {
        "lead photo": {"lead_photo": make_photo()},
        "caption override": {"lead_photo": make_photo(), "lead_photo_caption": "Our own caption"},
        "video with poster": {"video_url": "https://vimeo.com/1", "video_poster": make_photo()},
        "no photo": {},
        "live": {"live_coverage": True, "lead_photo": make_photo()},
        "ended live": {"live_coverage": True, "coverage_ended_at": timezone.now()},
        "credit with address": {"lead_photo": photo},
    }[kind]
    story = make_article(authors=[make_author(), make_author()], tags=["Kyiv", "economy", "Lviv"], **fields)
    [listed] = get_json(client, "/api/stories/")["items"]
    full = get_json(client, f"/api/stories/{story.pk}/")
    assert listed["authors"] == [{name: author[name] for name in ("name", "slug", "url")} for author in full["authors"]]
    if full["lead_photo"]:
        renditions = full["lead_photo"]["renditions"]
        full["lead_photo"]["renditions"] = {slot: renditions[slot] for slot in ("lead", "square")}
    assert {name: value for name, value in listed.items() if name != "authors"} == {
        name: full[name] for name in listed if name != "authors"
    }


def test_stories_come_newest_first_in_pages_with_a_next_address(client):
    now = timezone.now()
    stories = [make_article(published_at=now - timedelta(minutes=n)) for n in range(1, 6)]
    first = get_json(client, "/api/stories/?limit=2")
    assert [item["id"] for item in first["items"]] == [stories[0].pk, stories[1].pk]
    second = get_json(client, first["next"])
    assert [item["id"] for item in second["items"]] == [stories[2].pk, stories[3].pk]
    last = get_json(client, second["next"])
    assert [item["id"] for item in last["items"]] == [stories[4].pk]
    assert last["next"] is None


def test_the_next_address_keeps_the_filters(client):
    section = make_section(slug="world")
    for _ in range(3):
        make_article(section=section)
    make_article(section=make_section())
    first = get_json(client, "/api/stories/?section=world&limit=2")
    assert "section=world" in first["next"]
    assert len(get_json(client, first["next"])["items"]) == 1


def test_filters_by_section_tag_and_author(client):
    world, sport = make_section(slug="world"), make_section(slug="sport")
    writer = make_author(slug="writer")
    in_world = make_article(section=world, tags=["Kyiv"], authors=[writer])
    in_sport = make_article(section=sport, tags=["Football"])

    def ids(query):
        return [item["id"] for item in get_json(client, f"/api/stories/?{query}")["items"]]

    assert ids("section=world") == [in_world.pk]
    assert ids("section=sport") == [in_sport.pk]
    assert ids("tag=kyiv") == [in_world.pk]
    assert ids("author=writer") == [in_world.pk]
    assert ids("section=sport&tag=kyiv") == []


@pytest.mark.parametrize("query", ["section=nowhere", "tag=nothing", "author=nobody"])
def test_an_unknown_filter_is_a_404(client, query):
    make_article()
    assert "detail" in get_json(client, f"/api/stories/?{query}", status=404)


@pytest.mark.parametrize(
    "query", ["cursor=junk", "cursor=1-2-3", "cursor=1-12345678901234567890", "limit=0", "limit=51", "limit=many"]
)
def test_bad_paging_is_a_400(client, query):
    make_article()
    assert "detail" in get_json(client, f"/api/stories/?{query}", status=400)


def test_a_story_in_full(client):
    writer = make_author(name="Olena Writer", slug="olena", bio="Long biography.", avatar=make_photo())
    target = make_article(headline="Earlier story")
    story = make_article(authors=[writer], lead_photo=make_photo(), body="<p>One.</p><p>Two.</p>")
    make_related_link(article=story, target=target)
    make_related_link(article=story, url="https://example.org/report", title="The report")
    Correction.objects.create(article=story, text="The vote was on Tuesday.")
    detail = get_json(client, f"/api/stories/{story.pk}/")
    assert detail["body_html"] == "<p>One.</p><p>Two.</p>"
    [author] = detail["authors"]
    assert author["bio"] == "Long biography."
    assert author["short_bio"] == writer.short_bio
    assert author["avatar"]["renditions"]["square"]
    assert [note["text"] for note in detail["corrections"]] == ["The vote was on Tuesday."]
    assert detail["related"] == [
        {"story_id": target.pk, "title": "Earlier story", "url": f"http://testserver/news/{target.slug}/",
         "summary": target.summary},
        {"story_id": None, "title": "The report", "url": "https://example.org/report", "summary": ""},
    ]  # fmt: skip
    assert detail["live_updates"] is None


def test_a_related_story_that_is_no_longer_published_is_left_out(client):
    story = make_article()
    make_related_link(article=story, target=make_article(status="draft", published_at=None))
    assert get_json(client, f"/api/stories/{story.pk}/")["related"] == []


def test_a_story_that_does_not_exist_is_a_404(client):
    assert get_json(client, "/api/stories/999999/", status=404) == {"detail": "No such story."}
    assert client.get("/api/stories/abc/").status_code == 404
