"""Making a draft story from a wire item. The draft's first revision is the agency's copy as it came,
so the history keeps it apart from our own reporting; publishing it is feed.workflow's, whose rules
(the embargo among them) hold as for any story."""

import reversion
from django.contrib.admin.models import ADDITION, LogEntry
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from authors.models import Author
from common.slugs import latin_slug
from feed.models import Article, Byline
from feed.workflow import EditorialError, NotAllowed

from .models import WireItem


def may_make_drafts(user):
    """Reporters and editors: whoever may read the inbox and write stories."""
    return (
        user.is_active and user.is_staff and user.has_perm("wires.view_wireitem") and user.has_perm("feed.add_article")
    )


def agency_author(agency):
    """The agency's author profile (no login), made the first time its copy becomes a draft. A person
    whose profile has the agency's slug keeps it: the agency's then ends in "-agency"."""
    slug = slugify(agency)[:130] or "agency"
    found = Author.objects.filter(slug=slug, name=agency, user=None).first()
    if found is None:
        slug = slug if not Author.objects.filter(slug=slug).exists() else f"{slug}-agency"
        found, _ = Author.objects.get_or_create(slug=slug, defaults={"name": agency, "role": "News agency"})
    return found


def make_draft(*, item, user):
    """Creates a draft story from `item`, bylined to its agency and under its embargo, and returns it."""
    if not may_make_drafts(user):
        raise NotAllowed("Your role cannot make stories from wire copy.")
    message = f"From {item.agency} wire, {item.guid} version {item.version}."
    try:
        with transaction.atomic():
            current = WireItem.objects.select_for_update().select_related("source").get(pk=item.pk)
            if current.story_id is not None:
                raise EditorialError("A draft was already made from this item; open it from the item's page.")
            if current.is_withdrawn:
                raise EditorialError(f"The agency has {current.pub_status} this item: it must not be used.")
            if current.replaced_by_id is not None:
                raise EditorialError(
                    f"Version {current.replaced_by.version} replaces this one; make the draft from the newer version."
                )
            with reversion.create_revision():
                article = Article.objects.create(
                    headline=current.headline[:200],
                    slug=Article.objects.free_slug(latin_slug(current.headline) or "wire-story"),
                    body=current.body,
                    section=current.source.section,
                    embargo_until=current.embargo_until,
                    created_by=user,
                )
                Byline.objects.create(article=article, author=agency_author(current.agency), position=0)
                reversion.set_user(user)
                reversion.set_comment(f"Wire copy as received, not our reporting. {message}")
                LogEntry.objects.log_actions(user.pk, [article], ADDITION, change_message=message, single_object=True)
            current.story = article
            current.save(update_fields=["story"])
    except IntegrityError as error:
        # Another story took the same address between the check and the save.
        raise EditorialError("Another story took this headline's address just now; try again.") from error
    item.story = article
    return article
