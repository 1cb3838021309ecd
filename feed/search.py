"""Full-text search over stories.

PostgreSQL: a stored, weighted tsvector (headline A, summary B, body text C) with a GIN index,
`websearch_to_tsquery` for the reader's words (it never raises on stray quotes or operators),
`ts_rank` for ordering and `ts_headline` for snippets, whose matches the story card marks. Other
databases (SQLite in development) get a plain fallback: every word must appear in the headline,
summary or body, ranked with the same weights.

Each edition searches its own stories in its own way (docs/languages.md). English: PostgreSQL's
`english` configuration (Snowball stemming). Ukrainian, which PostgreSQL has no stemmer for: each word
is indexed as its dictionary forms (lemmas, from pymorphy3's Ukrainian dictionary), computed in
Python when the story is saved, with the `simple` configuration; the reader's words are looked up the
same way, each as any of its forms. So "Києві" finds a story that says "Київ".

Only the newest matches are ranked (settings.NEWSROOM_SEARCH_CANDIDATES), and results are paged
with a keyset cursor on (rank, id) within them: see `search_page`.
"""

import html
import math
import re
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.core.exceptions import BadRequest
from django.db import connections, models
from django.db.models import F, Func, Q, Value
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.html import strip_tags

from .pagination import EPOCH, micros_since_epoch

SEARCH_CONFIG = "english"
# The text-search configuration of each edition. Ukrainian documents and queries are dictionary forms.
SEARCH_CONFIGS = {"en": SEARCH_CONFIG, "uk": "simple"}
LEMMATISED = {"uk"}
# A Ukrainian word, apostrophe (any of its three usual characters) included; forms are kept without it,
# since PostgreSQL's parser would split a word there.
UK_WORD_RE = re.compile(r"\w+(?:['’ʼ]\w+)*")
APOSTROPHES = re.compile(r"['’ʼ]")
MAX_QUERY_LENGTH = 200
# Two or more minus signs with nothing but spaces or punctuation between them (websearch_to_tsquery
# skips those). PostgreSQL nests one NOT for each, and more than 32 overflow its query stack ("tsquery
# stack too small": a 500 for "----…" or "-!-!-!…").
NEGATIONS = re.compile(r'-(?:[^\w"]*-)+')
# The fallback turns each word into three LIKE tests; more words than this add nothing useful.
MAX_FALLBACK_WORDS = 8
# ts_rank's default weights for D, C, B, A; the fallback uses the same for body, summary, headline.
WEIGHTS = {"headline": 1.0, "summary": 0.4, "body": 0.2}
MARK, END_MARK = "<mark>", "</mark>"
WORD_RE = re.compile(r"\w+")


def plain_body():
    """The body with its tags replaced by spaces, in SQL. Entities (&amp;) are left for the
    parser, which skips them when indexing; `headline_parts` decodes them in snippets."""
    return Func(
        F("body"), Value("<[^>]*>"), Value(" "), Value("g"), function="regexp_replace", output_field=models.TextField()
    )


@lru_cache(maxsize=1)
def _ukrainian_morphology():
    import pymorphy3  # loaded on the first Ukrainian search or save: 80 ms and 15 MB

    return pymorphy3.MorphAnalyzer(lang="uk")


@lru_cache(maxsize=100_000)
def dictionary_forms(word):
    """Every dictionary form a lower-case Ukrainian word can be of, without apostrophes: "києві" →
    ("кий", "київ"). All of them, not a guess at the likeliest: a document and a query that share any
    form match, and a wrong extra form costs a little precision, never a story found by its own words."""
    forms = {APOSTROPHES.sub("", parse.normal_form) for parse in _ukrainian_morphology().parse(word)}
    return tuple(sorted(form for form in forms if form))


def lemmatised(text):
    """Plain text as the dictionary forms of its words, space-separated: what a Ukrainian story is indexed as."""
    return " ".join(form for word in UK_WORD_RE.findall(text.lower()) for form in dictionary_forms(word))


def lemma_query(text):
    """The reader's words as a tsquery of dictionary forms: each word any of its forms, every word
    needed, and a word after a minus sign excluded. "" if there is no word."""
    groups = []
    for token in text.lower().split():
        negated = token.startswith("-")
        for word in UK_WORD_RE.findall(token):
            forms = " | ".join(f"'{form}'" for form in dictionary_forms(word))
            if forms:
                groups.append(f"!({forms})" if negated else f"({forms})")
    return " & ".join(groups)


def lemmatised_vector(headline, summary, body):
    """The weighted document of a Ukrainian story (PostgreSQL only), from its text in Python."""
    config = SEARCH_CONFIGS["uk"]
    body_text = html.unescape(strip_tags(body))
    return (
        SearchVector(Value(lemmatised(headline)), weight="A", config=config)
        + SearchVector(Value(lemmatised(summary)), weight="B", config=config)
        + SearchVector(Value(lemmatised(body_text)), weight="C", config=config)
    )


