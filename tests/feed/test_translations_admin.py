"""Two editions in the newsroom: the translate service (feed.workflow.translate), the admin's language
filter, Translate button and action, the Missing translations view, and the publishing checks per language."""

import uuid
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.admin.models import ADDITION, LogEntry
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from common.slugs import latin_slug
from feed import readiness, workflow
from feed.models import Article
from tests.factories import (
    article_form_data,
    change_url,
    form_errors,
    make_article,
    make_author,
    make_draft,
    make_photo,
    make_ready_article,
    make_section,
    make_user,
)

pytestmark = pytest.mark.django_db

MISSING = reverse("admin:feed_article_missing_translations")


def translate_url(article):
    return reverse("admin:feed_article_translate", args=[article.pk])


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def messages_of(response):
    page = BeautifulSoup(response.content, "html.parser")
    return " ".join(node.get_text(" ", strip=True) for node in page.select(".messagelist li"))


@pytest.fixture
def bilingual_section():
    return make_section(name_en="World", slug_en="world", name_uk="Світ", slug_uk="svit")


# The service.


def test_translate_makes_a_linked_draft_in_the_other_language_with_photo_section_and_bylines(editor, bilingual_section):
    first, second = make_author(), make_author()
    poster = make_photo()
    original = make_ready_article(
        section=bilingual_section,
        authors=[first, second],
        tags=["Kyiv"],
        lead_photo_caption="Kyiv at dawn",
        video_url="https://vimeo.com/1",
        video_poster=poster,
        is_breaking=True,
    )
    assert original.translation_group is None

    draft = workflow.translate(article=original, user=editor).article

    original.refresh_from_db()
    draft.refresh_from_db()
    assert original.translation_group is not None
    assert draft.translation_group == original.translation_group
    assert (draft.language, draft.status, draft.published_at) == ("uk", Article.Status.DRAFT, None)
    assert draft.slug == f"{original.slug}-uk"
    assert (draft.section, draft.lead_photo, draft.lead_photo_caption) == (
        bilingual_section,
        original.lead_photo,
        "Kyiv at dawn",
    )
    assert (draft.video_url, draft.video_poster, draft.is_breaking) == ("https://vimeo.com/1", poster, True)
    assert [byline.author for byline in draft.bylines.all()] == [first, second]
    # The text is the original's, for the translator to write over; tags belong to the original's edition.
    assert (draft.headline, draft.summary, draft.body) == (original.headline, original.summary, original.body)
    assert list(draft.tags.all()) == []
    assert draft.created_by == editor
    # The original's own text and version are untouched.
    assert original.version == 1 and original.is_published


def test_translate_keeps_the_existing_group_and_records_both_histories(editor):
    group = uuid.uuid4()
    original = make_ready_article(language="uk", translation_group=group)
    draft = workflow.translate(article=original, user=editor).article
    assert (draft.language, draft.translation_group) == ("en", group)
    entry = LogEntry.objects.get(object_id=str(draft.pk))
    assert entry.action_flag == ADDITION
    assert entry.get_change_message() == f"Translation of “{original}” (Українська) started."
    revision = Version.objects.get_for_object(draft).get().revision
    assert revision.user == editor
    # The revision keeps the bylines, so restoring it brings them back.
    assert Version.objects.filter(revision=revision, content_type__model="byline").count() == 1
    assert LogEntry.objects.get(object_id=str(original.pk)).get_change_message() == (
        f"Translation into English started: “{draft.slug}”."
    )


def test_translate_refuses_a_second_translation_into_a_language_and_names_the_first(editor):
    original = make_ready_article()
    first = workflow.translate(article=original, user=editor).article
    with pytest.raises(workflow.TranslationExists) as refused:
        workflow.translate(article=original, user=editor)
    assert refused.value.translation == first
    assert "already has a version in Українська" in str(refused.value)
    # From the translation's side, the original is its English version.
    with pytest.raises(workflow.TranslationExists):
        workflow.translate(article=first, user=editor, language="en")
    assert Article.objects.filter(translation_group=original.translation_group).count() == 2


def test_translate_refuses_its_own_language_and_an_unknown_one(editor):
    original = make_ready_article()
    with pytest.raises(workflow.EditorialError, match="already in English"):
        workflow.translate(article=original, user=editor, language="en")
    with pytest.raises(workflow.EditorialError, match="no fr edition"):
        workflow.translate(article=original, user=editor, language="fr")


def test_a_killed_story_is_not_translated(editor):
    killed = make_ready_article()
    workflow.kill(article=killed, user=editor, notice="Withdrawn.")
    with pytest.raises(workflow.EditorialError, match="killed story is not translated"):
        workflow.translate(article=killed, user=editor)


def test_a_slug_taken_already_gets_a_number():
    editor = make_user("Editor")
    original = make_ready_article(slug="trams")
    make_article(slug="trams-uk")
    assert workflow.translate(article=original, user=editor).article.slug == "trams-uk-2"


