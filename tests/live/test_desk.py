"""The live desk through its views: the composer, each update's buttons, ending and reopening the
coverage, who may do what, and bad input; and the desk's "Live now" composers."""

import pytest
from django.urls import reverse

from feed import workflow
from feed.models import Article
from live import services
from live.models import LiveUpdate, UpdateCorrection
from tests.factories import log_messages, make_article, make_photo, make_ready_article, make_user

pytestmark = pytest.mark.django_db


def desk_url(story):
    return reverse("live_desk:desk", args=[story.pk])


def post_url(story):
    return reverse("live_desk:post", args=[story.pk])


def update_url(name, update):
    return reverse(f"live_desk:{name}", args=[update.story_id, update.pk])


def posted(story, user, body="<p>Sirens across the capital.</p>", **kw):
    return services.post_update(article=story, user=user, body=body, **kw)


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def as_reporter(client, live_reporter):
    client.force_login(live_reporter)
    return client


def test_the_live_desk_shows_the_composer_and_the_stream_newest_first(as_editor, live_story, editor):
    older = posted(live_story, editor, headline="First explosions")
    newer = posted(live_story, editor, headline="Air defence at work")
    gone = posted(live_story, editor, headline="Posted by mistake")
    services.delete_update(update=gone, user=editor)

    response = as_editor.get(desk_url(live_story))

    assert response.status_code == 200
    assert [update for update, _ in response.context["stream"]] == [newer, older]
    assert "Posted by mistake" not in response.text
    assert 'value="Post update"' in response.text
    assert "End coverage" in response.text
    assert "ProseMirror" in response.text or "prose-editor" in response.text


def test_an_editor_posts_an_update_with_every_field(as_editor, live_story, editor):
    photo = make_photo()
    linked = make_ready_article(headline="What we know so far")
    response = as_editor.post(
        post_url(live_story),
        {
            "headline": "  Explosions heard  ",
            "body": "<p>Two explosions <strong>near</strong> the centre.</p>",
            "photo": photo.pk,
            "photo_caption": "Smoke over the left bank",
            "linked_story": linked.pk,
            "pinned": "on",
        },
    )

    assert response.status_code == 302 and response.url == desk_url(live_story)
    update = LiveUpdate.objects.get()
    assert (update.headline, update.body) == (
        "Explosions heard",
        "<p>Two explosions <strong>near</strong> the centre.</p>",
    )
    assert (update.photo, update.caption, update.linked_story, update.pinned) == (
        photo,
        "Smoke over the left bank",
        linked,
        True,
    )
    assert update.created_by == editor
    assert f"Posted update {update.pk}: Explosions heard" in log_messages(live_story)


def test_a_missing_body_is_a_form_error_and_nothing_is_saved(as_editor, live_story):
    response = as_editor.post(post_url(live_story), {"headline": "Only a headline", "body": ""})
    assert response.status_code == 400
    assert "Write the update." in response.text
    assert 'value="Only a headline"' in response.text
    assert not LiveUpdate.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("photo", "999999", "That photo does not exist"),
        ("photo", "not-a-number", "That photo does not exist"),
        ("linked_story", "999999", "Link to a published story."),
    ],
)
def test_an_unknown_photo_or_story_is_a_form_error(as_editor, live_story, field, value, message):
    response = as_editor.post(post_url(live_story), {"body": "<p>Calm again.</p>", field: value})
    assert response.status_code == 400
    assert message in response.text
    assert "Calm again." in response.text
    assert not LiveUpdate.objects.exists()


def test_a_draft_cannot_be_linked_as_a_teaser(as_editor, live_story):
    draft = make_article(headline="Not out yet", status=Article.Status.DRAFT, published_at=None)
    response = as_editor.post(post_url(live_story), {"body": "<p>Calm.</p>", "linked_story": draft.pk})
    assert response.status_code == 400
    assert not LiveUpdate.objects.exists()