def query_words(text, edition):
    """What the database is given for the reader's words in `edition`: the words as typed, for
    websearch_to_tsquery, or in a lemmatised edition a raw tsquery of their dictionary forms ("" if
    there is no word)."""
    return lemma_query(text) if edition in LEMMATISED else text


def search_query(words, edition):
    """The SearchQuery of query_words()."""
    search_type = "raw" if edition in LEMMATISED else "websearch"
    return SearchQuery(words, search_type=search_type, config=SEARCH_CONFIGS.get(edition, SEARCH_CONFIG))


def reader_query(text, edition):
    """The SearchQuery for what the reader typed in `edition`, or None if it has nothing to look for."""
    words = query_words(text, edition)
    return search_query(words, edition) if words else None


def search_vector():
    """The weighted document every English story is indexed as (PostgreSQL only); Ukrainian ones are
    lemmatised_vector()'s."""
    return (
        SearchVector("headline", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector(plain_body(), weight="C", config=SEARCH_CONFIG)
    )


class PortableGinIndex(GinIndex):
    """A GIN index on PostgreSQL. Other databases get a plain index instead, because SQLite
    rebuilds every index of a table when it alters one and cannot build a GIN index; the column
    stays empty there, so that index costs nothing."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor == "postgresql":
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        return models.Index.create_sql(self, model, schema_editor, **kwargs)


def clean_query(raw):
    """The reader's words as we search for them: whitespace collapsed, each run of minus signs (NOT,
    to websearch_to_tsquery) cut to the one it means, at most MAX_QUERY_LENGTH characters. Returns
    (words, was_shortened). NUL never gets here (newsroom.middleware)."""
    text = NEGATIONS.sub(lambda run: "-" * (run.group().count("-") % 2), " ".join(raw.split()))
    if len(text) > MAX_QUERY_LENGTH:
        return text[:MAX_QUERY_LENGTH].rstrip(), True
    return text, False


def fallback_words(text):
    return list(dict.fromkeys(word.lower() for word in WORD_RE.findall(text)))[:MAX_FALLBACK_WORDS]


def matching(queryset, text):
    """`queryset` narrowed to the stories matching `text` (the fallback of databases other than PostgreSQL)."""
    words = fallback_words(text)
    if not words:  # only punctuation or symbols: nothing to look for
        return queryset.none()
    for word in words:
        queryset = queryset.filter(Q(headline__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word))
    return queryset


def ranked(queryset, text):
    """`queryset` annotated with `rank` for `text` (higher is better): the fallback's weights."""
    rank = Value(0.0)
    for word in fallback_words(text):
        for field, weight in WEIGHTS.items():
            rank += models.Case(
                models.When(**{f"{field}__icontains": word}, then=Value(weight)),
                default=Value(0.0),
                output_field=models.FloatField(),
            )
    return queryset.annotate(rank=Coalesce(rank, Value(0.0), output_field=models.FloatField()))


def candidates(queryset, matches):
    """The stories of `queryset` among the newest settings.NEWSROOM_SEARCH_CANDIDATES `matches` (all of
    them if None)."""
    limit = settings.NEWSROOM_SEARCH_CANDIDATES
    if limit is None:
        return matches
    return queryset.filter(pk__in=matches.order_by("-published_at", "-id").values("pk")[:limit])


def searched(queryset, query, as_of, edition, after=None):
    """PostgreSQL: the stories of `queryset` matching `query` (a SearchQuery), among the newest
    settings.NEWSROOM_SEARCH_CANDIDATES matches published by `as_of`, best first, after (rank, id)
    `after` if given; each with `rank` and `snippet` (ts_headline output; read it with
    `headline_parts`). In Ukrainian the snippet marks the words written as their dictionary form:
    ts_headline compares the body's words, not their forms. search_page() and
    feed.listings.StoryList.search() run it."""
    matches = candidates(queryset, queryset.filter(published_at__lte=as_of, search_vector=query))
    results = matches.annotate(
        # ts_rank is a float4, which comes back as its shortest text ("0.0607927") and then no
        # longer equals itself in a cursor; as a float8 it round-trips exactly.
        rank=Cast(SearchRank(F("search_vector"), query), models.FloatField()),
        snippet=SearchHeadline(
            plain_body(),
            query,
            config=SEARCH_CONFIGS.get(edition, SEARCH_CONFIG),
            start_sel=MARK,
            stop_sel=END_MARK,
            max_words=30,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        ),
    )
    return ranked_after(results, after)


def headline_parts(marked):
    """A ts_headline snippet as [(text, is_match)], for the story card to mark the matches: the
    text between our <mark> tags, decoded (the body's entities) and with its whitespace collapsed.
    Tags were stripped in SQL, so a literal "<mark>" can only be one of ours."""
    parts = []
    in_mark = False
    for part in re.split(r"(</?mark>)", marked or ""):
        if part == MARK:
            in_mark = True
        elif part == END_MARK:
            in_mark = False
        elif part:
            parts.append((re.sub(r"\s+", " ", html.unescape(part)), in_mark))
    return parts


