"""The desk in a real browser: one click to publish from it, quick post, autosave across a closed tab,
presence between two browsers, and axe on the desk."""

import re
import time

import pytest
from django.utils import timezone

from desk.models import EditingSession, WorkingCopy
from feed.models import Article
from tests.browser.actions import Clicks, close_quietly, log_in, notice_violations, serious_violations
from tests.factories import make_author, make_draft, make_photo, make_ready_article, make_section, make_user

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = "/tmp/desk-{}.png"
HEARTBEAT_MS = 8_000  # desk/static/desk/autosave.js


def in_review(**kw):
    return make_ready_article(status=Article.Status.REVIEW, published_at=None, **kw)


def test_an_editor_publishes_a_story_in_review_from_the_desk_in_one_click(site, roles, page):
    story = in_review(headline="Metro reopens after the night's alert")
    make_user("Editor", username="editor")
    log_in(page, site, "editor")
    clicks = Clicks()

    row = page.get_by_role("region", name="In review").get_by_role("row").filter(has_text=story.headline)
    clicks.click(row.get_by_role("button", name=re.compile("^Publish now")))

    page.wait_for_url(re.compile(r"/admin/$"))
    assert clicks.count <= 3
    story.refresh_from_db()
    assert story.is_published
    assert "Published." in page.locator(".messagelist").inner_text()
    live = page.get_by_role("region", name="Live in the last 24 hours")
    assert story.headline in live.inner_text()
    page.screenshot(path=SCREENSHOTS.format("editor"), full_page=True)


def test_a_reporter_quick_posts_a_story_for_review_in_at_most_five_clicks(site, roles, page):
    make_section(name="Kyiv")
    author = make_author(name="Olena Shevchenko")
    make_user("Reporter", username="reporter", author=author)
    log_in(page, site, "reporter")
    clicks = Clicks()

    clicks.click(page.get_by_role("link", name="Quick post"))
    page.get_by_label("Headline").fill("Power cut across the left bank")
    page.get_by_label("Story").fill("Kyiv's left bank lost power at 14:00.\n\nCrews are on their way.")
    clicks.choose(page.get_by_label("Section"), label="Kyiv")
    assert page.get_by_label("Byline").locator("option:checked").inner_text() == "Olena Shevchenko"
    page.screenshot(path=SCREENSHOTS.format("quick-post"), full_page=True)
    clicks.click(page.get_by_role("button", name="Submit for review"))

    page.wait_for_url(re.compile(r"/admin/$"))
    assert clicks.count <= 5
    story = Article.objects.get()
    assert story.status == Article.Status.REVIEW
    assert story.body == "<p>Kyiv's left bank lost power at 14:00.</p><p>Crews are on their way.</p>"
    assert [byline.author for byline in story.bylines.all()] == [author]
    assert story.headline in page.get_by_role("region", name="In review").inner_text()


def test_an_editor_s_breaking_quick_post_goes_live_in_at_most_five_clicks(site, roles, page):
    make_section(name="Kyiv")
    make_user("Editor", username="editor", author=make_author(name="Ivan Petrenko"))
    log_in(page, site, "editor")
    clicks = Clicks()

    clicks.click(page.get_by_role("link", name="Quick post"))
    page.get_by_label("Headline").fill("Air raid alert over Kyiv")
    page.get_by_label("Story").fill("Sirens sounded across the capital.\n\nResidents are asked to take shelter.")
    clicks.choose(page.get_by_label("Section"), label="Kyiv")
    assert page.get_by_label("Breaking news").is_checked()
    clicks.click(page.get_by_role("button", name="Publish now"))

    page.wait_for_url(re.compile(r"/admin/$"))
    story = Article.objects.get()
    assert story.is_published and story.is_breaking and story.lead_photo is None
    assert clicks.count <= 5
    page.goto(f"{site}/")
    card = page.locator("article", has_text="Air raid alert over Kyiv").first
    assert card.locator(".breaking-label").inner_text().lower() == "breaking"


