"""The newsroom's admin: stories (articles.py) with their rows (inlines.py) and form (forms.py), the
trash, sections, tags and redirects. Importing this package registers them all."""

from django.contrib.auth import get_permission_codename
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ValidationError
from django.http import Http404

from ..models import Article
from . import articles, redirects, sections, trash

__all__ = ["articles", "redirects", "sections", "trash", "view_on_site_for_visible_articles"]


def view_on_site_for_visible_articles(request, content_type_id, object_id):
    """The admin's /admin/r/ redirect, which by itself checks only that the user is staff, for objects
    the user may view, and, for a story or anything of one (a correction, a byline, a link), only when
    the user may see that story: the address it leads to reveals the story's headline."""
    content_type = ContentType.objects.filter(pk=content_type_id).first()
    model = content_type.model_class() if content_type else None
    if model is None or not request.user.has_perm(
        f"{model._meta.app_label}.{get_permission_codename('view', model._meta)}"
    ):
        raise Http404("No such object.")
    try:
        found = model._default_manager.filter(pk=object_id).first()
    except (ValueError, ValidationError):
        found = None
    story = found if isinstance(found, Article) else getattr(found, "article", None)
    if found is None or (
        isinstance(story, Article) and not Article.objects.visible_to_staff(request.user).filter(pk=story.pk).exists()
    ):
        raise Http404("No such object.")
    return shortcut(request, content_type_id, object_id)