def highlight_words(text, words):
    """`text` as [(text, is_match)], each of `words` a match (the fallback's snippet)."""
    if not words:
        return [(text, False)] if text else []
    pattern = re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)), re.IGNORECASE)
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts += [(text[last : match.start()], False), (match.group(), True)]
        last = match.end()
    parts.append((text[last:], False))
    return [(part, is_match) for part, is_match in parts if part]


# "<rank>:<id>:<as of>": rank as Python's repr of a float (round-trips exactly), id as digits, and
# the first page's time in microseconds since the epoch (at most 16 digits: before the year 2286).
# Links made before the time was added have no third part.
CURSOR_RE = re.compile(r"(\d{1,20}(?:\.\d{1,20})?(?:e-?\d{1,3})?):(\d{1,18})(?::(\d{1,16}))?", re.ASCII)


def encode_cursor(item, as_of):
    return f"{item.rank!r}:{item.pk}:{micros_since_epoch(as_of)}"


def decode_cursor(value):
    """(rank, id, as of) from a cursor; as of is None in a link without it. BadRequest (a 400 page)
    if it is malformed."""
    match = CURSOR_RE.fullmatch(value)
    rank = float(match.group(1)) if match else math.nan
    if not math.isfinite(rank):
        raise BadRequest("This “Show More” link is malformed.")
    as_of = match.group(3)
    return rank, int(match.group(2)), None if as_of is None else EPOCH + timedelta(microseconds=int(as_of))


@contextmanager
def planned_for_its_words(connection):
    """Queries run inside are planned for their own parameters every time, never prepared. With
    prepared statements on (settings.py), PostgreSQL soon plans a query once for any parameters, and
    that plan cannot know how many stories the words match: it took the GIN index and sorted every
    match by date (180 ms for a word in 45,000 of 100,000 stories), where walking the feed index
    newest first stops after the candidates (14 ms). Planning each search costs 1 to 2 ms."""
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    psycopg_connection = connection.connection
    threshold = psycopg_connection.prepare_threshold
    psycopg_connection.prepare_threshold = None
    try:
        yield
    finally:
        psycopg_connection.prepare_threshold = threshold


@dataclass
class Page:
    items: list
    next_cursor: str | None


def search_page(queryset, text, cursor, size, edition="en"):
    """One page of results, best first, after `cursor` (None: the first page).

    Ranking reads every ranked story's whole search document, so a common word, in tens of thousands
    of stories, cost hundreds of milliseconds when every match was ranked. Only the newest
    settings.NEWSROOM_SEARCH_CANDIDATES matches are (None: all of them): PostgreSQL finds those by
    walking the feed index newest first and testing each story for a common word, or from the GIN
    index and a sort for a rare one. The best match older than them is not found; docs/performance.md
    says how often that changes the first page.

    Keyset on (rank, id) within those candidates rather than OFFSET: no result comes twice, and the
    database stops after size + 1 rows of its sort. The cursor carries the first page's time, and
    the candidates are the newest matches published by then, so a story published while the reader
    pages cannot push a candidate out of them (it would be skipped). Each item gets `snippet_parts`
    (headline_parts()). `edition`: the language the words are in (the stories' own).
    """
    connection = connections[queryset.db]
    after, as_of = page_position(cursor)
    if connection.vendor == "postgresql":
        query = reader_query(text, edition)
        if query is None:
            return Page(items=[], next_cursor=None)
        with planned_for_its_words(connection):
            items = list(searched(queryset, query, as_of, edition, after)[: size + 1])
        return results_page(items, size, as_of, text)
    results = ranked(candidates(queryset, matching(queryset.filter(published_at__lte=as_of), text)), text)
    return results_page(list(ranked_after(results, after)[: size + 1]), size, as_of, text)


def ranked_after(results, after):
    """`results` (annotated with `rank`) best first, after (rank, id) `after` if given: keyset paging."""
    if after is not None:
        rank, pk = after
        results = results.filter(Q(rank__lt=rank) | Q(rank=rank, pk__lt=pk))
    return results.order_by("-rank", "-id")


def page_position(cursor):
    """((rank, id) or None, as of) for a page after `cursor` (None: the first page)."""
    if not cursor:
        return None, timezone.now()
    rank, pk, as_of = decode_cursor(cursor)
    return (rank, pk), as_of or timezone.now()


def results_page(items, size, as_of, text):
    """The Page that `items`, read `size + 1` at most, begin; each item with its `snippet_parts`."""
    has_more = len(items) > size
    items = items[:size]
    words = fallback_words(text)
    for item in items:
        snippet = getattr(item, "snippet", None)
        item.snippet_parts = headline_parts(snippet) if snippet else highlight_words(item.summary, words)
    return Page(items=items, next_cursor=encode_cursor(items[-1], as_of) if has_more else None)