def test_a_refused_post_keeps_the_text_in_the_form(as_editor, live_story, editor):
    workflow.end_coverage(article=live_story, user=editor)
    response = as_editor.post(
        post_url(live_story), {"headline": "Late news", "body": "<p>A third explosion, at 23:50.</p>"}
    )
    assert response.status_code == 409
    assert "Not posted: The coverage has ended; reopen it to post again." in response.text
    assert "A third explosion, at 23:50." in response.text
    assert 'value="Late news"' in response.text
    assert not LiveUpdate.objects.exists()


def test_a_reporter_on_the_byline_posts_but_may_not_pin_end_or_correct(as_reporter, live_story, live_reporter):
    assert 'name="pinned"' not in as_reporter.get(desk_url(live_story)).text
    # A "Key point" box posted all the same is not theirs to tick: the form has no such field.
    response = as_reporter.post(post_url(live_story), {"body": "<p>I am at the scene.</p>", "pinned": "on"})
    assert response.status_code == 302
    update = LiveUpdate.objects.get()
    assert not update.pinned
    assert list(update.authors.all()) == [live_reporter.author_profile]

    page = as_reporter.get(desk_url(live_story)).text
    assert "End coverage" not in page and ">Pin<" not in page and ">Correct<" not in page
    assert update_url("edit", update) in page and update_url("delete", update) in page

    as_reporter.post(update_url("pin", update), {"pinned": "on"})
    as_reporter.post(reverse("live_desk:coverage", args=[live_story.pk, "end"]))
    assert as_reporter.get(update_url("correct", update)).status_code == 403
    assert as_reporter.post(update_url("correct", update), {"text": "Wrong."}).status_code == 403
    live_story.refresh_from_db()
    update.refresh_from_db()
    assert live_story.is_live and not update.pinned and not UpdateCorrection.objects.exists()
    assert [message.startswith(("Posted", "Edited")) for message in log_messages(live_story)] == [True]


def test_a_reporter_may_not_change_another_s_update(as_reporter, live_story, editor):
    update = posted(live_story, editor)
    page = as_reporter.get(desk_url(live_story)).text
    assert update_url("edit", update) not in page
    assert as_reporter.post(update_url("edit", update), {"body": "<p>Mine now.</p>"}).status_code == 403
    assert as_reporter.post(update_url("delete", update)).status_code == 403
    update.refresh_from_db()
    assert update.body == "<p>Sirens across the capital.</p>" and update.deleted_at is None


def test_a_reporter_not_on_the_byline_gets_403_and_nothing_is_saved(client, live_story, editor):
    update = posted(live_story, editor)
    client.force_login(make_user("Reporter"))
    assert client.get(desk_url(live_story)).status_code == 403
    assert client.post(post_url(live_story), {"body": "<p>Hello.</p>"}).status_code == 403
    assert client.post(update_url("delete", update)).status_code == 403
    assert LiveUpdate.objects.shown().get() == update


def test_a_story_that_is_not_live_coverage_or_unknown_ids_are_404(as_editor, live_story, editor):
    assert as_editor.get(desk_url(make_ready_article())).status_code == 404
    assert as_editor.get("/admin/live/999999/").status_code == 404
    update = posted(live_story, editor)
    other_story = make_ready_article(live_coverage=True)
    assert as_editor.get(reverse("live_desk:edit", args=[other_story.pk, update.pk])).status_code == 404
    assert as_editor.get(reverse("live_desk:edit", args=[live_story.pk, 999999])).status_code == 404
    assert as_editor.post(reverse("live_desk:coverage", args=[live_story.pk, "explode"])).status_code == 404
    services.delete_update(update=update, user=editor)
    assert as_editor.get(update_url("edit", update)).status_code == 404


def test_pages_that_change_something_refuse_get(as_editor, live_story, editor):
    update = posted(live_story, editor)
    assert as_editor.get(post_url(live_story)).status_code == 405
    assert as_editor.get(update_url("pin", update)).status_code == 405
    assert as_editor.get(reverse("live_desk:coverage", args=[live_story.pk, "end"])).status_code == 405


