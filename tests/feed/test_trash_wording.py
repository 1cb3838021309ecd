"""The trash spoken of as a trash: moving a story there is not a deletion, and deleting from it is for good."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from feed.models import TRASH_DAYS, Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def page_text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def action_labels(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        (option["value"], option.get_text()) for option in soup.select("select[name=action] option") if option["value"]
    ]


def test_move_to_trash_asks_in_words_of_the_trash_not_of_deleting(editor_client):
    article = make_article(headline="Shelling in Kharkiv")
    response = editor_client.get(reverse("admin:feed_article_delete", args=[article.pk]))
    text = page_text(response)
    assert "Move to the trash?" in text
    assert f"can restore it from the trash for {TRASH_DAYS} days" in text
    button = BeautifulSoup(response.content, "html.parser").select_one("#content form [type=submit]")
    assert button["value"] == "Yes, move it to the trash"
    assert "Are you sure you want to delete" not in text and "will be deleted" not in text


def test_moved_to_trash_says_so_not_deleted_successfully(editor_client):
    article = make_article(headline="Shelling in Kharkiv")
    response = editor_client.post(reverse("admin:feed_article_delete", args=[article.pk]), {"post": "yes"}, follow=True)
    text = page_text(response)
    assert f"“Shelling in Kharkiv” is in the trash; it can be restored for {TRASH_DAYS} days." in text
    assert "deleted successfully" not in text
    assert Article.objects.trashed().filter(pk=article.pk).exists()


def test_the_article_list_moves_selected_stories_to_the_trash(editor_client):
    stories = [make_article(), make_article()]
    url = reverse("admin:feed_article_changelist")
    actions = action_labels(editor_client.get(url))
    assert ("trash_selected", "Move the selected stories to the trash") in actions
    assert "delete_selected" not in dict(actions)
    response = editor_client.post(
        url, {"action": "trash_selected", "_selected_action": [story.pk for story in stories]}, follow=True
    )
    assert f"Moved 2 stories to the trash (restorable for {TRASH_DAYS} days)." in page_text(response)
    assert Article.objects.trashed().count() == 2


def test_the_trash_list_offers_restore_first_and_deleting_for_good_last(editor_client):
    make_article(deleted_at=timezone.now())
    actions = action_labels(editor_client.get(reverse("admin:feed_articleintrash_changelist")))
    assert actions == [
        ("restore_selected", "Restore the selected stories from the trash"),
        ("delete_selected", "Delete the selected stories for good"),
    ]


def test_the_trash_is_called_the_trash_with_the_days_it_keeps_stories(editor_client):
    text = page_text(editor_client.get(reverse("admin:index")))
    assert f"The trash (stories kept {TRASH_DAYS} days)" in text
