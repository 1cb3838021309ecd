"""A live story's page, its updates' pages and its poll, fed hostile values through the address:
never a server error. A malformed "Show More" cursor is a 400, an unknown slug or update a 404."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from live import services
from tests.factories import make_ready_article
from tests.properties.conftest import get
from tests.properties.strategies import fuzz, path_segments, query_strings, values


@pytest.fixture
def live_story(world):
    story = make_ready_article(slug="live-story", live_coverage=True, section=world.section)
    updates = [
        services.post_update(article=story, user=world.editor, body=f"<p>Update {n}.</p>", pinned=n == 0)
        for n in range(3)
    ]
    return story, [str(update.pk) for update in updates]


@fuzz
@given(data=st.data())
def test_live_page_with_any_slug_and_cursor(client, world, live_story, data):
    story, update_ids = live_story
    slug = data.draw(path_segments(story.slug, world.articles[0].slug))
    query = data.draw(query_strings({"before": values(*update_ids)}))
    get(client, f"/live/{slug}/?{query}", {200, 301, 302, 400, 404})


@fuzz
@given(data=st.data())
def test_update_page_and_poll_with_any_slug_and_id(client, world, live_story, data):
    story, update_ids = live_story
    slug = data.draw(path_segments(story.slug))
    update_id = data.draw(path_segments(*update_ids))
    junk = data.draw(query_strings({}))
    get(client, f"/live/{slug}/updates/{update_id}/?{junk}", {200, 301, 404})
    get(client, f"/live/{slug}/poll/?{junk}", {200, 301, 304, 404})