def test_the_database_keeps_one_story_per_language_in_a_group():
    group = uuid.uuid4()
    make_article(translation_group=group, language="uk")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(translation_group=group, language="uk")
    make_article(translation_group=group, language="en")
    # Stories without a group are not translations of one another.
    make_article(language="uk")
    make_article(language="uk")


def test_a_reporter_translates_a_story_they_can_see_and_the_draft_is_theirs():
    reporter = make_user("Reporter")
    published = make_ready_article()
    draft = workflow.translate(article=published, user=reporter).article
    assert draft.is_owned_by(reporter) and draft.can_be_edited_by(reporter)


def test_a_reporter_cannot_translate_a_colleagues_draft_and_a_bio_manager_nothing():
    colleague_draft = make_draft()
    with pytest.raises(workflow.NotAllowed):
        workflow.translate(article=colleague_draft, user=make_user("Reporter"))
    with pytest.raises(workflow.NotAllowed):
        workflow.translate(article=make_ready_article(), user=make_user("Bio manager"))
    assert not Article.objects.filter(language="uk").exists()


# The admin.


def test_the_translate_button_opens_the_new_draft(editor_client):
    original = make_ready_article()
    page = editor_client.get(change_url(original))
    button = BeautifulSoup(page.content, "html.parser").select_one(".object-tools form.translate-form")
    assert button["action"] == translate_url(original)
    assert button.get_text(strip=True) == "Translate into Українська"

    response = editor_client.post(translate_url(original), follow=True)
    draft = Article.objects.get(language="uk")
    assert response.redirect_chain[-1][0] == change_url(draft)
    assert "draft in Українська of “" in messages_of(response)
    # The draft's form links back to the original, and offers no second translation.
    page = BeautifulSoup(response.content, "html.parser")
    links = page.select(".story-translations a")
    assert [link["href"] for link in links] == [change_url(original)]
    assert page.select(".translate-form") == []


def test_translate_twice_sends_the_editor_to_the_translation(editor_client):
    original = make_ready_article()
    editor_client.post(translate_url(original))
    response = editor_client.post(translate_url(original), follow=True)
    draft = Article.objects.get(language="uk")
    assert response.redirect_chain[-1][0] == change_url(draft)
    assert "already has a version in Українська" in messages_of(response)
    assert Article.objects.count() == 2


def test_a_reporter_is_not_sent_to_a_colleagues_draft_translation():
    original = make_ready_article()
    workflow.translate(article=original, user=make_user("Editor"))
    client = logged_in(make_user("Reporter"))
    response = client.post(translate_url(original), follow=True)
    assert response.redirect_chain[-1][0] == change_url(original)
    assert "which you cannot open" in messages_of(response)


def test_translate_answers_get_with_405_and_an_unseen_story_with_404(editor_client):
    original = make_ready_article()
    assert editor_client.get(translate_url(original)).status_code == 405
    draft = make_draft()
    client = logged_in(make_user("Reporter"))
    assert client.post(translate_url(draft)).status_code == 404
    assert not Article.objects.filter(language="uk").exists()


def test_the_translate_action_translates_each_selected_story(editor_client):
    stories = [make_ready_article(), make_ready_article()]
    workflow.translate(article=stories[0], user=make_user("Editor"))
    response = editor_client.post(
        reverse("admin:feed_article_changelist"),
        {"action": "translate_selected", "_selected_action": [story.pk for story in stories]},
        follow=True,
    )
    text = messages_of(response)
    assert f"“{stories[0]}” was not translated" in text
    assert "Translated 1 story into drafts in the other language." in text
    assert Article.objects.filter(language="uk").count() == 2


def test_the_story_list_filters_and_shows_the_language(editor_client):
    english, ukrainian = make_article(headline="Trams run again"), make_article(language="uk", headline="Трамваї")
    page = editor_client.get(reverse("admin:feed_article_changelist"), {"language__exact": "uk"})
    rows = BeautifulSoup(page.content, "html.parser").select("#result_list tbody tr")
    assert [row.select_one(".field-headline").get_text(strip=True) for row in rows] == [ukrainian.headline]
    assert rows[0].select_one(".field-language").get_text(strip=True) == "Українська"
    assert english.headline not in " ".join(row.get_text() for row in rows)


def test_a_new_story_gets_its_language_from_the_form(editor_client, bilingual_section):
    story = make_draft(section=bilingual_section)
    response = editor_client.post(change_url(story), article_form_data(story, language="uk", _save_draft="1"))
    assert response.status_code == 302, form_errors(response)
    story.refresh_from_db()
    assert story.language == "uk"


def test_the_form_refuses_a_language_the_story_has_a_translation_in(editor_client):
    original = make_draft()
    translation = workflow.translate(article=original, user=make_user("Editor")).article
    response = editor_client.post(change_url(translation), article_form_data(translation, language="en"))
    assert response.status_code == 200
    assert "is this story's version in English" in form_errors(response)


