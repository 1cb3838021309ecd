"""What the API answers, as typed schemas: the OpenAPI document at /api/schema/ is made from these."""

from datetime import datetime
from typing import Annotated, Literal

from django.conf import settings
from ninja import Schema
from pydantic import Field

# The editions' language codes (settings.LANGUAGES): en, uk.
Language = Literal[tuple(code for code, _ in settings.LANGUAGES)]


class Rendition(Schema):
    width: int
    height: int
    files: dict[str, str] = Field(description="The rendition's address in each format made: avif, webp, jpeg.")


class Credit(Schema):
    text: str = Field(description="As readers see it: photographer/source.")
    photographer: str
    source: str
    url: str | None


class Photo(Schema):
    url: str = Field(description="The original (metadata stripped).")
    width: int | None
    height: int | None
    alt_text: str
    caption: str
    credit: Credit | None
    renditions: dict[str, list[Rendition]] = Field(
        description="Per slot (lead 16:9, square, full, social), every width made, smallest first; "
        "empty until the renditions are built."
    )


class Named(Schema):
    name: str
    slug: str
    url: str


class Byline(Named):
    pass


class Translation(Schema):
    id: int
    language: Language
    url: str


class Story(Schema):
    id: int
    language: Language = Field(description="The edition the story is in.")
    translations: list[Translation] = Field(
        description="The story's published versions in the other languages (none that readers cannot see)."
    )
    headline: str
    slug: str
    url: str
    summary: str
    section: Named
    tags: list[Named]
    authors: list[Byline]
    published_at: datetime
    updated_at: datetime | None = Field(description="The last substantive update readers were told of.")
    reading_minutes: int
    is_live: bool = Field(description="A live story whose coverage has not ended.")
    is_breaking: bool
    video_url: str | None
    lead_photo: Photo | None = Field(
        description="The lead photo, or a video story's poster. In a list, its renditions are the slots a list "
        "shows (lead, square); the story in full has every slot."
    )


class StoryPage(Schema):
    items: list[Story]
    next: str | None = Field(description="The address of the next (older) page; null on the last.")


class Author(Named):
    role: str
    short_bio: str
    bio: str
    avatar: Photo | None


class Correction(Schema):
    kind: str
    text: str
    created_at: datetime


class Related(Schema):
    story_id: int | None = Field(description="One of our stories, or null for a page elsewhere.")
    title: str
    url: str
    summary: str


class UpdateCorrection(Schema):
    text: str
    created_at: datetime


class LiveUpdate(Schema):
    id: int
    url: str
    posted_at: datetime
    edited_at: datetime | None
    headline: str
    body_html: str
    pinned: bool
    authors: list[Byline]
    photo: Photo | None
    corrections: list[UpdateCorrection]


class StoryDetail(Story):
    body_html: str = Field(description="Sanitised HTML: paragraphs, headings, lists, quotes and links.")
    authors: list[Author]
    corrections: list[Correction]
    related: list[Related]
    coverage_ended_at: datetime | None
    live_updates: list[LiveUpdate] | None = Field(
        description="A live story's latest updates, newest first; null for other stories."
    )


class ChangedStory(Story):
    deleted: Literal[False] = False
    changed_at: datetime


class Tombstone(Schema):
    id: int
    deleted: Literal[True] = True
    reason: Literal["killed", "unpublished", "trashed", "deleted"] = Field(
        description="killed; unpublished (back to draft, or scheduled again for a later time); moved to the "
        "trash; deleted."
    )
    killed_at: datetime | None = Field(description="When it was killed; null for the other reasons.")
    changed_at: datetime = Field(description="When readers stopped seeing it.")


class ChangePage(Schema):
    items: list[Annotated[ChangedStory | Tombstone, Field(discriminator="deleted")]] = Field(
        description="Oldest change first: published stories as they are now, and those readers could see "
        "and no longer can as tombstones."
    )
    next: str | None = Field(description="The address of the next page; null when there is none yet.")


class AuthorList(Schema):
    items: list[Author]


class NamedList(Schema):
    items: list[Named]


class Error(Schema):
    detail: str | list
