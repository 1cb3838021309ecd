"""/search/: full-text search on PostgreSQL (weights, stemming, ranking, highlighted snippets, GIN
index), a simple fallback on SQLite, filters, keyset paging, and odd input that never gives a 500."""

import importlib
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.utils import timezone

from feed.models import Article
from feed.search import clean_query, search_page
from tests.factories import make_article, make_author, make_photo, make_section

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")


def results(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    soup = BeautifulSoup(response.content, "html.parser")
    return soup, [h.get_text(strip=True) for h in soup.select(".search-results .card__headline")]


def test_every_page_has_an_accessible_search_form_in_the_header(client):
    make_article()
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    form = soup.select_one("header form[role=search]")
    assert form["action"] == "/search/" and form["method"] == "get"
    field = form.find("input", attrs={"name": "q"})
    assert form.find("label", attrs={"for": field["id"]}).get_text(strip=True)


def test_the_search_page_box_has_one_type_attribute(client):
    """It once rendered type="text" and then type="search": invalid HTML (the Nu checker's duplicate attribute)."""
    content = client.get("/search/?q=drone").content.decode()
    (box,) = [tag for tag in content.split("<input")[1:] if 'id="id_q"' in tag.split(">")[0]]
    assert box.split(">")[0].count("type=") == 1
    assert 'type="search"' in box


def test_finds_published_stories_only(client):
    make_article(headline="Grain corridor reopens")
    make_article(headline="Grain corridor draft", status=Article.Status.DRAFT)
    make_article(headline="Grain corridor scheduled", published_at=timezone.now() + timedelta(hours=1))
    make_article(headline="Unrelated story")
    _soup, found = results(client, "/search/?q=grain+corridor")
    assert found == ["Grain corridor reopens"]


def test_headline_match_ranks_above_summary_above_body(client):
    now = timezone.now()
    make_article(headline="Story A", body="<p>The convoy reached Kherson.</p>", published_at=now - timedelta(hours=1))
    make_article(headline="Story B", summary="A convoy left at dawn.", published_at=now - timedelta(hours=2))
    make_article(headline="Convoy attacked near Kherson", published_at=now - timedelta(hours=3))
    _soup, found = results(client, "/search/?q=convoy")
    assert found == ["Convoy attacked near Kherson", "Story B", "Story A"]


def test_snippet_highlights_matches_and_escapes_the_body(client):
    make_article(
        headline="Shelling in Nikopol",
        summary="Shelling hit Nikopol again.",
        body="<p>Shelling hit <strong>Nikopol</strong> &amp; its port; &lt;script&gt;alert(1)&lt;/script&gt;.</p>",
    )
    soup, _found = results(client, "/search/?q=nikopol")
    snippet = soup.select_one(".search-results .card__snippet")
    assert [mark.get_text() for mark in snippet.find_all("mark")][:1] == ["Nikopol"]
    assert {tag.name for tag in snippet.find_all(True)} == {"mark"}  # no markup from the body survives
    assert "<script>" not in str(snippet)


@postgres_only
def test_postgres_search_stems_words_and_uses_the_body(client):
    make_article(headline="Story A", body="<p>Rescuers <em>searched</em> the collapsed buildings.</p>")
    make_article(headline="Story B", body="<p>Nothing to see here.</p>")
    soup, found = results(client, "/search/?q=building+search")
    assert found == ["Story A"]
    marks = [mark.get_text() for mark in soup.select(".card__snippet mark")]
    assert marks == ["searched", "buildings"]


@postgres_only
def test_postgres_websearch_syntax_phrases_and_exclusions(client):
    make_article(headline="Air defence shoots down drones over Kyiv")
    make_article(headline="Drones hit Odesa port")
    assert results(client, "/search/?q=drones+-odesa")[1] == ["Air defence shoots down drones over Kyiv"]
    assert results(client, '/search/?q="hit+odesa"')[1] == ["Drones hit Odesa port"]


@postgres_only
def test_search_vector_is_indexed_and_kept_up_to_date():
    article = make_article(headline="Blackout in Kharkiv")
    assert Article.objects.filter(search_vector="kharkiv").get() == article
    article.headline = "Blackout in Sumy"
    article.save()
    assert not Article.objects.filter(search_vector="kharkiv").exists()
    assert Article.objects.filter(search_vector="sumy").exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'article_search_idx'")
        (definition,) = cursor.fetchone()
    assert "USING gin (search_vector)" in definition


@postgres_only
def test_a_story_saved_again_unchanged_keeps_its_search_document_without_making_it_again(
    django_assert_num_queries,
):
    article = make_article(headline="Blackout in Kharkiv")
    article.status = Article.Status.DRAFT
    with django_assert_num_queries(1):  # the UPDATE (its address unchanged: no redirect to drop)
        article.save()
    article.headline = "Blackout in Sumy"
    article.save(update_fields=["status"])  # the text not saved: the next save must index it
    article.save()
    assert Article.objects.filter(search_vector="sumy").get() == article


@postgres_only
def test_migration_fills_the_vector_of_existing_stories():
    from django.apps import apps

    migration = importlib.import_module("feed.migrations.0005_article_search")
    make_article(headline="Ferry resumes on the Dnipro")
    Article.objects.update(search_vector=None)
    with connection.schema_editor() as editor:
        migration.fill_search_vectors(apps, editor)
    assert Article.objects.filter(search_vector="ferry").exists()


@postgres_only
def test_a_search_is_planned_for_its_words_every_time():
    """With prepared statements on, PostgreSQL plans a query run often enough once for any words,
    and that plan sorted every match of a common word by date (feed.search.planned_for_its_words)."""
    make_article(headline="Drone attack")
    stories = Article.objects.published().for_listing()

    def prepared(fragment):
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", [f"%{fragment}%"])
            return cursor.fetchone()[0]

    for _ in range(12):
        assert len(search_page(stories, "drone", None, 20).items) == 1
    assert prepared("ts_rank") == 0
    for _ in range(12):  # other queries are still prepared
        assert Article.objects.filter(slug="prepared-or-not").count() == 0
    assert prepared("prepared-or-not") + prepared('"feed_article"."slug" = $1') == 1


@postgres_only
def test_search_documents_are_stored_in_the_row():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute"
            " WHERE attrelid = 'feed_article'::regclass AND attname = 'search_vector'"
        )
        assert cursor.fetchone() == ("m",)


