"""Revisions of articles (django-reversion): what changed, who changed it, and restoring one."""

import difflib

import reversion
from django.db import transaction
from django.utils import timezone
from reversion.models import Version

from authors.models import Author
from common.times import local_time

from .html import body_text, split_blocks
from .models import Article, Byline

# The story's state in the workflow is not content: restoring an old revision must never
# republish a killed story or bring one back from the trash.
WORKFLOW_FIELDS = [
    "status", "published_at", "embargo_until", "killed_at", "kill_notice", "deleted_at",
    "updated_at", "created_at", "created_by_id", "modified_at", "version", "translation_group",
]  # fmt: skip
# The search document is derived from the text (and not kept up to date in the revision on PostgreSQL).
NOT_COMPARED = {"id", "version", "modified_at", "reading_minutes", "search_vector"}


def versions_of(article):
    return Version.objects.get_for_object(article).select_related("revision__user").order_by("-pk")


def _label(field_name):
    field = Article._meta.get_field(field_name.removesuffix("_id")) if field_name != "id" else None
    return str(field.verbose_name) if field else field_name


def changed_fields(old, new):
    """Labels of the fields that differ between two field dicts (as reversion stores them)."""
    return [_label(name) for name in old if name not in NOT_COMPARED and name in new and old[name] != new[name]]


def version_at(article, number):
    """The kept revision of `article` at its version `number` (the form's known_version), or None."""
    return next((v for v in versions_of(article)[:50] if v.field_dict.get("version") == number), None)


def last_save(article):
    """Who saved the story last and when, from its newest revision: ("Olena Editor", datetime) or None."""
    latest = versions_of(article).first()
    if latest is None:
        return None
    user = latest.revision.user
    who = (user.get_full_name() or user.get_username()) if user else "Someone"
    return who, timezone.localtime(latest.revision.date_created)


def conflict_message(article, known_version):
    """Who saved the story after an editor opened it at known_version, and what they changed."""
    saved = last_save(article)
    if saved is None:
        return "Someone else saved this story after you opened it."
    who, when = saved
    base = version_at(article, known_version)
    changes = changed_fields(base.field_dict, versions_of(article).first().field_dict) if base else []
    what = f" and changed: {', '.join(changes)}" if changes else ""
    return f"{who} saved this story at {when:%H:%M} after you opened it{what}."


def _body_paragraphs(html):
    return [" ".join(body_text(block).split()) for block in split_blocks(html or "")]


def _byline_names(revision_versions):
    rows = sorted(
        (v.field_dict for v in revision_versions if v.content_type.model_class() is Byline),
        key=lambda row: row["position"],
    )
    names = dict(Author.objects.filter(pk__in=[row["author_id"] for row in rows]).values_list("pk", "name"))
    return [names.get(row["author_id"], "(removed author)") for row in rows]


def compare(version, article):
    """Rows of (label, old, new) for the fields that differ between a revision and the story now,
    and the body as a paragraph diff: a list of (kind, text), kind in {"same", "removed", "added"}."""
    old = version.field_dict
    rows = []
    for name, old_value in old.items():
        if name in NOT_COMPARED or name in WORKFLOW_FIELDS or name == "body":
            continue
        new_value = getattr(article, name, None)
        if old_value != new_value:
            rows.append((_label(name), old_value, new_value))
    old_bylines = _byline_names(version.revision.version_set.select_related("content_type"))
    new_bylines = [byline.author.name for byline in article.bylines.select_related("author")]
    if old_bylines != new_bylines:
        rows.append(("Bylines", ", ".join(old_bylines), ", ".join(new_bylines)))
    body = []
    for line in difflib.ndiff(_body_paragraphs(old.get("body")), _body_paragraphs(article.body)):
        code, text = line[:2], line[2:]
        if code != "? ":
            body.append(({"  ": "same", "- ": "removed", "+ ": "added"}[code], text))
    return rows, body


def restore(article, version, user):
    """Brings back a revision's content (fields, bylines, related links), keeping the story's
    place in the workflow. The restore is itself a new revision."""
    workflow = {name: getattr(article, name) for name in WORKFLOW_FIELDS}
    with transaction.atomic(), reversion.create_revision():
        version.revision.revert(delete=True)
        restored = Article.objects.get(pk=article.pk)
        for name, value in workflow.items():
            setattr(restored, name, value)
        restored.save()  # cleans the body again and moves the version on
        reversion.set_user(user)
        reversion.set_comment(f"Restored the revision of {local_time(version.revision.date_created)}.")
    return restored
