"""The newsroom's admin: stories (articles.py) with their rows (inlines.py) and form (forms.py), the
trash, sections and tags. Importing this package registers them all."""

from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.http import Http404

from ..models import Article
from . import articles, sections, trash

__all__ = ["articles", "sections", "trash", "view_on_site_for_visible_articles"]


def view_on_site_for_visible_articles(request, content_type_id, object_id):
    """The admin's /admin/r/ redirect, which checks only that the user is staff, refused for stories
    the user may not see: it would reveal their address, and so their headline."""
    content_type = ContentType.objects.filter(pk=content_type_id).first()
    model = content_type.model_class() if content_type else None
    is_story = model is not None and issubclass(model, Article)
    if is_story and not (
        str(object_id).isdigit() and Article.objects.visible_to_staff(request.user).filter(pk=object_id).exists()
    ):
        raise Http404("No such story.")
    return shortcut(request, content_type_id, object_id)