def test_filters_by_section_and_author(client):
    politics, sport = make_section(slug="politics"), make_section(slug="sport")
    writer = make_author(slug="writer")
    make_article(headline="Final vote on budget", section=politics, authors=[writer])
    make_article(headline="Final whistle in Lviv", section=sport)
    assert results(client, "/search/?q=final&section=politics")[1] == ["Final vote on budget"]
    assert results(client, "/search/?q=final&section=sport")[1] == ["Final whistle in Lviv"]
    assert results(client, "/search/?q=final&author=writer")[1] == ["Final vote on budget"]
    assert sorted(results(client, "/search/?q=final")[1]) == ["Final vote on budget", "Final whistle in Lviv"]


def test_show_more_pages_through_every_result_once(client, settings):
    """Keyset pages on (rank, id): 23 matches in pages of 5, each exactly once, best first."""
    settings.NEWSROOM_FEED_PAGE_SIZE = 5
    for n in range(23):
        # Different ranks (the word appears in the headline or only in the body) and ties.
        headline = f"Evacuation update {n}" if n % 3 == 0 else f"Update {n}"
        make_article(headline=headline, body="<p>Evacuation continues in the east.</p>")
    make_article(headline="Nothing relevant")
    url, seen, pages = "/search/?q=evacuation&section=", [], 0
    while url:
        response = client.get(url)
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        seen += [h.get_text(strip=True) for h in soup.select(".search-results .card__headline")]
        more = soup.select_one("[data-show-more]")
        url = more["href"] if more else None
        if url:
            assert parse_qs(urlparse(url).query)["q"] == ["evacuation"]
        pages += 1
    assert pages == 5
    assert len(seen) == len(set(seen)) == 23
    assert seen[:8] == sorted(seen[:8], key=lambda h: not h.startswith("Evacuation"))
    assert all(h.startswith("Evacuation") for h in seen[:8])


