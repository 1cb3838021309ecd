"""The wire inbox in a real browser: an editor goes from the desk to the Wire, reads an embargoed
item's newer version and makes a draft of it in one click; axe on the list and the item's page."""

import re
import shutil
from pathlib import Path

import pytest

from feed.models import Article
from tests.browser.actions import close_quietly, log_in, serious_violations
from tests.factories import make_section, make_user
from tests.wires.conftest import FILES, IPTC_EXAMPLES
from wires.inbox import poll
from wires.models import WireItem, WireSource

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def inbox(tmp_path, settings):
    settings.WIRES_ROOT = tmp_path
    source = WireSource.objects.create(
        name="Example Press drop folder",
        agency_name="Example Press",
        kind=WireSource.Kind.FOLDER,
        location=str(tmp_path),
        section=make_section(name="World", slug="world"),
    )
    for name in ("embargoed-v1.xml", "xhtml-with-creditline.xml", "billion-laughs.xml"):
        shutil.copy(FILES / name, tmp_path)
    shutil.copy(IPTC_EXAMPLES / "newsml-g2-text-document.xml", tmp_path)
    poll(source)
    shutil.copy(FILES / "embargoed-v2.xml", tmp_path)
    poll(source)
    return source


def test_an_editor_makes_a_draft_from_the_wire(site, roles, inbox, page):
    make_user("Editor", username="editor")
    log_in(page, site, "editor")

    page.get_by_role("link", name="Wire", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/wires/wireitem/$"))
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 4
    assert "Budget vote moved to Saturday" in rows.first.inner_text()
    assert "Until 1 January 2099, 14:00" in rows.first.inner_text()
    assert "1 (replaced by version 2)" in page.locator("#result_list").inner_text()
    assert serious_violations(page) == []
    page.screenshot(path=SCREENSHOTS / "wire-inbox.png", full_page=True)

    page.get_by_role("link", name="Budget vote moved to Saturday").click()
    assert "Version 2 replaces version 1 received" in page.locator(".wire-meta").inner_text()
    assert "Parliament will vote on Saturday." in page.locator(".wire-body").inner_text()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Make a draft").click()

    page.wait_for_url(re.compile(r"/admin/feed/article/\d+/change/$"))
    story = Article.objects.get()
    assert story.status == Article.Status.DRAFT
    assert story.embargo_until == WireItem.objects.get(version=2).embargo_until
    assert "the wire copy is its first revision" in page.locator(".messagelist").inner_text()
    close_quietly(page.context)
