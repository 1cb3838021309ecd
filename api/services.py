"""Writing through the API: a new draft and an edit, saved and recorded as the admin does (one revision,
one history entry naming the token), and the first answer to an Idempotency-Key. The rules are
feed/workflow.py's; state changes call it directly (api/writes.py)."""

import json

import reversion
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.exceptions import BadRequest
from django.db import IntegrityError, transaction
from django.http import Http404
from ninja import Status

from authors.models import Author
from common.slugs import latin_slug
from feed import revisions, workflow
from feed.channels import described
from feed.models import Article, Byline, Section
from media.models import Photo

from .models import IdempotentRequest
from .renderers import ExactTimeEncoder


class UnknownReference(Exception):
    """A section or author slug that does not exist: a 400."""


class StaleVersion(Exception):
    def __init__(self, article, known):
        self.article, self.known = article, known
        base = revisions.version_at(article, known)
        latest = revisions.versions_of(article).first()
        self.changed_fields = revisions.changed_fields(base.field_dict, latest.field_dict) if base and latest else []
        super().__init__(revisions.conflict_message(article, known))


def _section(slug):
    section = Section.objects.filter(slug=slug).first()
    if section is None:
        raise UnknownReference(f"No such section: {slug}.")
    return section


def _photo(pk):
    if not pk:
        return None
    photo = Photo.objects.filter(pk=pk).first()
    if photo is None:
        raise UnknownReference(f"No such photo: {pk}.")
    return photo


def _authors(slugs):
    found = {author.slug: author for author in Author.objects.filter(slug__in=slugs)}
    if missing := [slug for slug in slugs if slug not in found]:
        raise UnknownReference(f"No such author: {', '.join(missing)}.")
    return [found[slug] for slug in dict.fromkeys(slugs)]


def _set_bylines(article, authors):
    article.bylines.all().delete()
    Byline.objects.bulk_create(
        [Byline(article=article, author=author, position=position) for position, author in enumerate(authors)]
    )


def _log(user, article, flag, message):
    message = described(message)
    reversion.set_user(user)
    reversion.set_comment(message)
    LogEntry.objects.log_actions(user.pk, [article], flag, change_message=message, single_object=True)


def create_draft(*, user, data):
    """A new draft by `user`, as the admin's add form makes one."""
    if not (user.is_active and user.is_staff and user.has_perm("feed.add_article")):
        raise workflow.NotAllowed("Your role cannot write stories.")
    section, authors = _section(data.section), _authors(data.authors)
    try:
        with transaction.atomic(), reversion.create_revision():
            article = Article.objects.create(
                language=data.language,
                headline=data.headline,
                slug=Article.objects.free_slug(latin_slug(data.headline) or "story"),
                summary=data.summary,
                body=data.body_html,
                section=section,
                is_breaking=data.is_breaking,
                lead_photo=_photo(data.lead_photo),
                created_by=user,
            )
            _set_bylines(article, authors)
            article.tags.set(data.tags)
            _log(user, article, ADDITION, "Written.")
    except IntegrityError as error:
        raise workflow.EditorialError("Another story took this headline's address just now; send it again.") from error
    return article


EDITABLE = {"headline": "headline", "summary": "summary", "body_html": "body", "is_breaking": "is_breaking"}


def edit_story(*, user, article, data):
    """Saves the fields `data` sets, if the story is still at `data.version` (else StaleVersion), through
    workflow.save_changes: the same permission and live-story rules as the admin's save."""
    changes = data.dict(exclude_unset=True)
    section = _section(changes["section"]) if changes.get("section") is not None else None
    authors = _authors(changes["authors"]) if changes.get("authors") is not None else None
    photo = _photo(changes["lead_photo"]) if changes.get("lead_photo") is not None else None
    with transaction.atomic(), reversion.create_revision():
        current = Article.objects.select_for_update().get(pk=article.pk)
        if current.version != data.version:
            raise StaleVersion(current, data.version)
        if not current.can_be_edited_by(user):
            raise workflow.NotAllowed("You may not change this story.")
        for name, field in EDITABLE.items():
            if changes.get(name) is not None:
                setattr(current, field, changes[name])
        if section is not None:
            current.section = section
        if changes.get("lead_photo") is not None:
            current.lead_photo = photo
        count = len(authors) if authors is not None else None
        workflow.save_changes(
            article=current, user=user, substantive_update=data.substantive_update, byline_count=count
        )
        if authors is not None:
            _set_bylines(current, authors)
        if changes.get("tags") is not None:
            current.tags.set(changes["tags"])
        edited = sorted(name for name in changes if name not in ("version", "substantive_update"))
        _log(user, current, CHANGE, f"Edited: {', '.join(edited) or 'nothing'}.")
    return current


