"""What a story needs before readers may see it, and to stay live: the one list, asked by the editorial
services (feed/workflow.py) and by forms that hold a story not yet saved."""

from django.conf import settings
from django.utils.translation import gettext

from common.times import local_time

from .models import Article


def going_live_problems(article, *, at, byline_count=None, lead_photo_required=True):
    """Every reason `article`, as it stands (saved or not), may not be seen by readers from `at`.

    `byline_count` is the number of bylines it will have; by default those saved. Returns [] when
    the story is ready. `lead_photo_required=False` is for stories readers saw elsewhere without
    one (publish_imported).
    """
    if article.is_killed:
        return [gettext("A killed story cannot be published again; write a new one.")]
    if article.deleted_at is not None:
        return [gettext("Restore the story from the trash first.")]
    problems = []
    if not article.summary.strip():
        problems.append(gettext("Write a summary."))
    photo = article.video_poster if article.is_video else article.lead_photo
    if photo is not None:
        # A photo's credit is required by the database; its alt text could still be blank spaces.
        if not photo.alt_text.strip():
            problems.append(gettext("The photo “%(photo)s” needs alt text.") % {"photo": photo})
    elif article.is_video:
        problems.append(gettext("Choose a video poster."))
    # Breaking news goes out as text; a photo can follow.
    elif not article.is_breaking and lead_photo_required:
        problems.append(gettext("Choose a lead photo."))
    if byline_count is None:
        byline_count = article.bylines.count() if article.pk else 0
    if not byline_count:
        problems.append(gettext("Add at least one byline."))
    if article.embargo_until and at < article.embargo_until:
        problems.append(
            gettext("This story is under embargo until %(time)s.") % {"time": local_time(article.embargo_until)}
        )
    problems += edition_problems(article)
    return problems


def edition_problems(article):
    """What the story's own edition needs, checked for each story of a translation group on its own: a
    story outside the default language goes into a section that has a name and an address in its
    language, so that its edition's menus, pages and breadcrumbs do not fall back to another language."""
    if article.language == settings.MODELTRANSLATION_DEFAULT_LANGUAGE or article.section_id is None:
        return []
    section, language = article.section, article.get_language_display()
    if not getattr(section, f"name_{article.language}") or not getattr(section, f"slug_{article.language}"):
        return [
            gettext("The section “%(section)s” has no name and address in %(language)s yet; an editor adds them.")
            % {"section": section.name_en, "language": language}
        ]
    return []


def live_edit_problems(article, *, byline_count=None):
    """What stops a save of a story that is live or scheduled (status published) and stays so: it
    must keep what it needed to go live, at its own publication time."""
    if article.status != Article.Status.PUBLISHED:
        return []
    if article.published_at is None:
        return [gettext("A published story needs a publication time.")]
    return going_live_problems(article, at=article.published_at, byline_count=byline_count)
