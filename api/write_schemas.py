"""What the write side takes and answers (api/writes.py)."""

from datetime import datetime
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, Field

from feed.models import Correction

from .schemas import Language


def _no_nul(value):
    # PostgreSQL cannot store a NUL character; refused here as a 400, as the middleware does for addresses.
    if "\x00" in value:
        raise ValueError("NUL characters are not allowed.")
    return value


Text = Annotated[str, AfterValidator(_no_nul)]
Slug = Annotated[str, Field(min_length=1, max_length=140), AfterValidator(_no_nul)]
Topic = Annotated[str, Field(min_length=1, max_length=100), AfterValidator(_no_nul)]


class StoryIn(Schema):
    language: Language = Field("en", description="The edition the draft is written for.")
    headline: Text = Field(min_length=1, max_length=200)
    summary: Text = Field("", max_length=500)
    body_html: Text = Field("", max_length=500_000, description="Sanitised as the editor's text is.")
    section: Slug = Field(description="A section's slug.")
    tags: list[Topic] = Field(default_factory=list, max_length=50)
    authors: list[Slug] = Field(default_factory=list, max_length=20, description="Author slugs, in byline order.")
    lead_photo: int | None = Field(None, description="A photo's id (uploaded in the admin).")
    is_breaking: bool = False


class StoryPatch(Schema):
    version: int = Field(description="The `version` the edit is based on; a stale one is a 409.")
    headline: Text | None = Field(None, min_length=1, max_length=200)
    summary: Text | None = Field(None, max_length=500)
    body_html: Text | None = Field(None, max_length=500_000)
    section: Slug | None = None
    tags: list[Topic] | None = Field(None, max_length=50)
    authors: list[Slug] | None = Field(None, max_length=20)
    lead_photo: int | None = Field(None, description="A photo's id; 0 removes the lead photo.")
    is_breaking: bool | None = None
    substantive_update: bool = Field(False, description="On a live story: readers see “Updated” with this time.")


class ScheduleIn(Schema):
    at: datetime = Field(description="When the story goes live; in the future.")


class KillIn(Schema):
    notice: Text = Field(min_length=1, max_length=300, description="What readers see at the story's address.")


class CorrectionIn(Schema):
    text: Text = Field(min_length=1, max_length=2000)
    kind: Correction.Kind = Correction.Kind.CORRECTION


class BioPatch(Schema):
    short_bio: Text | None = Field(None, max_length=600)
    bio: Text | None = Field(None, max_length=20_000)
    role: Text | None = Field(None, max_length=80, description="Only for roles that manage profiles.")


class WrittenBio(Schema):
    slug: str
    name: str
    role: str
    short_bio: str
    bio: str


class WrittenStory(Schema):
    id: int
    version: int
    status: str
    state: str = Field(description="As editors say it: Draft, In review, Scheduled, Published, Killed.")
    language: Language
    headline: str
    slug: str
    summary: str
    body_html: str
    section: str
    tags: list[str]
    authors: list[str]
    is_breaking: bool
    lead_photo: int | None
    published_at: datetime | None
    url: str | None = Field(description="The public address, once readers can see the story.")


class Refusal(Schema):
    detail: str
    problems: list[str] = Field(default_factory=list)


class Conflict(Schema):
    detail: str
    changed_fields: list[str] = Field(description="What changed since the version the edit is based on.")
    version: int = Field(description="The story's version now.")