# What a staff member linked to a profile may change in it, as in the admin (authors/admin.py).
OWN_PROFILE_FIELDS = {"short_bio", "bio"}


def edit_bio(*, user, author, data):
    """Bio managers edit every profile; a staff member linked to one edits its bios, as in the admin."""
    changes = {name: value for name, value in data.dict(exclude_unset=True).items() if value is not None}
    manages = user.is_active and user.is_staff and user.has_perm("authors.change_author")
    own = user.is_active and user.is_staff and author.user_id == user.pk
    if not (manages or (own and set(changes) <= OWN_PROFILE_FIELDS)):
        raise workflow.NotAllowed("Your role cannot change this profile.")
    with transaction.atomic():
        for name, value in changes.items():
            setattr(author, name, value)
        author.save()
        message = described(f"Edited: {', '.join(sorted(changes)) or 'nothing'}.")
        LogEntry.objects.log_actions(user.pk, [author], CHANGE, change_message=message, single_object=True)
    return author


def refusal(error):
    """The status and JSON body a refused request is answered with (api/api.py's handlers), or None for an
    error that is no refusal (a bug, answered 500)."""
    if isinstance(error, StaleVersion):
        return 409, {"detail": str(error), "changed_fields": error.changed_fields, "version": error.article.version}
    if isinstance(error, workflow.NotAllowed):
        return 403, {"detail": str(error), "problems": error.problems}
    if isinstance(error, workflow.EditorialError):
        # The story is not in a state for this (not ready to publish, already published, …).
        return 409, {"detail": str(error), "problems": error.problems}
    if isinstance(error, UnknownReference | BadRequest):
        return 400, {"detail": str(error)}
    if isinstance(error, Http404):
        # Our own messages ("No such section.") say which part of the address is unknown.
        return 404, {"detail": str(error) or "Not Found"}
    return None


REFUSALS = (StaleVersion, workflow.EditorialError, UnknownReference, BadRequest, Http404)


def idempotent(request, run):
    """The answer (a ninja Status) of run(), or of the first request with this Idempotency-Key from this token.

    As Stripe's API does, the first answer is kept whatever it was, a refusal (4xx) as well as a success:
    a retry learns what happened to the request it repeats, and a new attempt takes a new key. A request
    the endpoint never ran (its body malformed) or that failed on a bug (500) keeps nothing. The key is
    claimed (a row under a unique constraint) in the same transaction as the write, so a concurrent retry
    waits for the first to finish and then replays its answer, where Stripe's API answers 409."""
    key = request.headers.get("Idempotency-Key")
    if not key:
        return run()
    if len(key) > 200 or "\x00" in key:
        raise UnknownReference("An Idempotency-Key is at most 200 characters.")
    path = request.path[:500]
    with transaction.atomic():
        try:
            with transaction.atomic():
                kept = IdempotentRequest.objects.create(token=request.auth, key=key, path=path, status_code=0, body={})
        except IntegrityError:
            kept = IdempotentRequest.objects.get(token=request.auth, key=key)
            if kept.path != path:
                raise UnknownReference("This Idempotency-Key was used for another request.") from None
            return Status(kept.status_code, kept.body)
        try:
            # A refusal undoes the write, not the kept answer.
            with transaction.atomic():
                answer = run()
        except REFUSALS as error:
            answer = Status(*refusal(error))
        kept.status_code, kept.body = answer.status_code, json.loads(json.dumps(answer.value, cls=ExactTimeEncoder))
        kept.save(update_fields=["status_code", "body"])
    return answer
