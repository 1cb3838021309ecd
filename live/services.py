"""The live desk's writes: posting, editing, correcting, pinning and deleting a live story's updates.

Each checks who may do it, changes the update, and has feed.workflow record the change in the
story's history (record_live_change), in one transaction; ending and reopening the coverage are
feed.workflow's own services. A refusal is feed.workflow's EditorialError (NotAllowed for a role).
"""

from django.db import transaction
from django.utils import timezone

from feed.workflow import EditorialError, NotAllowed, may_publish, record_live_change

from .models import LiveUpdate, UpdateCorrection


def may_post(article, user):
    """Editors, and the reporters with a byline on the live story (an editor adds them)."""
    if not (user.is_active and user.is_staff and user.has_perm("feed.view_article")):
        return False
    return may_publish(user) or article.bylines.filter(author__user=user).exists()


def may_change(update, user):
    """Editors change every update; a reporter the ones they posted, while they may still post."""
    if may_publish(user):
        return True
    return update.created_by_id == user.pk and may_post(update.story, user)


def _refuse_unless_open(article):
    if not article.live_coverage:
        raise EditorialError("This story is not live coverage.")
    if article.is_killed or article.deleted_at is not None:
        raise EditorialError("This story was killed or deleted; nothing more can be posted to it.")
    if article.coverage_ended_at is not None:
        raise EditorialError("The coverage has ended; reopen it to post again.")


def _clean_body(body):
    if not (body or "").strip():
        raise EditorialError("Write the update.")
    return body


def _authors(user, authors):
    """The update's authors: those chosen, else the poster's own author profile if they have one."""
    if authors:
        return list(authors)
    profile = getattr(user, "author_profile", None)
    return [profile] if profile is not None else []


def post_update(
    *, article, user, body, headline="", photo=None, photo_caption="", linked_story=None, pinned=False, authors=None
):
    if not may_post(article, user):
        raise NotAllowed("Only editors and the reporters on this live story's byline can post to it.")
    _refuse_unless_open(article)
    body = _clean_body(body)
    with transaction.atomic():
        update = LiveUpdate.objects.create(
            story=article,
            headline=headline.strip(),
            body=body,
            photo=photo,
            photo_caption=photo_caption.strip(),
            linked_story=linked_story,
            pinned=pinned,
            created_by=user,
        )
        update.authors.set(_authors(user, authors))
        record_live_change(article=article, user=user, message=f"Posted update {update.pk}: {update}", substantive=True)
    return update


def _require_change(update, user):
    if not may_change(update, user):
        raise NotAllowed("You may not change this update.")
    if update.deleted_at is not None:
        raise EditorialError("This update was deleted.")


def edit_update(*, update, user, body, headline="", photo=None, photo_caption="", linked_story=None, authors=None):
    """Saves new content for an update; readers see that it was edited and when."""
    _require_change(update, user)
    update.body = _clean_body(body)
    update.headline = headline.strip()
    update.photo, update.photo_caption, update.linked_story = photo, photo_caption.strip(), linked_story
    update.edited_at = timezone.now()
    with transaction.atomic():
        update.save()
        if authors is not None:
            update.authors.set(authors)
        record_live_change(
            article=update.story, user=user, message=f"Edited update {update.pk}: {update}", substantive=True
        )
    return update


def correct_update(*, update, user, text):
    """Appends a public correction to an update (editors only, as for stories)."""
    if not (may_publish(user) and user.has_perm("feed.add_correction")):
        raise NotAllowed("Your role cannot append corrections.")
    _require_change(update, user)
    text = (text or "").strip()
    if not text:
        raise EditorialError("Write what was wrong and what is right now.")
    with transaction.atomic():
        note = UpdateCorrection.objects.create(update=update, text=text, created_by=user)
        record_live_change(
            article=update.story, user=user, message=f"Correction to update {update.pk}: {text}", substantive=True
        )
    return note


def set_pinned(*, update, user, pinned):
    """Makes an update a key point at the top of the page, or takes it out of the key points."""
    if not may_publish(user):
        raise NotAllowed("Only editors choose the key points.")
    _require_change(update, user)
    update.pinned = pinned
    with transaction.atomic():
        update.save(update_fields=["pinned"])
        verb = "Pinned" if pinned else "Unpinned"
        record_live_change(
            article=update.story, user=user, message=f"{verb} update {update.pk}: {update}", substantive=False
        )
    return update


def delete_update(*, update, user):
    """Takes an update off every public surface; the row stays for the story's history."""
    _require_change(update, user)
    update.deleted_at = timezone.now()
    with transaction.atomic():
        update.save(update_fields=["deleted_at"])
        record_live_change(
            article=update.story, user=user, message=f"Deleted update {update.pk}: {update}", substantive=True
        )
    return update
