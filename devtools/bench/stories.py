"""Bulk seeding of published stories for the benchmarks, at PostgreSQL COPY speed (PostgreSQL only),
in news-like text made from the demo newsroom's words.

The rows are written the way the pages read them: stories with a section, a lead photo or a video
poster, one or two bylines, three tags and two related links each, and the same weighted search
document Article.save() stores (feed.search.search_vector; a test compares the two). Rows go in
with COPY into a temporary table, then one INSERT … SELECT moves them into feed_article computing
the search vectors on the way, so each story row is written once (an UPDATE afterwards would write
every row, and its GIN index entry, a second time). That INSERT runs on two connections at once,
because computing the vectors (to_tsvector over every body) is most of the seeding time.
"""

import itertools
import random
import re
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import TaggedItem

from devtools.demo import content
from feed.models import Article, Byline, RelatedLink

# One paragraph is 50 words; a story's body is 5 of them, drawn from a pool made once, because
# drawing 250 Zipf-weighted words for each of 100,000 stories took longer than all the inserts.
PARAGRAPH_WORDS = 50
PARAGRAPHS_PER_STORY = 5
PARAGRAPH_POOL = 4000
VIDEO_EVERY = 25
TAGS_PER_STORY = 3
CO_AUTHOR_EVERY = 5
STAGING_TABLE = "bench_article_rows"

# The same document as feed.search.search_vector(), over the staging table's columns.
SEARCH_VECTOR_SQL = (
    "setweight(to_tsvector('english'::regconfig, coalesce(headline, '')), 'A')"
    " || setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B')"
    " || setweight(to_tsvector('english'::regconfig, coalesce(regexp_replace(body, '<[^>]*>', ' ', 'g'), '')), 'C')"
)

ARTICLE_COLUMNS = [
    "id",
    "language",
    "headline",
    "slug",
    "summary",
    "body",
    "status",
    "published_at",
    "created_at",
    "modified_at",
    "lead_photo_caption",
    "reading_minutes",
    "video_url",
    "lead_photo_id",
    "video_poster_id",
    "section_id",
    "kill_notice",
    "version",
    "is_breaking",
    "live_coverage",
]
WORD_RE = re.compile(r"[a-z]{4,}")


def vocabulary():
    """The words of the demo newsroom's story templates: news-like text with a realistic spread."""
    source = Path(content.__file__).read_text()
    words = sorted(set(WORD_RE.findall(source.lower())))
    random.Random(1).shuffle(words)
    return words


class TextMaker:
    """News-like text from a vocabulary with a Zipf-like spread: a few words in most stories, most in few."""

    def __init__(self, words, rng):
        self.words = words
        self.rng = rng
        # cum_weights: random.choices would otherwise add up the weights again on every call.
        self.cum_weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))
        self.paragraphs = [f"<p>{self.text(PARAGRAPH_WORDS).capitalize()}.</p>" for _ in range(PARAGRAPH_POOL)]

    def text(self, count):
        return " ".join(self.rng.choices(self.words, cum_weights=self.cum_weights, k=count))

    def body(self):
        return "".join(self.rng.choices(self.paragraphs, k=PARAGRAPHS_PER_STORY))


def _reserve_ids(model, count):
    """`count` new primary keys of `model`'s table, taken from its sequence in one statement."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), nextval(pg_get_serial_sequence(%s, 'id')) + %s - 1)",
            [table, table, count],
        )
        last = cursor.fetchone()[0]
    return range(last - count + 1, last + 1)


def _copy(cursor, table, columns, rows):
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _move_into_place(job):
    """Moves one share of the staged stories into feed_article with their search vectors, on this
    thread's own database connection."""
    shares, share = job
    columns = ", ".join(ARTICLE_COLUMNS)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO feed_article ({columns}, search_vector)"
                f" SELECT {columns}, {SEARCH_VECTOR_SQL} FROM {STAGING_TABLE} WHERE id %% %s = %s",
                [shares, share],
            )
    finally:
        connection.close()


def seed_stories(*, count, first_number, slug_prefix, text, sections, authors, tags, photos, workers=2, progress=None):
    """Inserts `count` published stories numbered from `first_number` (slug `<slug_prefix><number>`,
    each three minutes older than the one before) and their bylines, tags and related links.

    Returns the seconds each phase took: making the rows in Python, copying them in, computing the
    search vectors while moving the stories into place (over `workers` connections), and ANALYZE.
    Runs outside a transaction: the other connections must see the staged rows.
    """
    if connection.vendor != "postgresql":
        raise NotImplementedError("Bulk seeding uses PostgreSQL's COPY.")
    phases = {}
    started = time.perf_counter()
    now = timezone.now()
    ids = _reserve_ids(Article, count)
    stories, bylines, tagged, links = [], [], [], []
    content_type = ContentType.objects.get_for_model(Article).pk
    for offset, pk in enumerate(ids):
        number = first_number + offset
        video = number % VIDEO_EVERY == 0
        photo = photos[number % len(photos)].pk
        stories.append(
            (
                pk,
                "en",
                text.text(8).capitalize(),
                f"{slug_prefix}{number}",
                text.text(25).capitalize() + ".",
                text.body(),
                Article.Status.PUBLISHED,
                now - timedelta(minutes=number * 3 + 1),
                now,
                now,
                "",
                2,
                "https://vimeo.com/76979871" if video else "",
                None if video else photo,
                photo if video else None,
                sections[number % len(sections)].pk,
                "",
                1,
                False,
                False,
            )
        )
        bylines.append((pk, authors[number % len(authors)].pk, 0))
        if number % CO_AUTHOR_EVERY == 0:
            bylines.append((pk, authors[(number + 7) % len(authors)].pk, 1))
        tagged += [(tags[(number * 7 + k * 13) % len(tags)].pk, content_type, pk) for k in range(TAGS_PER_STORY)]
        # Two related stories: the next older one, placed after the second paragraph, and one
        # ten older, listed after the body. The oldest stories link to what is there.
        if offset + 1 < count:
            links.append((pk, pk + 1, 2, 0, "", ""))
        if offset + 10 < count:
            links.append((pk, pk + 10, None, 1, "", ""))
    phases["rows made in Python"] = time.perf_counter() - started

    mark = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {STAGING_TABLE}")
        cursor.execute(f"CREATE UNLOGGED TABLE {STAGING_TABLE} (LIKE feed_article INCLUDING DEFAULTS)")
        with transaction.atomic():
            _copy(cursor, STAGING_TABLE, ARTICLE_COLUMNS, stories)
    phases["COPY stories (staging)"] = time.perf_counter() - mark
    if progress:
        progress("stories copied")

    # Computing the search vectors is most of the work: one share of the rows per connection,
    # each in its own thread (the staging table is a plain table so that every connection sees it).
    mark = time.perf_counter()
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(_move_into_place, [(workers, share) for share in range(workers)]))
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {STAGING_TABLE}")
    phases[f"INSERT with search vectors ({workers} connections)"] = time.perf_counter() - mark
    if progress:
        progress("stories in place")

    mark = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        _copy(cursor, Byline._meta.db_table, ["article_id", "author_id", "position"], bylines)
        _copy(cursor, TaggedItem._meta.db_table, ["tag_id", "content_type_id", "object_id"], tagged)
        link_columns = ["article_id", "target_id", "after_paragraph", "position", "url", "title"]
        _copy(cursor, RelatedLink._meta.db_table, link_columns, links)
    phases["COPY bylines, tags, links"] = time.perf_counter() - mark

    mark = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    phases["ANALYZE"] = time.perf_counter() - mark
    return phases
