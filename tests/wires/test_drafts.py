"""Making a draft from a wire item: bylined to the agency, the wire copy as its first revision, under the
item's embargo, which feed.workflow then enforces."""

import shutil
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import timezone
from reversion.models import Version

from feed import workflow
from feed.models import Article
from tests.factories import make_author, make_photo, make_user
from wires import services
from wires.inbox import poll
from wires.models import WireItem

from .conftest import FILES

pytestmark = pytest.mark.django_db


@pytest.fixture
def embargoed_item(folder_source, drop_folder):
    shutil.copy(FILES / "embargoed-v1.xml", drop_folder)
    poll(folder_source)
    return WireItem.objects.get()


def ready_to_publish(story):
    story.summary = "Parliament votes on the budget."
    story.lead_photo = make_photo()
    story.save()


def test_the_draft_carries_the_wire_copy_bylined_to_the_agency(embargoed_item, folder_source):
    reporter = make_user("Reporter")
    story = services.make_draft(item=embargoed_item, user=reporter)
    assert story.status == Article.Status.DRAFT and story.created_by == reporter
    assert (story.headline, story.body) == (embargoed_item.headline, embargoed_item.body)
    assert story.section == folder_source.section
    (byline,) = story.bylines.select_related("author")
    assert byline.author.name == "Example Press" and byline.author.user is None
    embargoed_item.refresh_from_db()
    assert embargoed_item.story == story


def test_the_first_revision_is_the_wire_copy_and_the_history_says_where_it_came_from(embargoed_item):
    editor = make_user("Editor")
    story = services.make_draft(item=embargoed_item, user=editor)
    (first,) = Version.objects.get_for_object(story)
    assert first.revision.comment == (
        "Wire copy as received, not our reporting. "
        "From Example Press wire, urn:newsml:example.org:20261203:budget version 1."
    )
    assert first.field_dict["body"] == embargoed_item.body
    entry = LogEntry.objects.get(object_id=str(story.pk))
    assert entry.get_change_message() == "From Example Press wire, urn:newsml:example.org:20261203:budget version 1."
    story.body += "<p>Our reporter adds context.</p>"
    workflow.save_changes(article=story, user=editor)
    assert Version.objects.get_for_object(story).last().field_dict["body"] == embargoed_item.body


def test_an_embargoed_item_s_draft_cannot_be_published_or_scheduled_before_the_embargo(embargoed_item):
    editor = make_user("Editor")
    story = services.make_draft(item=embargoed_item, user=editor)
    assert story.embargo_until == embargoed_item.embargo_until
    ready_to_publish(story)
    with pytest.raises(workflow.EditorialError, match="under embargo until"):
        workflow.publish_now(article=story, user=editor)
    with pytest.raises(workflow.EditorialError, match="under embargo until"):
        workflow.schedule(article=story, user=editor, at=embargoed_item.embargo_until - timedelta(minutes=1))
    story.refresh_from_db()
    assert story.status == Article.Status.DRAFT
    workflow.schedule(article=story, user=editor, at=embargoed_item.embargo_until)
    assert story.status == Article.Status.PUBLISHED and story.published_at == embargoed_item.embargo_until


def test_a_draft_without_embargo_publishes(embargoed_item):
    WireItem.objects.filter(pk=embargoed_item.pk).update(embargo_until=timezone.now() - timedelta(hours=1))
    embargoed_item.refresh_from_db()
    editor = make_user("Editor")
    story = services.make_draft(item=embargoed_item, user=editor)
    ready_to_publish(story)
    workflow.publish_now(article=story, user=editor)
    assert story.is_published


def test_one_draft_per_item_and_none_from_a_replaced_version(embargoed_item, folder_source, drop_folder):
    editor = make_user("Editor")
    services.make_draft(item=embargoed_item, user=editor)
    with pytest.raises(workflow.EditorialError, match="already made"):
        services.make_draft(item=embargoed_item, user=editor)
    shutil.copy(FILES / "embargoed-v2.xml", drop_folder)
    poll(folder_source)
    first = WireItem.objects.get(version=1)
    WireItem.objects.filter(pk=first.pk).update(story=None)
    with pytest.raises(workflow.EditorialError, match="Version 2 replaces this one"):
        services.make_draft(item=first, user=editor)
    assert Article.objects.count() == 1


def test_the_agency_s_profile_is_made_once(embargoed_item, folder_source, drop_folder):
    editor = make_user("Editor")
    services.make_draft(item=embargoed_item, user=editor)
    shutil.copy(FILES / "embargoed-v2.xml", drop_folder)
    poll(folder_source)
    second = services.make_draft(item=WireItem.objects.get(version=2), user=editor)
    assert second.slug == "budget-vote-moved-to-saturday"
    assert {story.bylines.get().author_id for story in Article.objects.all()} == {second.bylines.get().author_id}


@pytest.mark.parametrize("role", ["Bio manager", None])
def test_other_roles_may_not_make_drafts(embargoed_item, role):
    with pytest.raises(workflow.NotAllowed):
        services.make_draft(item=embargoed_item, user=make_user(role))
    assert not Article.objects.exists()


def test_a_person_with_the_agency_s_slug_is_not_bylined_for_it(embargoed_item):
    person = make_author(name="Example Press-Smith", slug="example-press", user=make_user("Reporter"))
    story = services.make_draft(item=embargoed_item, user=make_user("Editor"))
    agency = story.bylines.get().author
    assert agency != person and (agency.name, agency.slug, agency.user) == (
        "Example Press",
        "example-press-agency",
        None,
    )


@pytest.mark.parametrize("status", ["canceled", "withheld"])
def test_no_draft_from_an_item_the_agency_took_back(folder_source, drop_folder, status):
    withdrawn = (FILES / "embargoed-v1.xml").read_text().replace("stat:usable", f"stat:{status}")
    (drop_folder / "withdrawn.xml").write_text(withdrawn)
    poll(folder_source)
    item = WireItem.objects.get()
    assert item.pub_status == status
    with pytest.raises(workflow.EditorialError, match=f"The agency has {status} this item"):
        services.make_draft(item=item, user=make_user("Editor"))
    assert not Article.objects.exists()