def test_editing_an_update_goes_through_the_service(as_editor, live_story, editor):
    update = posted(live_story, editor, headline="Three explosions")
    form = as_editor.get(update_url("edit", update))
    assert form.status_code == 200 and "Three explosions" in form.text

    response = as_editor.post(
        update_url("edit", update), {"headline": "Two explosions", "body": "<p>Two, not three.</p>"}
    )

    assert response.status_code == 302
    update.refresh_from_db()
    assert (update.headline, update.body) == ("Two explosions", "<p>Two, not three.</p>")
    assert update.edited_at is not None
    assert f"Edited update {update.pk}: Two explosions" in log_messages(live_story)


def test_an_edit_without_a_body_is_refused_and_changes_nothing(as_editor, live_story, editor):
    update = posted(live_story, editor)
    response = as_editor.post(update_url("edit", update), {"headline": "New", "body": ""})
    assert response.status_code == 400 and "Write the update." in response.text
    update.refresh_from_db()
    assert (update.headline, update.edited_at) == ("", None)


def test_an_editor_corrects_an_update(as_editor, live_story, editor):
    update = posted(live_story, editor)
    assert as_editor.post(update_url("correct", update), {"text": "  "}).status_code == 400
    response = as_editor.post(update_url("correct", update), {"text": "The sirens were in Lviv, not Kyiv."})
    assert response.status_code == 302
    assert [note.text for note in update.corrections.all()] == ["The sirens were in Lviv, not Kyiv."]
    assert "The sirens were in Lviv, not Kyiv." in as_editor.get(desk_url(live_story)).text


def test_an_editor_pins_and_unpins(as_editor, live_story, editor):
    update = posted(live_story, editor)
    as_editor.post(update_url("pin", update), {"pinned": "on"})
    update.refresh_from_db()
    assert update.pinned and ">Unpin<" in as_editor.get(desk_url(live_story)).text
    as_editor.post(update_url("pin", update))
    update.refresh_from_db()
    assert not update.pinned
    assert log_messages(live_story)[:2] == [
        f"Unpinned update {update.pk}: {update}",
        f"Pinned update {update.pk}: {update}",
    ]


def test_deleting_asks_first_then_takes_the_update_off(as_editor, live_story, editor):
    update = posted(live_story, editor, headline="Wrong district")
    confirm = as_editor.get(update_url("delete", update))
    assert confirm.status_code == 200 and "Yes, delete it" in confirm.text
    update.refresh_from_db()
    assert update.deleted_at is None

    assert as_editor.post(update_url("delete", update)).status_code == 302

    assert not LiveUpdate.objects.shown().exists()
    assert "Wrong district" not in as_editor.get(desk_url(live_story)).text


def test_an_editor_ends_and_reopens_the_coverage(as_editor, live_story):
    as_editor.post(reverse("live_desk:coverage", args=[live_story.pk, "end"]))
    live_story.refresh_from_db()
    assert not live_story.is_live
    page = as_editor.get(desk_url(live_story)).text
    assert "Coverage ended at" in page and "Reopen coverage" in page and 'value="Post update"' not in page
    # Ending twice is a message, not an error page.
    response = as_editor.post(reverse("live_desk:coverage", args=[live_story.pk, "end"]), follow=True)
    assert "already ended" in response.text

    as_editor.post(reverse("live_desk:coverage", args=[live_story.pk, "reopen"]))
    live_story.refresh_from_db()
    assert live_story.is_live


def test_the_story_s_history_page_shows_every_change(as_editor, live_story, editor):
    update = posted(live_story, editor, headline="Explosions heard")
    as_editor.post(update_url("pin", update), {"pinned": "on"})
    as_editor.post(update_url("edit", update), {"headline": "Explosions in the centre", "body": "<p>Two.</p>"})
    as_editor.post(update_url("correct", update), {"text": "Three, not two."})
    as_editor.post(update_url("delete", update))
    as_editor.post(reverse("live_desk:coverage", args=[live_story.pk, "end"]))
    as_editor.post(reverse("live_desk:coverage", args=[live_story.pk, "reopen"]))

    history = as_editor.get(reverse("admin:feed_article_history", args=[live_story.pk])).text

    for line in [
        f"Posted update {update.pk}: Explosions heard",
        f"Pinned update {update.pk}: Explosions heard",
        f"Edited update {update.pk}: Explosions in the centre",
        f"Correction to update {update.pk}: Three, not two.",
        f"Deleted update {update.pk}: Explosions in the centre",
        "Live coverage ended.",
        "Live coverage reopened.",
    ]:
        assert line in history