ODD_QUERIES = [
    "",
    "   ",
    '"',
    '"unclosed phrase',
    "-",
    "- - -",
    "OR",
    "or or or",
    "!",
    "&|!():*<>",
    "a & b | !c",
    "drone:*",
    "'; DROP TABLE feed_article; --",
    "<script>alert(1)</script>",
    "%",
    "_",
    "\\",
    "the and of",
    "Київ",
    "🚀🚀",
    "\u200b\u2028",
    "-" * 300,
    "- " * 100 + "drone",
    "--" * 40 + "drone",
    "-!" * 100,
    "-(" * 60 + "drone",
]


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_queries_give_a_clear_page(client, query):
    make_article(headline="Drone attack on Kyiv")
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert b"Search" in response.content


@pytest.mark.parametrize("query_string", ["q=%FF%FE%FD", "q=%C3%28", "q=%ED%A0%80", "q=drone%FF"])
def test_bad_utf8_gives_a_clear_page(client, query_string):
    make_article(headline="Drone attack on Kyiv")
    response = client.get("/search/", QUERY_STRING=query_string)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("typed", "searched"),
    [
        ("drone --attack", "drone attack"),
        ("drone ---attack", "drone -attack"),
        ("- - -drone", "-drone"),
        ("-!-!-drone", "-drone"),
        ("a - b", "a - b"),
    ],
)
def test_runs_of_minus_signs_mean_what_they_add_up_to(typed, searched):
    """make fuzz found "-" * 300 a 500 on PostgreSQL: each minus nests a NOT, and 33 overflow."""
    assert clean_query(typed) == (searched, False)


def test_a_huge_query_is_shortened_with_a_message(client):
    make_article(headline="Drone attack on Kyiv")
    soup, found = results(client, "/search/?q=" + "drone " + "x" * 10_000)
    assert "first 200 characters" in soup.select_one("[role=status]").get_text()
    assert found == []  # "drone" AND a 194-letter word


def test_empty_query_asks_for_words(client):
    make_article()
    soup, found = results(client, "/search/?q=")
    assert found == []
    assert "Type a few words" in soup.get_text()


@pytest.mark.parametrize("params", ["section=nope", "author=nope", "section=" + "x" * 5000])
def test_unknown_filters_are_a_400_with_the_form(client, params):
    make_article(headline="Drone attack")
    soup, _found = results(client, f"/search/?q=drone&{params}", status=400)
    assert soup.select_one(".search-notice--error")
    assert soup.select_one("form.search-form")


@pytest.mark.parametrize(
    "cursor",
    [
        "x",
        "1",
        "0.5:",
        ":1",
        "nan:1",
        "inf:1",
        "1e999:1",
        "-1:1",
        "0.5:1:2:3",
        "0.5:1:",
        "0.5:1:-2",
        "0.5:1:" + "9" * 17,
        "0.5%001",
    ],
)
def test_malformed_cursor_is_a_400(client, cursor):
    make_article(headline="Drone attack")
    assert client.get(f"/search/?q=drone&after={cursor}").status_code == 400


def show_more(client, url):
    """Every page's headlines from `url` on, following the "Show More" links."""
    pages = []
    while url:
        soup, found = results(client, url)
        pages.append(found)
        more = soup.select_one("[data-show-more]")
        url = more["href"] if more else None
    return pages


def test_a_link_made_before_the_cursor_had_its_time_still_works(client, settings):
    """Cursors were "<rank>:<id>" before the first page's time was added to them."""
    settings.NEWSROOM_FEED_PAGE_SIZE = 1
    make_article(headline="Drone attack", published_at=timezone.now() - timedelta(hours=2))
    make_article(headline="Drone attack", summary="Drones again.", published_at=timezone.now() - timedelta(hours=1))
    soup, first = results(client, "/search/?q=drone")
    url = soup.select_one("[data-show-more]")["href"]
    cursor = parse_qs(urlparse(url).query)["after"][0]
    assert cursor.count(":") == 2
    old_cursor = cursor.rsplit(":", 1)[0]
    assert first + show_more(client, f"/search/?q=drone&after={old_cursor}")[0] == ["Drone attack"] * 2


