"""Published stories: the list, one story in full, and the change feed. Article.objects.published() is
the door, as for reader pages; a story readers cannot see is a 404 here too."""

from collections import defaultdict
from datetime import datetime
from functools import cache, lru_cache
from operator import itemgetter
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Value
from django.db.models.functions import Coalesce, Greatest
from django.http import Http404
from django.utils import timezone
from ninja import Query, Router
from taggit.models import Tag, TaggedItem

from authors.models import Author
from common.compiled import CompiledQuery
from common.editions import translated_columns
from feed.models import Article, Byline, Section, published_q
from live.models import LiveUpdate

from . import paging, representations
from .models import Withdrawal
from .renderers import json_response
from .schemas import ChangePage, Error, Language, StoryDetail, StoryPage

router = Router(tags=["stories"])

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 50
LIVE_UPDATES_SHOWN = 50
PageSize = Query(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Items per page.")
Since = Query(..., description="ISO 8601 time; one without an offset is UTC.")
Cursor = Query(None, max_length=40, description="The `next` address's cursor; leave out for the first page.")
InLanguage = Query(None, description="Only the stories of one edition: en or uk.")


TRANSLATION_ANNOTATIONS = [f"translation_{code}" for code, _ in settings.LANGUAGES]


def _next_address(request, cursor, **parameters):
    if cursor is None:
        return None
    query = {name: value for name, value in parameters.items() if value is not None} | {"cursor": cursor}
    return request.build_absolute_uri(f"{request.path}?{urlencode(query)}")


def _found(queryset, slug, what):
    found = queryset.filter(slug=slug).first()
    if found is None:
        raise Http404(f"No such {what}.")
    return found


LISTED = [*representations.LISTED_COLUMNS, *TRANSLATION_ANNOTATIONS]
# The story list's filters and the types of their values, with the time that decides what is published.
LIST_PARAMETERS = {
    "now": datetime,
    "language": str,
    "section": int,
    "tag": int,
    "content_type": int,
    "author": int,
    "published_before": datetime,
    "id_before": int,
}


# A process keeps the queries of the combinations it met last; each is some kilobytes of Django's query.
@lru_cache(maxsize=128)
def _story_rows(given, limit):
    """The story list's query for the values `given` (names of LIST_PARAMETERS) and one page size (its
    LIMIT is in the SQL), built once per process (common.compiled): building and compiling it each time
    was half of the list's time (docs/performance.md)."""

    def build(
        now,
        language=None,
        section=None,
        tag=None,
        content_type=None,
        author=None,
        published_before=None,
        id_before=None,
    ):
        stories = Article.objects.published(now)
        if "language" in given:
            stories = stories.filter(language=language)
        if "section" in given:
            stories = stories.filter(section=section)
        if "tag" in given:
            stories = stories.tagged(tag, content_type)
        if "author" in given:
            stories = stories.filter(bylines__author=author)
        if "published_before" in given:
            stories = stories.before(published_before, id_before)
        return stories.with_translations(now=now).order_by("-published_at", "-id").values_list(*LISTED)[: limit + 1]

    return CompiledQuery(Article, build, **{name: LIST_PARAMETERS[name] for name in given})


# An author's name and slug in every language, for the bylines of _listed().
AUTHOR_COLUMNS = translated_columns("author", "name", "slug")


@cache
def _bylines_and_tags(count):
    """The bylines with their authors' names and the tags of `count` stories, as one UNION ALL (a round
    trip less), built once per process for each count (common.compiled)."""
    stories = [f"story{number}" for number in range(count)]

    def build(content_type, **ids):
        bylined = (
            Byline.objects.filter(article_id__in=ids.values())
            .order_by()
            .values_list("article_id", "position", "id", *AUTHOR_COLUMNS)
        )
        no_column = Value(None, output_field=CharField())
        tagged = (
            TaggedItem.objects.filter(content_type_id=content_type, object_id__in=ids.values())
            .order_by()
            .values_list(
                "object_id",
                Value(-1),
                "id",
                "tag__name",
                *[no_column] * (len(AUTHOR_COLUMNS) // 2 - 1),
                "tag__slug",
                *[no_column] * (len(AUTHOR_COLUMNS) // 2 - 1),
            )
        )
        return bylined.union(tagged, all=True)

    return CompiledQuery(Byline, build, content_type=int, **dict.fromkeys(stories, int))


def _listed(request, rows):
    """The list items of these rows (representations.LISTED_COLUMNS), with one more query whatever their
    number: the bylines with their authors' names and the tags. An author is named in the language of the
    story (representations.in_language), chosen here rather than in SQL, whose CASE took longer to build
    than the query took to run."""
    if not rows:
        return []
    languages = {row["id"]: row["language"] for row in rows}
    bylines, tags = defaultdict(list), defaultdict(list)
    found = _bylines_and_tags(len(rows)).rows(
        content_type=ContentType.objects.get_for_model(Article).pk,
        **{f"story{number}": row["id"] for number, row in enumerate(rows)},
    )
    for story_id, position, _row_id, *columns in sorted(found, key=itemgetter(1, 2)):
        if position < 0:
            tags[story_id].append((columns[0], columns[len(columns) // 2]))
        else:
            author = dict(zip(AUTHOR_COLUMNS, columns, strict=True))
            language = languages[story_id]
            bylines[story_id].append(
                (
                    representations.in_language(author, "author__name", language),
                    representations.in_language(author, "author__slug", language),
                )
            )
    return [representations.listed_story(request, row, tags[row["id"]], bylines[row["id"]]) for row in rows]


@router.get(
    "/stories/",
    response={200: StoryPage, 400: Error, 404: Error, 429: Error},
    summary="Published stories, newest first",
)
def list_stories(
    request,
    section: str | None = Query(None, description="A section's slug."),
    tag: str | None = Query(None, description="A topic's slug."),
    author: str | None = Query(None, description="An author's slug."),
    language: Language | None = InLanguage,
    cursor: str | None = Cursor,
    limit: int = PageSize,
):
    """Filters combine; an unknown section, topic or author is a 404."""
    values = {"now": timezone.now()}
    if language is not None:
        values["language"] = language
    if section is not None:
        values["section"] = _found(Section.objects.all(), section, "section").pk
    # A topic or author only unpublished stories have is unknown here, as their reader pages are.
    if tag is not None:
        values["tag"] = _found(Tag.objects.filter(published_q("article__")), tag, "topic").pk
        values["content_type"] = ContentType.objects.get_for_model(Article).pk
    if author is not None:
        bylined = Author.objects.filter(published_q("bylines__article__"))
        values["author"] = _found(bylined, author, "author").pk
    if cursor is not None:
        values["published_before"], values["id_before"] = paging.decode(cursor)
    rows = [dict(zip(LISTED, row, strict=True)) for row in _story_rows(frozenset(values), limit).rows(**values)]
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = paging.encode(rows[-1]["published_at"], rows[-1]["id"]) if more else None
    page = {
        "items": _listed(request, rows),
        "next": _next_address(
            request, next_cursor, section=section, tag=tag, author=author, language=language, limit=limit
        ),
    }
    return json_response(request, page)


@router.get(
    "/stories/{int:story_id}/",
    response={200: StoryDetail, 404: Error, 429: Error},
    summary="One published story in full",
)
def story_detail(request, story_id: int):
    """With its body, authors' bios and avatars, corrections, related stories and, for a live story,
    its latest updates. A draft, scheduled, embargoed, killed or trashed story is a 404."""
    article = Article.objects.published().with_translations().one_for_page(author_bios=True, pk=story_id)
    if article is None:
        raise Http404("No such story.")
    updates = None
    if article.live_coverage:
        updates = list(LiveUpdate.objects.filter(story=article).shown().for_page()[:LIVE_UPDATES_SHOWN])
        for update in updates:
            update.story = article  # its address needs the story's slug, which we hold
    return representations.story_detail(request, article, updates)


def _tombstone(withdrawal):
    killed = withdrawal.reason == Withdrawal.Reason.KILLED
    return {
        "id": withdrawal.story_id,
        "deleted": True,
        "reason": withdrawal.reason,
        "killed_at": withdrawal.withdrawn_at if killed else None,
        "changed_at": withdrawal.withdrawn_at,
    }


@router.get(
    "/changes/",
    response={200: ChangePage, 400: Error, 429: Error},
    summary="Stories changed since a time, oldest change first",
)
def changes(
    request,
    updated_since: datetime = Since,
    language: Language | None = InLanguage,
    cursor: str | None = Cursor,
    limit: int = PageSize,
):
    """Published stories edited (or gone live) since `updated_since`, as in the list, and stories
    readers could see and no longer can (killed, unpublished, scheduled again, trashed, deleted) as
    tombstones (`deleted: true`), so that a client can remove them. A story's `changed_at` is its
    last edit or its publication, whichever is later (a scheduled story changes when it goes live);
    a tombstone's, when the story was taken down. Poll again with `updated_since` set to the last
    `changed_at` seen."""
    since = paging.as_utc(updated_since)
    stories = (
        Article.objects.published()
        .annotate(changed_at=Greatest("modified_at", Coalesce("published_at", "modified_at")))
        .filter(changed_at__gte=since)
    )
    # A story back on the site (restored, published again) is listed as it is now instead.
    withdrawals = Withdrawal.objects.filter(withdrawn_at__gte=since).exclude(
        story_id__in=Article.objects.published().values("pk")
    )
    if language is not None:
        stories = stories.filter(language=language)
        # A story deleted for good has no language left: its tombstone goes to every client.
        withdrawals = withdrawals.exclude(story_id__in=Article.objects.exclude(language=language).values("pk"))
    if cursor is not None:
        moment, pk = paging.decode(cursor)
        stories = stories.filter(paging.after(moment, pk))
        withdrawals = withdrawals.filter(paging.after(moment, pk, "withdrawn_at", "story_id"))
    # The page is the oldest `limit` of both, merged: one query each, whatever the page holds.
    rows = list(
        stories.with_translations()
        .order_by("changed_at", "pk")
        .values(*representations.LISTED_COLUMNS, *TRANSLATION_ANNOTATIONS, "changed_at")[: limit + 1]
    )
    tombstones = list(withdrawals.order_by("withdrawn_at", "story_id")[: limit + 1])
    entries = sorted(
        [(row["changed_at"], row["id"], row) for row in rows]
        + [(withdrawal.withdrawn_at, withdrawal.story_id, withdrawal) for withdrawal in tombstones],
        key=lambda entry: entry[:2],
    )
    more = len(entries) > limit
    entries = entries[:limit]
    listed = {item["id"]: item for item in _listed(request, [row for *_, row in entries if isinstance(row, dict)])}
    items = [
        {**listed[pk], "deleted": False, "changed_at": moment} if isinstance(entry, dict) else _tombstone(entry)
        for moment, pk, entry in entries
    ]
    next_cursor = paging.encode(*entries[-1][:2]) if more else None
    page = {
        "items": items,
        "next": _next_address(request, next_cursor, updated_since=since.isoformat(), language=language, limit=limit),
    }
    return json_response(request, page)
