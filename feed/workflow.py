"""The editorial services: every change of a story's place in the workflow goes through here.

Submit for review, return to draft, translate (a linked draft in another language), publish now,
schedule, publish an imported story, unpublish, kill, move to the trash, restore from the trash,
restore a revision, append a correction, end and reopen live coverage, recording a change to a live
story's updates, and saving changes to a story that is live or scheduled. Each function takes the
story, the acting user and its own arguments
(keyword-only), checks the user's permission and every rule, saves, records the change in the
story's history (the admin's log and a django-reversion revision), and returns the story. A
refusal is an EditorialError whose message is written for the editor; NotAllowed, a kind of it,
when the user lacks the permission rather than the story the readiness.

The admin, the bulk actions, the kill and revision pages — and every later way in — call these;
the rules live nowhere else. `going_live_problems()` (feed/readiness.py) is the one list of what a
story needs before readers may see it; forms that hold a story not yet saved (the admin's, with its
byline rows) ask it directly.
"""

import uuid
from dataclasses import dataclass

import reversion
from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from reversion.errors import RevertError

from common.editions import other_edition
from common.times import local_time

from . import channels, events, revisions
from .models import Article, Byline, Correction
from .readiness import going_live_problems, live_edit_problems


class EditorialError(Exception):
    """The change was refused. `problems` are sentences an editor can act on."""

    def __init__(self, *problems):
        super().__init__(" ".join(problems))
        self.problems = list(problems)


class NotAllowed(EditorialError):
    """The user's role does not allow this change (to this story)."""


class TranslationExists(EditorialError):
    """The story already has a translation in that language: `translation`, to be sent to instead."""

    def __init__(self, translation):
        super().__init__(
            (
                gettext("This story already has a version in %(language)s, “%(story)s” (%(state)s, in the trash).")
                if translation.deleted_at
                else gettext("This story already has a version in %(language)s, “%(story)s” (%(state)s).")
            )
            % {
                "language": translation.get_language_display(),
                "story": translation,
                "state": translation.state_label.lower(),
            }
        )
        self.translation = translation


@dataclass(frozen=True)
class Outcome:
    """What a service did, in the words the history and the editor see."""

    article: Article
    message: str


def publication_time(moment):
    """Stored to the second: the admin's form shows and posts whole seconds, so a fraction kept here
    would read as a change made by somebody else on the next save."""
    return moment.replace(microsecond=0)


# Who may do what.


def _require(user, permission, refusal):
    if not (user.is_active and user.is_staff and user.has_perm(permission)):
        raise NotAllowed(refusal)


def may_publish(user):
    return user.is_active and user.is_staff and user.has_perm("feed.publish_article")


def _require_editing(article, user):
    if not article.can_be_edited_by(user):
        raise NotAllowed(gettext("You may not change this story."))


def _refuse_unless_ready(article, *, at):
    if problems := going_live_problems(article, at=at):
        raise EditorialError(*problems)


# Recording.


def _record(article, user, message, action=CHANGE):
    """Saves the story as one revision and logs the change in its admin history. Called inside the
    service's transaction, which holds the story's row locked: no savepoint of its own."""
    message = channels.described(message)
    with reversion.create_revision(atomic=False):
        article.save()
        reversion.set_user(user)
        reversion.set_comment(message)
        LogEntry.objects.log_actions(user.pk, [article], action, change_message=message, single_object=True)
    return Outcome(article, message)


def _locked(article):
    """The story's row, locked until the transaction ends, so two services cannot interleave."""
    return Article.objects.select_for_update().get(pk=article.pk)


def _lock(article):
    """Locks the story's row as _locked does, for a service that keeps the instance it was given:
    the row's columns (the body among them) are not read."""
    Article.objects.select_for_update().values_list("pk", flat=True).get(pk=article.pk)


def _apply(article, user, message, change, check=None):
    """Runs check(current) and change(current) on the locked row, records, and copies the result
    back into the caller's instance."""
    with transaction.atomic():
        current = _locked(article)
        if check:
            check(current)
        change(current)
        outcome = _record(current, user, message)
    for field in Article._meta.concrete_fields:
        setattr(article, field.attname, getattr(current, field.attname))
    return Outcome(article, outcome.message)


# The services.


def submit_for_review(*, article, user):
    _require_editing(article, user)
    if article.status != Article.Status.DRAFT:
        raise EditorialError(gettext("Only a draft can be submitted for review."))

    def change(current):
        current.status = Article.Status.REVIEW

    return _apply(article, user, "Submitted for review.", change)


