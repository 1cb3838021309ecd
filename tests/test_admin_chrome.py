"""What every admin page carries: the newsroom's icon."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["admin:index", "admin:feed_article_changelist", "admin:feed_article_add"])
def test_admin_pages_name_their_icon_so_browsers_do_not_ask_for_favicon_ico(admin_client, page):
    """Without it, every admin page made the browser ask for /favicon.ico: a 404 in the log."""
    soup = BeautifulSoup(admin_client.get(reverse(page)).content, "html.parser")
    icon = soup.select_one('head link[rel="icon"]')
    assert icon["href"] == static("newsroom/favicon.svg")
    assert finders.find("newsroom/favicon.svg")
