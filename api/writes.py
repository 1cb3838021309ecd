"""The write side: a token's user files and edits drafts and moves stories through the workflow, with
their role's permissions (feed/workflow.py checks them, as for the admin). Registered on the stories
router, whose addresses they share."""

from django.http import Http404
from ninja import Query, Status

from authors.models import Author
from feed import workflow
from feed.channels import acting_through
from feed.models import Article

from .auth import TokenAuth
from .schemas import Error, Language
from .services import create_draft, edit_bio, edit_story, idempotent
from .stories import router
from .write_schemas import (
    BioPatch,
    Conflict,
    CorrectionIn,
    KillIn,
    Refusal,
    ScheduleIn,
    StoryIn,
    StoryPatch,
    WrittenBio,
    WrittenStory,
)

AUTH = TokenAuth()
ERRORS = {400: Error, 401: Error, 403: Refusal, 404: Error, 409: Refusal, 429: Error}


def written(request, article):
    """A story as its writer sees it (two queries: bylines, tags)."""
    return {
        "id": article.pk,
        "version": article.version,
        "status": article.status,
        "state": article.state_label,
        "language": article.language,
        "headline": article.headline,
        "slug": article.slug,
        "summary": article.summary,
        "body_html": article.body,
        "section": article.section.slug,
        "tags": sorted(article.tags.names(), key=str.lower),
        "authors": [byline.author.slug for byline in article.bylines.select_related("author")],
        "is_breaking": article.is_breaking,
        "lead_photo": article.lead_photo_id,
        "published_at": article.published_at,
        "url": request.build_absolute_uri(article.get_absolute_url()) if article.is_published else None,
    }


def _story_for(request, story_id):
    """A story the token's user may find in the admin; any other is a 404, as there."""
    article = Article.objects.visible_to_staff(request.user).filter(pk=story_id).first()
    if article is None:
        raise Http404("No such story.")
    return article


def acting_as_token(request):
    """History entries made inside name the request's token (feed/channels.py)."""
    return acting_through(request.auth.history_label)


@router.post("/stories/", auth=AUTH, response={201: WrittenStory, **ERRORS}, summary="File a draft")
def file_draft(request, data: StoryIn):
    """A new draft by the token's user. Send an `Idempotency-Key` header so that a retry cannot file it twice."""

    def run():
        with acting_as_token(request):
            return Status(201, written(request, create_draft(user=request.user, data=data)))

    return idempotent(request, run)


@router.patch(
    "/stories/{int:story_id}/",
    auth=AUTH,
    response={200: WrittenStory, **ERRORS, 409: Conflict | Refusal},
    summary="Edit a story",
)
def edit(request, story_id: int, data: StoryPatch):
    """Only the fields sent change. `version` is the one the edit is based on: if the story was saved
    since, nothing is saved and the answer is a 409 with what changed."""
    with acting_as_token(request):
        article = edit_story(user=request.user, article=_story_for(request, story_id), data=data)
    return Status(200, written(request, article))


def _action(request, story_id, service, **arguments):
    def run():
        article = _story_for(request, story_id)
        with acting_as_token(request):
            service(article=article, user=request.user, **arguments)
        return Status(200, written(request, article))

    return idempotent(request, run)


RESPONSES = {200: WrittenStory, **ERRORS}


@router.post("/stories/{int:story_id}/submit/", auth=AUTH, response=RESPONSES, summary="Submit for review")
def submit(request, story_id: int):
    return _action(request, story_id, workflow.submit_for_review)


@router.post("/stories/{int:story_id}/publish/", auth=AUTH, response=RESPONSES, summary="Publish now")
def publish(request, story_id: int):
    return _action(request, story_id, workflow.publish_now)


@router.post("/stories/{int:story_id}/schedule/", auth=AUTH, response=RESPONSES, summary="Schedule")
def schedule(request, story_id: int, data: ScheduleIn):
    return _action(request, story_id, workflow.schedule, at=data.at)


@router.post("/stories/{int:story_id}/unpublish/", auth=AUTH, response=RESPONSES, summary="Unpublish")
def unpublish(request, story_id: int):
    return _action(request, story_id, workflow.unpublish)


@router.post("/stories/{int:story_id}/kill/", auth=AUTH, response=RESPONSES, summary="Kill a published story")
def kill(request, story_id: int, data: KillIn):
    return _action(request, story_id, workflow.kill, notice=data.notice)


@router.post("/stories/{int:story_id}/corrections/", auth=AUTH, response=RESPONSES, summary="Append a correction")
def correct(request, story_id: int, data: CorrectionIn):
    return _action(request, story_id, workflow.append_correction, text=data.text, kind=data.kind)


TranslationLanguage = Query(None, description="The translation's language; by default the other edition's.")


@router.post(
    "/stories/{int:story_id}/translate/",
    auth=AUTH,
    response={201: WrittenStory, **ERRORS},
    summary="Start a translation",
)
def translate(request, story_id: int, language: Language | None = TranslationLanguage):
    """A new draft in the other language, linked to the story as its translation, with its section, photo and
    bylines and, to write over, its text (the admin's Translate). A story with a translation in that language
    already is a 409."""

    def run():
        article = _story_for(request, story_id)
        with acting_as_token(request):
            draft = workflow.translate(article=article, user=request.user, language=language).article
        return Status(201, written(request, draft))

    return idempotent(request, run)


@router.patch("/authors/{slug}/", auth=AUTH, response={200: WrittenBio, **ERRORS}, summary="Edit an author's bio")
def edit_author(request, slug: str, data: BioPatch):
    """A Bio manager's token edits any profile; a token of a staff member linked to a profile, its own bios."""
    author = Author.objects.filter(slug=slug).first()
    if author is None:
        raise Http404("No such author.")
    with acting_as_token(request):
        edit_bio(user=request.user, author=author, data=data)
    fields = ("slug", "name", "role", "short_bio", "bio")
    return Status(200, {name: getattr(author, name) for name in fields})