def may_return_to_draft(article, user):
    """Whether `user` may take `article` back from review: an editor, or the story's own writer."""
    return may_publish(user) or (user.is_active and user.is_staff and article.is_owned_by(user))


def return_to_draft(*, article, user):
    """A story in review goes back to its writer's hands (the writer may ask for it, or an editor)."""
    if not may_return_to_draft(article, user):
        raise NotAllowed(gettext("Only an editor or the story's own writer can take it back from review."))

    def check(current):
        if current.status != Article.Status.REVIEW:
            raise EditorialError(gettext("Only a story in review can be returned to draft."))

    def change(current):
        current.status = Article.Status.DRAFT

    return _apply(article, user, "Returned to draft.", change, check)


def publish_now(*, article, user):
    _require(user, "feed.publish_article", gettext("Your role cannot publish stories."))
    _require_editing(article, user)
    now = publication_time(timezone.now())

    def check(current):
        if current.is_published:
            raise EditorialError(gettext("This story is already published."))
        _refuse_unless_ready(current, at=now)

    def change(current):
        current.status, current.published_at = Article.Status.PUBLISHED, now

    outcome = _apply(article, user, "Published.", change, check)
    events.announce(article, events.PUBLISHED)
    return outcome


def schedule(*, article, user, at):
    _require(user, "feed.publish_article", gettext("Your role cannot schedule stories."))
    _require_editing(article, user)
    if at is None or at <= timezone.now():
        raise EditorialError(gettext("To schedule the story, give a publication time in the future."))
    at = publication_time(at)

    was_live = []

    def check(current):
        _refuse_unless_ready(current, at=at)
        was_live.append(current.is_published)

    def change(current):
        current.status, current.published_at = Article.Status.PUBLISHED, at

    outcome = _apply(article, user, f"Scheduled for {local_time(at)}.", change, check)
    # A live story scheduled again is off the site until its new time.
    if was_live[0]:
        events.announce(article, events.UNPUBLISHED)
    return outcome


def publish_imported(*, article, user, at):
    """Publishes `article`, with the changes made to it, at `at`: the time readers first saw it on the
    site it is imported from (or, if to come, the time it was scheduled for there). Everything going
    live needs is required but a lead photo, which an archive's stories often lack; the importer
    reports the stories that have none. Also records a later import's changes to such a story."""
    _require(user, "feed.publish_article", gettext("Your role cannot publish stories."))
    _require_editing(article, user)
    if at is None:
        raise EditorialError(gettext("An imported story needs the time it was published."))
    at = publication_time(at)
    if problems := going_live_problems(article, at=at, lead_photo_required=False):
        raise EditorialError(*problems)
    already = article.status == Article.Status.PUBLISHED and article.published_at == at
    article.status, article.published_at = Article.Status.PUBLISHED, at
    message = "Imported changes." if already else f"Imported as published on {local_time(at)}."
    with transaction.atomic():
        if article.pk:
            _lock(article)
        return _record(article, user, message)


def unpublish(*, article, user):
    """Takes a live or scheduled story off the site; it becomes a draft again."""
    _require(user, "feed.publish_article", gettext("Your role cannot unpublish stories."))

    was_live = []

    def check(current):
        if current.status != Article.Status.PUBLISHED:
            raise EditorialError(gettext("Only a published or scheduled story can be unpublished."))
        was_live.append(current.is_published)

    def change(current):
        current.status = Article.Status.DRAFT

    outcome = _apply(article, user, "Unpublished.", change, check)
    if was_live[0]:
        events.announce(article, events.UNPUBLISHED)
    return outcome


def kill(*, article, user, notice):
    """Withdraws a published story for good: its address answers 410 Gone with `notice`."""
    _require(user, "feed.publish_article", gettext("Your role cannot kill stories."))
    notice = (notice or "").strip()
    if not notice:
        raise EditorialError(gettext("Write the notice readers will see instead of the story."))

    def check(current):
        # A scheduled story is not live yet: a 410 at its address would reveal it before its time.
        if not current.is_published:
            raise EditorialError(
                "Only a live story can be killed; unpublish a scheduled one, and delete one that never went out."
            )

    def change(current):
        current.status, current.killed_at, current.kill_notice = Article.Status.KILLED, timezone.now(), notice

    outcome = _apply(article, user, f"Killed: {notice}", change, check)
    events.announce(article, events.KILLED)
    return outcome


