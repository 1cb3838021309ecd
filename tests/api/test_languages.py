"""Two editions in the API: a story's language and published translations, the `language` filter of the
list and the change feed, and the write side's language and Translate."""

import json
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from api.models import Withdrawal
from feed import workflow
from feed.models import Article
from tests.factories import make_article, make_author, make_ready_article, make_section, make_user

pytestmark = pytest.mark.django_db


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    return response.json()


def pair(**kw):
    """An English story and its Ukrainian translation, both published."""
    group = uuid.uuid4()
    section = make_section(name_en="World", slug_en="world", name_uk="Світ", slug_uk="svit")
    author = make_author(name_en="Olena Writer", slug_en="olena", name_uk="Олена Письменна", slug_uk="olena-uk")
    english = make_article(translation_group=group, section=section, authors=[author], headline="Trams", **kw)
    ukrainian = make_article(
        translation_group=group, language="uk", section=section, authors=[author], headline="Трамваї", **kw
    )
    return english, ukrainian


def test_listed_stories_carry_their_language_and_published_translations(client):
    english, ukrainian = pair()
    alone = make_article()
    items = {item["id"]: item for item in get_json(client, "/api/stories/")["items"]}
    assert items[english.pk]["language"] == "en"
    assert [(entry["id"], entry["language"]) for entry in items[english.pk]["translations"]] == [(ukrainian.pk, "uk")]
    assert items[english.pk]["translations"][0]["url"].endswith(f"/news/{ukrainian.slug}/")
    assert [(entry["id"], entry["language"]) for entry in items[ukrainian.pk]["translations"]] == [(english.pk, "en")]
    assert items[alone.pk]["translations"] == []
    # The Ukrainian story's section and authors are named as the Ukrainian edition names them.
    assert items[ukrainian.pk]["section"]["name"] == "Світ"
    assert items[ukrainian.pk]["section"]["slug"] == "svit"
    assert items[ukrainian.pk]["authors"][0]["name"] == "Олена Письменна"
    assert items[english.pk]["authors"][0]["name"] == "Olena Writer"


def test_a_story_in_full_carries_its_translations_and_names_in_its_language(client):
    english, ukrainian = pair()
    detail = get_json(client, f"/api/stories/{ukrainian.pk}/")
    assert detail["language"] == "uk"
    assert [entry["id"] for entry in detail["translations"]] == [english.pk]
    assert detail["section"]["name"] == "Світ"
    assert detail["authors"][0]["name"] == "Олена Письменна"
    assert get_json(client, f"/api/stories/{english.pk}/")["authors"][0]["name"] == "Olena Writer"


@pytest.mark.parametrize(
    "unseen",
    [
        {"status": Article.Status.DRAFT, "published_at": None},
        {"published_at": timezone.now() + timedelta(hours=2)},
        {"deleted_at": timezone.now()},
    ],
    ids=["draft", "scheduled", "trashed"],
)
def test_a_translation_readers_cannot_see_is_never_listed(client, unseen):
    group = uuid.uuid4()
    english = make_article(translation_group=group)
    make_article(translation_group=group, language="uk", **unseen)
    [item] = get_json(client, "/api/stories/")["items"]
    assert item["translations"] == []
    assert get_json(client, f"/api/stories/{english.pk}/")["translations"] == []


def test_the_list_filters_by_language_and_keeps_the_filter_in_next(client):
    english, ukrainian = pair()
    make_article(language="uk")
    page = get_json(client, "/api/stories/?language=uk&limit=1")
    assert [item["language"] for item in page["items"]] == ["uk"]
    assert "language=uk" in page["next"]
    second = get_json(client, page["next"])
    assert [item["language"] for item in second["items"]] == ["uk"]
    assert [item["id"] for item in get_json(client, "/api/stories/?language=en")["items"]] == [english.pk]
    assert ukrainian.pk in [item["id"] for item in page["items"] + second["items"]]


def test_an_unknown_language_is_a_400(client):
    assert get_json(client, "/api/stories/?language=fr", status=400)["detail"]
    since = (timezone.now() - timedelta(days=1)).isoformat().replace("+", "%2B")
    assert get_json(client, f"/api/changes/?updated_since={since}&language=xx", status=400)["detail"]


def test_the_change_feed_filters_by_language_tombstones_too(client):
    english, ukrainian = pair()
    english_gone = make_article()
    Withdrawal.objects.create(story_id=english_gone.pk, reason="unpublished", withdrawn_at=timezone.now())
    Article.objects.filter(pk=english_gone.pk).update(status=Article.Status.DRAFT)
    Withdrawal.objects.create(story_id=999_999, reason="deleted", withdrawn_at=timezone.now())
    since = (timezone.now() - timedelta(days=1)).isoformat().replace("+", "%2B")
    items = get_json(client, f"/api/changes/?updated_since={since}&language=uk")["items"]
    assert [(item["id"], item["deleted"]) for item in items] == [(ukrainian.pk, False), (999_999, True)]
    assert items[0]["translations"][0]["id"] == english.pk


def test_the_schema_says_language_and_translations(client):
    schema = get_json(client, "/api/schema/")
    story = schema["components"]["schemas"]["Story"]
    assert {"language", "translations"} <= set(story["required"])
    parameters = schema["paths"]["/api/stories/"]["get"]["parameters"]
    assert "language" in [parameter["name"] for parameter in parameters]


def send(client, method, url, data=None):
    return getattr(client, method)(url, json.dumps(data or {}), content_type="application/json")


def test_a_draft_is_filed_in_the_language_sent(token_client):
    make_section(slug="politics")
    client = token_client(make_user("Reporter"))
    data = {"headline": "Рада голосує", "section": "politics", "language": "uk"}
    response = send(client, "post", "/api/stories/", data)
    assert response.status_code == 201, response.content
    assert response.json()["language"] == "uk"
    assert response.json()["slug"] == "rada-holosuie"
    assert Article.objects.get(pk=response.json()["id"]).language == "uk"
    assert send(client, "post", "/api/stories/", data | {"language": "de"}).status_code == 400


def test_translate_through_the_api_files_the_linked_draft_and_refuses_a_second(token_client):
    story = make_ready_article(section=make_section(name_uk="Політика", slug_uk="polityka"))
    client = token_client(make_user("Reporter"))
    response = send(client, "post", f"/api/stories/{story.pk}/translate/")
    assert response.status_code == 201, response.content
    draft = Article.objects.get(pk=response.json()["id"])
    story.refresh_from_db()
    assert (draft.language, draft.status, draft.translation_group) == ("uk", "draft", story.translation_group)
    again = send(client, "post", f"/api/stories/{story.pk}/translate/")
    assert again.status_code == 409
    assert "already has a version in Українська" in again.json()["detail"]
    # Not yet published, the translation is in no answer of the reading side.
    assert get_json(client, f"/api/stories/{story.pk}/")["translations"] == []
    workflow.publish_now(article=draft, user=make_user("Editor"))
    assert [entry["id"] for entry in get_json(client, f"/api/stories/{story.pk}/")["translations"]] == [draft.pk]
