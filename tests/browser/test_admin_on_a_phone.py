"""The admin at 390 px wide: filters above the rows, the Bylines table whole, the trash button apart from Save."""

import pytest

from tests.browser.actions import log_in_as
from tests.factories import change_url, make_ready_article, make_user

pytestmark = pytest.mark.django_db(transaction=True)

WIDTH = 390


@pytest.fixture
def editor_on_a_phone(site, roles, phone_page):
    log_in_as(phone_page, site, make_user("Editor"))
    return phone_page


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def test_list_filters_sit_above_the_rows_with_the_unused_ones_folded(site, editor_on_a_phone):
    page = editor_on_a_phone
    for _ in range(6):
        make_ready_article(tags=["Kyiv"])
    page.goto(site + "/admin/feed/article/?state=live")
    filters, rows = box(page, "#changelist-filter"), box(page, "#result_list")
    assert filters["y"] + filters["height"] <= rows["y"]
    open_groups = page.locator("#changelist-filter details[open]")
    assert open_groups.count() == 1  # the status filter, which is in use
    assert "By status" in open_groups.first.inner_text()
    page.locator("#changelist-filter summary", has_text="By Tags").click()
    assert page.locator("#changelist-filter a", has_text="Kyiv").is_visible()


def test_the_bylines_table_fits_with_position_and_delete_in_view(site, editor_on_a_phone):
    page = editor_on_a_phone
    page.goto(site + change_url(make_ready_article()))
    page.wait_for_load_state("load")
    for selector in ("#bylines-0 td.field-author .select2", "#id_bylines-0-position", "#bylines-0 td.delete input"):
        shown = box(page, selector)
        assert shown["x"] >= 0 and shown["x"] + shown["width"] <= WIDTH, selector


def test_the_trash_button_is_well_apart_from_the_save_buttons(site, editor_on_a_phone):
    page = editor_on_a_phone
    page.goto(site + change_url(make_ready_article()))
    page.wait_for_load_state("load")
    last_save, trash = box(page, "input[name=_continue]"), box(page, ".submit-row a.deletelink")
    assert trash["y"] - (last_save["y"] + last_save["height"]) >= 24