def move_to_trash(*, article, user):
    _require(user, "feed.delete_article", gettext("Your role cannot delete stories."))

    was_live = []

    def check(current):
        if current.deleted_at is not None:
            raise EditorialError(gettext("This story is already in the trash."))
        was_live.append(current.is_published)

    def change(current):
        current.deleted_at = timezone.now()

    outcome = _apply(article, user, "Moved to the trash.", change, check)
    if was_live[0]:
        events.announce(article, events.UNPUBLISHED)
    return outcome


def restore_from_trash(*, article, user):
    _require(user, "feed.delete_article", gettext("Your role cannot restore stories from the trash."))

    def check(current):
        if current.deleted_at is None:
            raise EditorialError(gettext("This story is not in the trash."))

    def change(current):
        current.deleted_at = None

    return _apply(article, user, "Restored from the trash.", change, check)


def restore_revision(*, article, version, user):
    """Brings back a revision's content (fields, bylines, related links); the story keeps its place in
    the workflow, and the version it replaces stays in the history."""
    _require_editing(article, user)
    message = f"Restored the revision of {local_time(version.revision.date_created)}."
    try:
        with transaction.atomic():
            _lock(article)
            restored = revisions.restore(article, version, user)
            if problems := live_edit_problems(restored):
                raise EditorialError(gettext("The story is live, and that revision lacks what it needs:"), *problems)
    except (RevertError, IntegrityError) as error:
        raise EditorialError(
            "This revision cannot be restored: something it refers to (an author, a photo, a linked story) is "
            "gone, or its address is now another story's. Nothing was changed."
        ) from error
    LogEntry.objects.log_actions(user.pk, [restored], CHANGE, change_message=message, single_object=True)
    if restored.is_published:
        events.announce(restored, events.UPDATED)
    return Outcome(restored, message)


def append_correction(*, article, user, text, kind=Correction.Kind.CORRECTION):
    """Adds a dated note to the story's public record and returns it. On a live story it counts as a
    substantive update: readers see "Updated" with the time of the note."""
    _require(user, "feed.add_correction", gettext("Your role cannot append corrections."))
    text = (text or "").strip()
    if not text:
        raise EditorialError(gettext("Write what was wrong and what is right now."))
    if kind not in Correction.Kind.values:
        raise EditorialError(f"A note is one of: {', '.join(str(label) for label in Correction.Kind.labels)}.")
    with transaction.atomic():
        note = Correction.objects.create(article=article, kind=kind, text=text, created_by=user)

        def change(current):
            if current.is_published:
                current.updated_at = note.created_at

        _apply(article, user, f"{note.get_kind_display()} appended: {text}", change)
    if article.is_published:
        events.announce(article, events.CORRECTED)
    return note


def end_coverage(*, article, user):
    """Ends a live story's coverage: readers see "Coverage ended at …" and no more updates go out."""
    _require(user, "feed.publish_article", gettext("Your role cannot end live coverage."))

    def check(current):
        if not current.live_coverage:
            raise EditorialError(gettext("This story is not live coverage."))
        if current.coverage_ended_at is not None:
            raise EditorialError(gettext("The coverage has already ended."))

    def change(current):
        current.coverage_ended_at = timezone.now()

    return _apply(article, user, "Live coverage ended.", change, check)


def reopen_coverage(*, article, user):
    """Makes an ended live story live again, so that updates can be posted."""
    _require(user, "feed.publish_article", gettext("Your role cannot reopen live coverage."))

    def check(current):
        if not current.live_coverage or current.coverage_ended_at is None:
            raise EditorialError(gettext("Only live coverage that has ended can be reopened."))
        if current.is_killed or current.deleted_at is not None:
            raise EditorialError(gettext("A killed or deleted story cannot be reopened."))

    def change(current):
        current.coverage_ended_at = None

    return _apply(article, user, "Live coverage reopened.", change, check)


def record_live_change(*, article, user, message, substantive):
    """Records a change to one of a live story's updates (live/services.py makes it) in the story's
    history; a substantive one (an update posted, edited, corrected or removed) moves the story's
    "Updated" time, which feeds, sitemaps and metadata read. Call inside the transaction of the change."""

    def change(current):
        if substantive and current.is_published:
            current.updated_at = timezone.now()

    outcome = _apply(article, user, message, change)
    if substantive and article.is_published:
        events.announce(article, events.UPDATED)
    return outcome


