"""One way of writing a time, everywhere an editor or a reader sees one: "3 December 2026, 09:05"."""

from datetime import datetime

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from feed import workflow
from tests.factories import make_article, make_draft, make_user

pytestmark = pytest.mark.django_db

# A day and an hour below ten, a morning hour: "03", "3 Dec" and "9:05 a.m." would each show a second format.
SHOWN = "3 December 2031, 09:05"


def moment():
    return timezone.make_aware(datetime(2031, 12, 3, 9, 5, 42))


@pytest.fixture
def editor():
    return make_user("Editor")


def test_the_workflow_writes_times_as_the_site_does(editor):
    outcome = workflow.schedule(article=make_draft(), user=editor, at=moment())
    assert outcome.message == f"Scheduled for {SHOWN}."
    embargoed = make_draft(embargo_until=moment())
    with pytest.raises(workflow.EditorialError, match=f"under embargo until {SHOWN}\\."):
        workflow.publish_now(article=embargoed, user=editor)


def test_the_admin_list_writes_times_as_the_site_does(editor):
    make_article(published_at=moment())
    client = Client()
    client.force_login(editor)
    page = BeautifulSoup(client.get(reverse("admin:feed_article_changelist")).content, "html.parser")
    assert page.select_one("td.field-published_at").get_text() == SHOWN


def test_the_article_page_and_its_card_write_times_the_same_way(client):
    story = make_article(published_at=timezone.make_aware(datetime(2024, 3, 4, 8, 7, 30)))
    shown = "4 March 2024, 08:07"
    article_page = BeautifulSoup(client.get(story.get_absolute_url()).content, "html.parser")
    assert article_page.select_one(".story__published").get_text() == shown
    home = BeautifulSoup(client.get("/").content, "html.parser")
    assert home.select_one(".card__meta time").get_text() == shown
