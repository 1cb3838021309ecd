"""The Wire inbox in the admin: the list, an item's page, and *Make a draft*."""

import shutil

import pytest
from django.urls import reverse

from feed.models import Article
from tests.factories import make_user
from wires.inbox import poll
from wires.models import WireItem, WireSource

from .conftest import FILES, IPTC_EXAMPLES

pytestmark = pytest.mark.django_db

LIST = reverse("admin:wires_wireitem_changelist")


@pytest.fixture
def inbox(folder_source, drop_folder):
    for name in ("embargoed-v1.xml", "xhtml-with-creditline.xml", "billion-laughs.xml"):
        shutil.copy(FILES / name, drop_folder)
    shutil.copy(IPTC_EXAMPLES / "newsml-g2-text-document.xml", drop_folder)
    poll(folder_source)
    shutil.copy(FILES / "embargoed-v2.xml", drop_folder)
    poll(folder_source)
    return folder_source


def item_page(item):
    return reverse("admin:wires_wireitem_change", args=[item.pk])


@pytest.mark.parametrize("role", ["Editor", "Reporter"])
def test_the_inbox_lists_items_newest_first_with_agency_embargo_and_versions(client, inbox, role):
    client.force_login(make_user(role))
    response = client.get(LIST)
    assert response.status_code == 200
    rows = list(response.context["cl"].result_list)
    assert rows == list(WireItem.objects.order_by("-received_at", "-id"))
    assert rows[0].headline == "Budget vote moved to Saturday"
    page = response.content.decode()
    assert "1 (replaced by version 2)" in page
    assert "Until 1 January 2099, 14:00" in page  # local time, Kyiv
    assert "Example Wire / Kyiv" in page


def test_the_inbox_searches_and_filters_by_agency(client, inbox):
    client.force_login(make_user("Editor"))
    found = client.get(LIST, {"q": "trams"}).context["cl"].result_list
    assert [item.headline for item in found] == ["Trams back on the left bank"]
    by_agency = client.get(LIST, {"agency": "Example Press"}).context["cl"].result_list
    assert {item.version for item in by_agency} == {1, 2}
    current = client.get(LIST, {"agency": "Example Press", "replaced": "no"}).context["cl"].result_list
    assert [item.version for item in current] == [2]


def test_the_item_page_shows_the_text_the_replacement_and_the_button(client, inbox):
    client.force_login(make_user("Reporter"))
    second = WireItem.objects.get(version=2)
    page = client.get(item_page(second)).content.decode()
    assert "<p>Parliament will vote on Saturday.</p>" in page
    assert second.replacement_note in page
    assert "Make a draft" in page
    first = client.get(item_page(WireItem.objects.get(version=1))).content.decode()
    assert "Version 2 replaces this one" in first and "Make a draft" not in first


@pytest.mark.parametrize("role", ["Editor", "Reporter"])
def test_make_a_draft_opens_the_new_story_and_the_item_shows_it(client, inbox, role):
    client.force_login(make_user(role))
    item = WireItem.objects.get(version=2)
    response = client.post(reverse("admin:wires_wireitem_make_draft", args=[item.pk]))
    story = Article.objects.get()
    assert response.status_code == 302 and response.url == reverse("admin:feed_article_change", args=[story.pk])
    assert client.get(response.url).status_code == 200
    page = client.get(item_page(item)).content.decode()
    assert f'href="{reverse("admin:feed_article_change", args=[story.pk])}"' in page and "Make a draft" not in page
    again = client.post(reverse("admin:wires_wireitem_make_draft", args=[item.pk]), follow=True)
    assert "already made" in again.content.decode() and Article.objects.count() == 1


def test_make_a_draft_is_a_post_and_unknown_items_are_404(client, inbox):
    client.force_login(make_user("Editor"))
    item = WireItem.objects.first()
    assert client.get(reverse("admin:wires_wireitem_make_draft", args=[item.pk])).status_code == 405
    assert client.post(reverse("admin:wires_wireitem_make_draft", args=[999999])).status_code == 404
    assert client.get(reverse("admin:wires_wireitem_change", args=["999999"])).status_code == 404
    assert client.get(reverse("admin:wires_wireitem_change", args=["x"])).status_code == 404


def test_a_bio_manager_sees_no_inbox(client, inbox):
    client.force_login(make_user("Bio manager"))
    item = WireItem.objects.first()
    assert client.get(LIST).status_code == 403
    assert client.get(item_page(item)).status_code == 403
    assert client.post(reverse("admin:wires_wireitem_make_draft", args=[item.pk])).status_code == 403
    assert not Article.objects.exists()


def test_editors_see_the_refused_files_and_why(client, inbox):
    client.force_login(make_user("Editor"))
    response = client.get(reverse("admin:wires_wirefile_changelist"), {"error__isempty": "0"})
    assert response.status_code == 200
    assert [wire_file.name for wire_file in response.context["cl"].result_list] == ["billion-laughs.xml"]
    assert "Refused: the file declares a DTD" in response.content.decode()
    assert client.get(reverse("admin:wires_wiresource_changelist")).status_code == 200
    assert client.get(reverse("admin:wires_wiresource_change", args=[inbox.pk])).status_code == 200


@pytest.mark.parametrize(("role", "linked"), [("Editor", True), ("Reporter", True), ("Bio manager", False)])
def test_the_desk_links_to_the_wire_for_those_who_may_read_it(client, role, linked):
    client.force_login(make_user(role))
    assert (f'href="{LIST}"' in client.get("/admin/", follow=True).content.decode()) is linked


def test_the_wire_list_runs_the_same_queries_however_many_items(client, inbox, django_assert_max_num_queries):
    client.force_login(make_user("Editor"))
    client.get(LIST)
    with django_assert_max_num_queries(20) as few:
        client.get(LIST)
    for n in range(10):
        WireItem.objects.create(source=inbox, guid=f"extra-{n}", headline=f"Extra {n}", agency=f"Agency {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(LIST).status_code == 200


def test_a_source_outside_wires_root_is_a_form_error(client, folder_source):
    client.force_login(make_user("Editor"))
    data = {
        "name": "Elsewhere",
        "agency_name": "Elsewhere Press",
        "kind": "folder",
        "location": "/etc",
        "section": folder_source.section_id,
        "is_active": "on",
    }
    response = client.post(reverse("admin:wires_wiresource_add"), data)
    assert response.status_code == 200
    assert "inside" in str(response.context["adminform"].form.errors["location"])
    response = client.post(reverse("admin:wires_wiresource_add"), data | {"location": "elsewhere"})
    assert response.status_code == 302
    assert WireSource.objects.filter(name="Elsewhere").exists()
