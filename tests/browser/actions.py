"""What a person does in the browser tests, and what the tests check with axe: shared by the test modules."""

import re

from axe_playwright_python.sync_playwright import Axe
from django.test import Client

SERIOUS = {"serious", "critical"}


def serious_violations(page):
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']]}"
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]


class Clicks:
    """Counts what a person does with the mouse: clicks and choices in a menu (typing is not counted)."""

    def __init__(self):
        self.count = 0

    def click(self, locator):
        self.count += 1
        locator.click()

    def choose(self, locator, **option):
        self.count += 1
        locator.select_option(**option)


def log_in(page, site, username, next_address="/admin/"):
    page.goto(f"{site}/admin/login/?next={next_address}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(re.escape(next_address) + "$"))


def log_in_as(page, site, user):
    """Signs `user` in without the login form: the session of a test client, as the browser's cookie."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}])


def choose_in_autocomplete(page, field_id, text):
    """Pick `text` in the admin's select2 autocomplete for the <select id=field_id>, as a person would."""
    page.locator(f"#{field_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def leave_quietly(page):
    """Leaves an admin page and gives the live server a moment to finish what leaving sends (the
    article form's autosave and the presence beacon) before the database is flushed: on PostgreSQL a
    request still running then could deadlock with the flush."""
    if "/admin/" in page.url:
        page.goto("about:blank")
        page.wait_for_timeout(300)


def close_quietly(context):
    for opened in context.pages:
        leave_quietly(opened)
    context.close()


def notice_violations(page, selector):
    """axe's serious and critical findings inside the elements `selector` finds."""
    assert page.locator(selector).count() > 0, selector
    results = Axe().run(page, context={"include": [[selector]]})
    return [violation["id"] for violation in results.response["violations"] if violation["impact"] in SERIOUS]