def save_changes(*, article, user, substantive_update=False, byline_count=None):
    """Saves edits to a story's content. A live or scheduled story keeps what it needed to go live;
    a substantive update of a live story shows readers "Updated" with the time of this save."""
    _require_editing(article, user)
    if problems := live_edit_problems(article, byline_count=byline_count):
        raise EditorialError(*problems)
    if substantive_update and article.is_published:
        article.updated_at = timezone.now()
    # A live story whose publication time (or embargo) this save moves later leaves the site until then.
    leaves_the_site = (
        article.status == Article.Status.PUBLISHED
        and not article.is_published
        and Article.objects.published().filter(pk=article.pk).exists()
    )
    article.save()
    if article.is_published:
        events.announce(article, events.UPDATED)
    elif leaves_the_site:
        events.announce(article, events.UNPUBLISHED)
    return Outcome(article, "Saved.")


def empty_trash():
    """Deletes for good the stories that have been in the trash longer than TRASH_DAYS, with their
    bylines, links and notes. Run daily (`manage.py empty_trash`). Returns how many went."""
    count = 0
    for article in Article.objects.expired_trash():
        article.delete()
        count += 1
    return count


def translate(*, article, user, language=None):
    """Starts the translation of `article` into `language` (by default the other edition's): a new
    draft owned by `user` in the same translation group (the original gets one if it has none), with
    the original's section, lead photo and caption, video, embargo, breaking label and bylines. Its
    headline, summary and body are the original's, for the translator to write over; tags and related
    stories are not carried, as they belong to the original's edition. Returns the draft's Outcome."""
    _require(user, "feed.add_article", gettext("Your role cannot write stories."))
    # The stories the user finds in the admin: a reporter's own, and every published one.
    if not Article.objects.visible_to_staff(user).filter(pk=article.pk).exists():
        raise NotAllowed(gettext("You may not see this story."))
    language = language or other_edition(article.language)
    names = dict(settings.LANGUAGES)
    if language not in names:
        raise EditorialError(gettext("There is no %(language)s edition.") % {"language": language})
    if language == article.language:
        raise EditorialError(gettext("This story is already in %(language)s.") % {"language": names[language]})
    try:
        with transaction.atomic():
            # The original's row, locked: two translators cannot both start the same translation.
            original = _locked(article)
            if original.is_killed:
                raise EditorialError(
                    gettext("A killed story is not translated: readers cannot read it in any language.")
                )
            if (existing := Article.objects.translations_of(original).filter(language=language).first()) is not None:
                raise TranslationExists(existing)
            if original.translation_group is None:
                original.translation_group = uuid.uuid4()
                # Only the group is written: the original's text, version and change time stay as they are.
                Article.objects.filter(pk=original.pk).update(translation_group=original.translation_group)
                article.translation_group = original.translation_group
            draft = Article(
                language=language,
                translation_group=original.translation_group,
                status=Article.Status.DRAFT,
                headline=original.headline,
                slug=Article.objects.free_slug(f"{original.slug[:190]}-{language}"),
                summary=original.summary,
                body=original.body,
                section_id=original.section_id,
                is_breaking=original.is_breaking,
                live_coverage=original.live_coverage,
                embargo_until=original.embargo_until,
                lead_photo_id=original.lead_photo_id,
                lead_photo_caption=original.lead_photo_caption,
                video_url=original.video_url,
                video_poster_id=original.video_poster_id,
                video_duration=original.video_duration,
                created_by=user,
            )
            draft.save()
            Byline.objects.bulk_create(
                Byline(article=draft, author_id=byline.author_id, position=byline.position)
                for byline in original.bylines.order_by("position")
            )
            outcome = _record(
                draft, user, f"Translation of “{original}” ({original.get_language_display()}) started.", ADDITION
            )
            message = channels.described(f"Translation into {names[language]} started: “{draft.slug}”.")
            LogEntry.objects.log_actions(user.pk, [original], CHANGE, change_message=message, single_object=True)
    except IntegrityError as error:
        # Another translation into that language was saved at the same moment (SQLite locks no row).
        reloaded = Article.objects.get(pk=article.pk)
        existing = Article.objects.translations_of(reloaded).filter(language=language).first()
        if existing is None:
            raise
        raise TranslationExists(existing) from error
    return outcome