def test_the_language_of_a_published_story_is_read_only(editor_client):
    page = editor_client.get(change_url(make_ready_article()))
    soup = BeautifulSoup(page.content, "html.parser")
    # The story form's field, not the admin header's own language menu (select#admin-language).
    assert soup.select_one("#article_form [name=language]") is None
    assert soup.select_one(".field-language .readonly").get_text(strip=True) == "English"


# Missing translations.


def missing(client, **query):
    page = client.get(MISSING, query)
    assert page.status_code == 200
    return [row.get_text(strip=True) for row in BeautifulSoup(page.content, "html.parser").select("tbody th")]


def test_missing_translations_lists_live_stories_without_one_newest_first(editor_client):
    now = timezone.now()
    older = make_article(headline="Older", published_at=now - timedelta(hours=3))
    newer = make_article(headline="Newer", published_at=now - timedelta(hours=1))
    translated = make_article(headline="Translated")
    workflow.translate(article=translated, user=make_user("Editor"))
    being_reviewed = make_article(headline="Translation in review")
    Article.objects.filter(pk=workflow.translate(article=being_reviewed, user=make_user("Editor")).article.pk).update(
        status=Article.Status.REVIEW
    )
    killed_translation = make_article(headline="Killed translation", published_at=now - timedelta(hours=2))
    Article.objects.filter(
        pk=workflow.translate(article=killed_translation, user=make_user("Editor")).article.pk
    ).update(status=Article.Status.KILLED, killed_at=now)
    make_article(headline="Scheduled", published_at=now + timedelta(hours=1))
    make_draft(headline="A draft")
    make_article(headline="Trashed", deleted_at=now)
    make_article(headline="Ukrainian", language="uk")

    assert missing(editor_client) == [newer.headline, killed_translation.headline, older.headline]
    assert missing(editor_client, into="en") == ["Ukrainian"]


def test_missing_translations_offers_translate_and_links_from_the_desk_and_the_list(editor_client):
    story = make_article()
    page = BeautifulSoup(editor_client.get(MISSING).content, "html.parser")
    form = page.select_one("tbody form")
    assert form["action"] == translate_url(story)
    assert form.select_one("input[name=language]")["value"] == "uk"
    for address in (reverse("desk:desk"), reverse("admin:feed_article_changelist")):
        links = BeautifulSoup(editor_client.get(address).content, "html.parser").select(f'a[href="{MISSING}"]')
        assert links, address


def test_missing_translations_runs_as_many_queries_for_2_stories_as_for_60(editor_client):
    def count():
        with CaptureQueriesContext(connection) as captured:
            rows = missing(editor_client)
        return len(captured), len(rows)

    for _ in range(2):
        make_article()
    few, shown = count()
    assert shown == 2
    for _ in range(58):
        make_article()
    many, shown = count()
    assert shown == 50
    assert few == many


def test_missing_translations_is_for_staff_who_see_stories():
    assert logged_in(make_user("Bio manager")).get(MISSING).status_code == 403


# Publishing checks per language.


def test_a_ukrainian_story_needs_its_section_named_in_ukrainian(editor):
    english_only = make_section(name_en="Economy", slug_en="economy")
    story = make_draft(language="uk", section=english_only)
    with pytest.raises(workflow.EditorialError, match="“Economy” has no name and address in Українська"):
        workflow.publish_now(article=story, user=editor)
    english_only.name_uk, english_only.slug_uk = "Економіка", "ekonomika"
    english_only.save()
    story.refresh_from_db()
    workflow.publish_now(article=story, user=editor)


def test_each_language_is_checked_on_its_own(editor, bilingual_section):
    original = make_draft(section=bilingual_section)
    translation = workflow.translate(article=original, user=editor).article
    translation.summary = ""
    translation.save()
    # The English story goes out though its translation lacks a summary, and the other way round.
    workflow.publish_now(article=original, user=editor)
    assert readiness.going_live_problems(translation, at=timezone.now()) == ["Write a summary."]
    english_only = make_section()
    untranslated = make_draft(section=english_only)
    assert readiness.going_live_problems(untranslated, at=timezone.now()) == []


# Addresses of Ukrainian stories.


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Удар дрона по школі у Львові", "udar-drona-po-shkoli-u-lvovi"),
        ("Юлія Їжак: «Щастя є»", "yuliia-yizhak-shchastia-ye"),
        ("Зґвалтування, м'ясо, Згорани", "zgvaltuvannia-miaso-zghorany"),
        ("Kyiv's trams run again", "kyivs-trams-run-again"),
    ],
)
def test_latin_slug_transliterates_ukrainian_by_the_national_table(text, slug):
    assert latin_slug(text) == slug


def test_a_ukrainian_headline_gets_a_latin_address():
    story = make_article(headline="Київ знову з трамваями", slug="", language="uk")
    assert story.slug == "kyiv-znovu-z-tramvaiamy"