def test_only_the_newest_matches_are_ranked(client, settings):
    settings.NEWSROOM_SEARCH_CANDIDATES = 3
    now = timezone.now()
    # Newest first; the older ones match better (headline, then summary, then body only).
    for n, fields in enumerate(
        [
            {"headline": "Nothing relevant"},
            {"headline": "Body 1", "body": "<p>The evacuation goes on.</p>"},
            {"headline": "Summary 2", "summary": "An evacuation at dawn."},
            {"headline": "Body 3", "body": "<p>The evacuation goes on.</p>"},
            {"headline": "Evacuation 4"},
            {"headline": "Evacuation 5"},
        ]
    ):
        make_article(published_at=now - timedelta(minutes=n), **fields)
    # The three newest matches (the story without the word is none), best first, ties by id.
    assert results(client, "/search/?q=evacuation")[1] == ["Summary 2", "Body 3", "Body 1"]
    settings.NEWSROOM_SEARCH_CANDIDATES = None  # every match ranked
    found = results(client, "/search/?q=evacuation")[1]
    assert sorted(found[:2]) == ["Evacuation 4", "Evacuation 5"]
    assert found[2:] == ["Summary 2", "Body 3", "Body 1"]


def evacuation_stories(count):
    """`count` stories matching "evacuation", newest first: in the headline of every third, in the
    summary of the next and in the body of the third, so that ranks mix ties and differences."""
    now = timezone.now()
    kinds = [
        lambda n: {"headline": f"Evacuation {n}"},
        lambda n: {"headline": f"Summary {n}", "summary": "An evacuation at dawn."},
        lambda n: {"headline": f"Body {n}", "body": "<p>The evacuation goes on.</p>"},
    ]
    return [make_article(published_at=now - timedelta(minutes=n), **kinds[n % 3](n)) for n in range(count)]


def test_show_more_pages_through_the_candidates_once_each_best_first(client, settings):
    settings.NEWSROOM_SEARCH_CANDIDATES = 7
    settings.NEWSROOM_FEED_PAGE_SIZE = 3
    stories = evacuation_stories(10)
    pages = show_more(client, "/search/?q=evacuation")
    assert [len(page) for page in pages] == [3, 3, 1]
    seen = [headline for page in pages for headline in page]
    assert sorted(seen) == sorted(story.headline for story in stories[:7])
    kinds = [headline.split()[0] for headline in seen]
    assert kinds == ["Evacuation"] * 3 + ["Summary"] * 2 + ["Body"] * 2


def test_a_story_published_while_paging_neither_pushes_a_candidate_out_nor_repeats_one(client, settings):
    settings.NEWSROOM_SEARCH_CANDIDATES = 3
    settings.NEWSROOM_FEED_PAGE_SIZE = 1
    stories = evacuation_stories(6)  # the candidates: headline, summary and body matches
    soup, first = results(client, "/search/?q=evacuation")
    # Published after the first page, newer than every candidate and among the best matches: the
    # oldest candidate, the body match, must stay one.
    make_article(headline="Evacuation ordered", published_at=timezone.now())
    seen = first + [
        headline for page in show_more(client, soup.select_one("[data-show-more]")["href"]) for headline in page
    ]
    assert seen == [story.headline for story in stories[:3]]
    assert "Evacuation ordered" in results(client, "/search/?q=evacuation")[1]  # a new search finds it


def test_search_page_runs_a_fixed_number_of_queries(client, settings, django_assert_max_num_queries):
    """2 results or 25 (page of 30), with filters: the same count, at most 7 queries (the section
    and author filters; the results with section and photos; the section and author lists of the
    form; the header's section menu)."""
    settings.NEWSROOM_FEED_PAGE_SIZE = 30
    section, author = make_section(slug="politics"), make_author(slug="writer")

    def add(count):
        for _ in range(count):
            make_article(headline="Budget vote", section=section, authors=[author], lead_photo=make_photo())

    url = "/search/?q=budget&section=politics&author=writer"
    add(2)
    with django_assert_max_num_queries(7) as captured:
        assert len(results(client, url)[1]) == 2
    few = len(captured)
    add(23)
    with django_assert_max_num_queries(7) as captured:
        assert len(results(client, url)[1]) == 25
    assert len(captured) == few
