"""The reader pages' lists of stories (the News Feed, a section, a topic, an author, video), a page of
story cards at a time, in one query whose SQL is built once per process for each list, page size and
kind of page (the first, or one after a cursor): common.compiled. Building and compiling the listing
queryset, and loading its rows through select_related(), was a fifth of the home page's time
(docs/performance.md)."""

from datetime import datetime

from django.conf import settings
from django.db import connections, router
from django.utils import timezone

from common.compiled import CompiledInstances, Layout
from common.editions import current_edition
from media.models import Photo

from .models import LISTING_FIELDS, LISTING_PHOTO_FIELDS, Article, Section
from .pagination import decode_cursor, page_of
from .search import page_position, planned_for_its_words, query_words, results_page, search_page, search_query, searched

# What a story card reads (feed/_story_card.html, as ArticleQuerySet.for_listing() loads it).
CARD_LAYOUTS = [
    Layout(
        Article,
        {"id", "section_id", "lead_photo_id", "video_poster_id"}
        | {field for field in LISTING_FIELDS if "__" not in field},
    ),
    Layout(
        Section,
        {"id"} | {field.split("__")[1] for field in LISTING_FIELDS if field.startswith("section__")},
        "section__",
    ),
    Layout(Photo, {"id", *LISTING_PHOTO_FIELDS}, "lead_photo__"),
    Layout(Photo, {"id", *LISTING_PHOTO_FIELDS}, "video_poster__"),
]
CURSOR_PARAMETERS = {"published_before": datetime, "id_before": int}


class StoryList:
    """A list of the published stories of the page's edition that `stories(queryset, **values)` narrows
    (`parameters` name each value's type, as for common.compiled.CompiledQuery)."""

    def __init__(self, stories=lambda queryset: queryset, **parameters):
        self.stories = stories
        self.parameters = parameters
        self.queries = {}

    def published(self, now, edition, **values):
        return self.stories(Article.objects.published(now).in_edition(edition), **values)

    def page(self, cursor, size, **values):
        """The page of `size` stories after `cursor` (None: the first), as feed.pagination.keyset_page()
        gives it; BadRequest for a malformed cursor."""
        values |= {"now": timezone.now(), "edition": current_edition()}
        if cursor:
            values["published_before"], values["id_before"] = decode_cursor(cursor)
        return page_of([self._card(*row) for row in self._query(bool(cursor), size).instances(**values)], size)

    def search(self, text, cursor, size, **values):
        """feed.search.search_page() over this list, for what the reader typed in the page's edition. On
        PostgreSQL its query is built once per process for each edition, page size, number of candidates
        and kind of page (the words are a value): building and compiling it was two thirds of a search's
        time in Python, a third of a three-word search's in all (docs/performance.md)."""
        edition = current_edition()
        connection = connections[router.db_for_read(Article)]
        words = query_words(text, edition)
        if connection.vendor != "postgresql" or not words:
            return search_page(
                self.published(timezone.now(), edition, **values).for_listing(), text, cursor, size, edition
            )
        after, as_of = page_position(cursor)
        values |= {"now": timezone.now(), "words": words, "as_of": as_of}
        if after is not None:
            values["rank_after"], values["id_after"] = after
        query = self._search_query(edition, after is not None, size, settings.NEWSROOM_SEARCH_CANDIDATES)
        with planned_for_its_words(connection):
            rows = query.instances(**values)
        items = [self._card(*cards) for *cards, _, _ in rows]
        for item, (*_, rank, snippet) in zip(items, rows, strict=True):
            item.rank, item.snippet = rank, snippet
        return results_page(items, size, as_of, text)

    def exists(self, **values):
        return self.published(timezone.now(), current_edition(), **values).exists()

    def _query(self, after_cursor, size):
        key = after_cursor, size
        if key not in self.queries:

            def build(now, edition, published_before=None, id_before=None, **values):
                stories = self.published(now, edition, **values)
                if after_cursor:
                    stories = stories.before(published_before, id_before)
                return stories.order_by("-published_at", "-id")[: size + 1]

            self.queries[key] = CompiledInstances(
                Article,
                build,
                CARD_LAYOUTS,
                now=datetime,
                edition=str,
                **self.parameters,
                **(CURSOR_PARAMETERS if after_cursor else {}),
            )
        return self.queries[key]

    def _search_query(self, edition, after_cursor, size, candidates):
        key = "search", edition, after_cursor, size, candidates
        if key not in self.queries:

            def build(now, words, as_of, rank_after=None, id_after=None, **values):
                after = (rank_after, id_after) if after_cursor else None
                stories = self.published(now, edition, **values)
                return searched(stories, search_query(words, edition), as_of, edition, after)[: size + 1]

            self.queries[key] = CompiledInstances(
                Article,
                build,
                CARD_LAYOUTS,
                extra=["rank", "snippet"],
                now=datetime,
                words=str,
                as_of=datetime,
                **self.parameters,
                **({"rank_after": float, "id_after": int} if after_cursor else {}),
            )
        return self.queries[key]

    @staticmethod
    def _card(article, section, lead_photo, video_poster):
        article.section = section
        if lead_photo is not None:
            article.lead_photo = lead_photo
        if video_poster is not None:
            article.video_poster = video_poster
        return article


NEWS_FEED = StoryList()
SECTION = StoryList(lambda stories, section: stories.filter(section=section), section=int)
TOPIC = StoryList(lambda stories, tag, content_type: stories.tagged(tag, content_type), tag=int, content_type=int)
AUTHOR = StoryList(lambda stories, author: stories.filter(bylines__author=author), author=int)
VIDEOS = StoryList(lambda stories: stories.videos())
# What the search page searches: the edition's stories, or those of a section, of an author, or of both.
SEARCH_SCOPES = {
    (): NEWS_FEED,
    ("section",): SECTION,
    ("author",): AUTHOR,
    ("author", "section"): StoryList(
        lambda stories, section, author: stories.filter(section=section, bylines__author=author),
        section=int,
        author=int,
    ),
}
