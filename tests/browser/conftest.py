"""Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

Playwright never downloads a browser here: it launches /usr/bin/chromium. Where that is missing,
every test in this folder is skipped with a message that says so.
"""

import os
from pathlib import Path

import pytest

from feed.roles import sync_roles
from tests.browser.actions import close_quietly

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"]

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make between
# page actions are still synchronous, so Django's guard against async contexts does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    message = f"!!! Chromium not found at {CHROMIUM}: browser tests SKIPPED (apt-get install chromium) !!!"
    skip = pytest.mark.skip(reason=message)
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(skip)
    config.issue_config_time_warning(pytest.PytestWarning(message), stacklevel=2)


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def site(live_server, settings):
    """The live server's address, with uploaded photos served as they are by `make run`."""
    settings.ROOT_URLCONF = "tests.browser.urls"
    settings.NEWSROOM_FEED_PAGE_SIZE = 5
    return live_server.url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    close_quietly(context)


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    # As `page`: the article form's autosave and presence beacon must end before the database is flushed
    # (a CI run on SQLite met "database table is locked" at this fixture's teardown).
    close_quietly(context)


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(java_script_enabled=False)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def roles():
    """The newsroom's groups. The live server's tests flush the database after each test, groups included
    (Django then makes the permissions again, not the groups a migration made)."""
    sync_roles()