def test_the_article_form_has_the_live_coverage_box_and_a_live_story_links_its_desk(as_editor, live_story):
    add = as_editor.get(reverse("admin:feed_article_add")).text
    assert 'name="live_coverage"' in add and "Its bylines are the reporters who may post." in add
    change = as_editor.get(reverse("admin:feed_article_change", args=[live_story.pk])).text
    assert "Open the live desk" in change and desk_url(live_story) in change
    other = as_editor.get(reverse("admin:feed_article_change", args=[make_ready_article().pk])).text
    assert "Open the live desk" not in other


# The desk's "Live now".


def test_the_desk_lists_live_stories_with_a_composer_that_posts_and_comes_back(as_editor, live_story, editor):
    ended = make_ready_article(headline="Yesterday's vote", live_coverage=True)
    workflow.end_coverage(article=ended, user=editor)
    make_ready_article(headline="An ordinary story")

    desk = as_editor.get("/admin/")
    assert desk.context["live_now"] == [live_story]
    assert post_url(live_story) in desk.text and desk_url(live_story) in desk.text

    response = as_editor.post(
        post_url(live_story), {"from_desk": "1", "text": "Sirens in the east.\n\nAnd in the centre too."}
    )

    assert response.status_code == 302 and response.url == "/admin/"
    assert LiveUpdate.objects.get().body == "<p>Sirens in the east.</p><p>And in the centre too.</p>"


def test_a_refused_post_from_the_desk_opens_the_live_desk_with_the_text(as_editor, live_story, editor):
    workflow.end_coverage(article=live_story, user=editor)
    response = as_editor.post(post_url(live_story), {"from_desk": "1", "text": "Calm in the centre."})
    assert response.status_code == 409
    assert "Calm in the centre." in response.text
    assert not LiveUpdate.objects.exists()


def test_the_desk_lists_only_the_live_stories_a_reporter_may_post_to(client, live_story, live_reporter):
    make_ready_article(headline="Someone else's live story", live_coverage=True)
    client.force_login(live_reporter)
    assert client.get("/admin/").context["live_now"] == [live_story]
    client.force_login(make_user("Reporter"))
    assert client.get("/admin/").context["live_now"] == []


def test_live_now_runs_one_query_whatever_the_number_of_live_stories(client, editor, django_assert_max_num_queries):
    client.force_login(editor)
    make_ready_article(live_coverage=True)
    with django_assert_max_num_queries(50) as few:
        client.get("/admin/")
    with_one = len(few.captured_queries)
    for _ in range(6):
        make_ready_article(live_coverage=True)
    with django_assert_max_num_queries(with_one):
        response = client.get("/admin/")
    assert len(response.context["live_now"]) == 7


def test_too_long_text_is_a_form_error(as_editor, live_story):
    response = as_editor.post(
        post_url(live_story), {"headline": "x" * 151, "body": "<p>Calm.</p>", "photo_caption": "y" * 301}
    )
    assert response.status_code == 400
    assert response.text.count("Ensure this value has at most") == 2
    assert not LiveUpdate.objects.exists()


def test_the_live_desk_runs_a_fixed_number_of_queries(as_editor, live_story, editor, django_assert_max_num_queries):
    photo, linked = make_photo(), make_ready_article()

    def updates(count):
        for _ in range(count):
            update = posted(live_story, editor, photo=photo, linked_story=linked)
            services.correct_update(update=update, user=editor, text="Two, not three.")

    updates(1)
    with django_assert_max_num_queries(40) as few:
        as_editor.get(desk_url(live_story))
    with_one = len(few.captured_queries)
    updates(10)
    with django_assert_max_num_queries(with_one):
        response = as_editor.get(desk_url(live_story))
    assert len(response.context["stream"]) == 11