def test_a_tab_closed_mid_sentence_offers_its_text_back_exactly(site, roles, browser):
    story = make_ready_article(headline="Bridge reopens", body="<p>The bridge reopened at dawn.</p>")
    make_user("Editor", username="editor")
    change = f"/admin/feed/article/{story.pk}/change/"

    first = browser.new_context()
    page = first.new_page()
    log_in(page, site, "editor", change)
    body = page.locator(".ProseMirror[contenteditable=true]")
    body.click()
    body.press("End")
    with page.expect_response(re.compile(r"/autosave/$")) as autosaved:
        body.type(" Traffic is slow on the approach, the city's road serv")
    assert autosaved.value.ok
    typed = page.locator("textarea[name=body]").input_value()
    first.close()  # the tab is gone, nothing was saved

    story.refresh_from_db()
    assert "road serv" not in story.body
    second = browser.new_context()
    page = second.new_page()
    log_in(page, site, "editor", change)
    notice = page.get_by_role("region", name=re.compile(r"Restore your unsaved changes from \d\d:\d\d"))
    assert "Traffic is slow on the approach, the city's road serv" in notice.inner_text()
    page.screenshot(path=SCREENSHOTS.format("restore"), full_page=True)
    # The form's own problems are the article form's (test_accessibility.py); these are the notice's.
    assert notice_violations(page, "#content-main > .desk-notice") == []
    notice.get_by_role("link", name=re.compile("Restore your unsaved changes")).click()

    page.locator(".ProseMirror[contenteditable=true]").wait_for()
    assert page.locator("textarea[name=body]").input_value() == typed
    assert page.locator(".ProseMirror[contenteditable=true]").inner_text().endswith("the city's road serv")
    page.get_by_role("button", name="Save and continue editing").click()
    page.get_by_text("was changed successfully").wait_for()
    story.refresh_from_db()
    assert story.body == typed
    assert not WorkingCopy.objects.exists()
    close_quietly(second)


def test_presence_shows_in_the_other_browser_and_goes_when_it_leaves(site, roles, browser):
    story = make_ready_article(headline="Bridge reopens")
    make_user("Editor", username="olena", first_name="Olena")
    make_user("Editor", username="ivan", first_name="Ivan")
    change = f"/admin/feed/article/{story.pk}/change/"
    olena_context, ivan_context = browser.new_context(), browser.new_context()
    # Olena's page learns of Ivan at its next heartbeat (every 8 s): her clock is moved on rather than waited for.
    olena_context.clock.install()
    olena, ivan = olena_context.new_page(), ivan_context.new_page()
    log_in(olena, site, "olena", change)
    log_in(ivan, site, "ivan", change)

    ivan.locator("#desk-presence").get_by_text("Olena has been editing since").wait_for()  # his first heartbeat
    olena.clock.run_for(HEARTBEAT_MS)
    presence = olena.locator("#desk-presence")
    presence.get_by_text(re.compile(r"Ivan has been editing since \d\d:\d\d")).wait_for(timeout=20_000)
    olena.screenshot(path=SCREENSHOTS.format("presence"), full_page=True)
    assert notice_violations(olena, "#desk-presence") == []

    listing = browser.new_context()
    list_page = listing.new_page()
    make_user("Editor", username="desk")
    log_in(list_page, site, "desk", "/admin/feed/article/")
    assert "Olena, Ivan" in list_page.locator("td.field-editing_now").inner_text() or "Ivan, Olena" in (
        list_page.locator("td.field-editing_now").inner_text()
    )
    close_quietly(listing)

    ivan.goto(site + "/admin/")  # Ivan leaves the story
    deadline = time.monotonic() + 10
    while EditingSession.objects.filter(user__username="ivan").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    olena.clock.run_for(HEARTBEAT_MS)
    presence.get_by_text("Ivan has been editing").wait_for(state="detached", timeout=20_000)
    assert list(EditingSession.objects.values_list("user__username", flat=True)) == ["olena"]
    close_quietly(olena_context)
    close_quietly(ivan_context)


def test_axe_finds_no_serious_problem_on_the_desk(site, roles, page):
    make_section(name="Kyiv")
    in_review(headline="Waiting for an editor")
    make_ready_article(headline="Went live an hour ago")
    make_ready_article(headline="Goes live tomorrow", published_at=timezone.now() + timezone.timedelta(days=1))
    make_draft(headline="Council votes on the shelter budget", created_by=make_user("Editor", username="editor"))
    colleague = make_user("Editor", first_name="Olena", last_name="Shevchenko")
    live = make_ready_article(headline="Being rewritten", lead_photo=make_photo())
    EditingSession.objects.create(user=colleague, article=live, started_at=timezone.now(), last_seen=timezone.now())
    log_in(page, site, "editor")
    page.screenshot(path=SCREENSHOTS.format("desk"), full_page=True)
    assert serious_violations(page) == []
    page.get_by_role("link", name="Quick post").click()
    assert serious_violations(page) == []
