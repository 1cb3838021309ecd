"""Every public page and its parameters, fed hostile values through the address: never a server error.

Each test draws all the parameters of one page at once, 1,000 examples per test, so each parameter
gets at least 1,000 examples. A malformed "Show More" cursor must be a 400, an unknown slug a 404.
"""

from hypothesis import given
from hypothesis import strategies as st

from tests.properties.conftest import CLIENT_ERRORS, SUCCESSES, get
from tests.properties.strategies import fuzz, path_segments, query_strings, values

LISTING_OUTCOMES = {200, 400, 404}


def show_more(world):
    return query_strings({"before": values(*world.cursors)})


@fuzz
@given(data=st.data())
def test_home_and_video_pages_with_any_cursor(client, world, data):
    page = data.draw(st.sampled_from(["/", "/video/"]))
    get(client, f"{page}?{data.draw(show_more(world))}", LISTING_OUTCOMES)


@fuzz
@given(data=st.data())
def test_section_page_with_any_slug_and_cursor(client, world, data):
    slug = data.draw(path_segments(world.section.slug))
    get(client, f"/section/{slug}/?{data.draw(show_more(world))}", LISTING_OUTCOMES | {301})


@fuzz
@given(data=st.data())
def test_tag_page_with_any_slug_and_cursor(client, world, data):
    slug = data.draw(path_segments(world.tag, "київ"))
    get(client, f"/tags/{slug}/?{data.draw(show_more(world))}", LISTING_OUTCOMES | {301})


@fuzz
@given(data=st.data())
def test_author_page_with_any_slug_and_cursor(client, world, data):
    slug = data.draw(path_segments(world.author.slug))
    get(client, f"/authors/{slug}/?{data.draw(show_more(world))}", LISTING_OUTCOMES | {301})


@fuzz
@given(data=st.data())
def test_article_page_with_any_slug(client, world, data):
    slug = data.draw(path_segments(*(article.slug for article in world.articles), world.draft.slug))
    junk = data.draw(query_strings({}))
    get(client, f"/news/{slug}/?{junk}", {200, 301, 404, 410})


@fuzz
@given(data=st.data(), as_editor=st.booleans())
def test_preview_with_any_id(client, world, data, as_editor):
    if as_editor:
        client.force_login(world.editor)
    else:
        client.logout()
    story_id = data.draw(path_segments(str(world.draft.pk), str(world.articles[0].pk)))
    get(client, f"/preview/{story_id}/", {200, 301, 404})


@fuzz
@given(data=st.data())
def test_search_with_any_parameters(client, world, data):
    params = {
        "q": values("story", "first paragraph", '"second paragraph"', "-story or number", "story number 3"),
        "section": values(world.section.slug),
        "author": values(world.author.slug),
        # A search cursor is "<rank>:<id>"; near misses of a plausible one.
        "after": values("0.1:1", "0.0607927:3", "1e-05:2", f"0.5:{world.articles[0].pk}"),
    }
    get(client, f"/search/?{data.draw(query_strings(params))}", {200, 400})


FEEDS_WITH_SLUGS = ["section", "tags", "authors"]


@fuzz
@given(data=st.data())
def test_feeds_with_any_slug(client, world, data):
    kind = data.draw(st.sampled_from(FEEDS_WITH_SLUGS))
    likely = {"section": [world.section.slug], "tags": [world.tag, "київ"], "authors": [world.author.slug]}[kind]
    slug = data.draw(path_segments(*likely))
    flavour = data.draw(st.sampled_from(["rss", "atom"]))
    get(client, f"/{kind}/{slug}/{flavour}/?{data.draw(query_strings({}))}", {200, 301, 404})


FIXED_ADDRESSES = [
    "/feeds/rss/",
    "/feeds/atom/",
    "/video/rss/",
    "/video/atom/",
    "/feeds/partners/rss/",
    "/corrections/",
    "/sitemap.xml",
    "/sitemap-news.xml",
    "/robots.txt",
    "/healthz",
]


@fuzz
@given(address=st.sampled_from(FIXED_ADDRESSES), data=st.data())
def test_pages_without_parameters_ignore_any_query(client, world, address, data):
    get(client, f"{address}?{data.draw(query_strings({}))}", {200})


@fuzz
@given(data=st.data())
def test_sitemaps_with_any_name_and_page(client, world, data):
    month = f"articles-{world.articles[0].published_at:%Y-%m}"
    name = data.draw(path_segments(month, "authors", "tags", "sections", "articles-1970-01", "articles-9999-12"))
    query = data.draw(query_strings({"p": values("1", "2", "0", "-1")}))
    get(client, f"/sitemaps/{name}.xml?{query}", {200, 404})


@fuzz
@given(data=st.data())
def test_any_address_at_all(client, world, data):
    """Paths no route expects: the resolver and the middleware (slash appending) must cope."""
    segments = data.draw(st.lists(path_segments("news", "tags", "section", "admin", "preview", "rss"), max_size=4))
    trailing = data.draw(st.sampled_from(["", "/"]))
    get(client, "/" + "/".join(segments) + trailing, SUCCESSES | CLIENT_ERRORS)
