"""The desk's writes: quick post (a new story handed to feed.workflow), autosave and presence.

Changes of a story's place in the workflow are feed.workflow's; these functions only create the
draft that quick post hands over, and keep the desk's own rows."""

import reversion
from django.contrib.admin.models import ADDITION, LogEntry
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from common.slugs import latin_slug
from common.text import paragraphs as text_paragraphs
from feed import workflow
from feed.html import sanitize_body
from feed.models import Article, Byline

from .models import AUTOSAVED_FIELDS, PRESENCE_TIMEOUT, EditingSession, WorkingCopy


def quick_post(*, user, language, headline, summary, text, section, author, is_breaking):
    """Saves a short story as a draft bylined to `author`, then asks feed.workflow to publish it
    (roles that may) or to submit it for review. Returns (article, outcome or None, refusal or None):
    a refusal leaves the draft saved, so no text is lost."""
    paragraphs = text_paragraphs(text)
    body = render_to_string("desk/_body_from_paragraphs.html", {"paragraphs": paragraphs})
    try:
        with transaction.atomic(), reversion.create_revision():
            article = Article.objects.create(
                language=language,
                headline=headline,
                slug=Article.objects.free_slug(latin_slug(headline)),
                summary=summary or paragraphs[0][:500],
                body=body,
                section=section,
                is_breaking=is_breaking,
                created_by=user,
            )
            Byline.objects.create(article=article, author=author, position=0)
            reversion.set_user(user)
            reversion.set_comment("Written with Quick post.")
            LogEntry.objects.log_actions(
                user.pk, [article], ADDITION, change_message="Written with Quick post.", single_object=True
            )
    except IntegrityError as error:
        # Another story took the same address between the check and the save.
        raise workflow.EditorialError("Another story took this headline's address just now; post again.") from error
    service = workflow.publish_now if workflow.may_publish(user) else workflow.submit_for_review
    try:
        return article, service(article=article, user=user), None
    except workflow.EditorialError as refusal:
        return article, None, refusal


# Autosave.


def unsaved_changes(article, fields):
    """The autosaved fields that differ from the saved story (the body compared as it would be stored)."""
    changed = {}
    for name in AUTOSAVED_FIELDS:
        if name not in fields:
            continue
        saved, typed = getattr(article, name), fields[name]
        if (sanitize_body(typed) if name == "body" else typed) != saved:
            changed[name] = typed
    return changed


def keep_working_copy(*, user, article, fields, base_version):
    """Stores what `user` has typed into `article`'s form, or forgets it when it matches the saved story.
    Returns the working copy, or None."""
    if not unsaved_changes(article, fields):
        WorkingCopy.objects.filter(user=user, article=article).delete()
        return None
    copy, _ = WorkingCopy.objects.update_or_create(
        user=user,
        article=article,
        defaults={"fields": fields, "base_version": base_version, "saved_at": timezone.now()},
    )
    return copy


def forget_working_copy(*, user, article):
    WorkingCopy.objects.filter(user=user, article=article).delete()


# Presence.


def heartbeat(*, user, article):
    """`user` still has `article` open. A session silent for longer than PRESENCE_TIMEOUT starts again."""
    now = timezone.now()
    with transaction.atomic():
        session, created = EditingSession.objects.select_for_update().get_or_create(
            user=user, article=article, defaults={"started_at": now, "last_seen": now}
        )
        if not created:
            if session.last_seen < now - PRESENCE_TIMEOUT:
                session.started_at = now
            session.last_seen = now
            session.save(update_fields=["started_at", "last_seen"])
    return session


def leave(*, user, article):
    EditingSession.objects.filter(user=user, article=article).delete()


def others_editing(*, user, article):
    """The active sessions of other users on `article`, longest first, with their users (one query)."""
    return list(EditingSession.objects.active().filter(article=article).exclude(user=user).select_related("user"))
