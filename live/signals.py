"""A live story's page, poll answer and feeds show its updates: any change to one ends the page
cache's generation (feed/caching.py), as feed/signals.py does for the story itself."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from feed.caching import content_changed

from .models import LiveUpdate, UpdateCorrection


def _changed(sender, **kwargs):
    content_changed()


def connect():
    for model in (LiveUpdate, UpdateCorrection, LiveUpdate.authors.through):
        post_save.connect(_changed, sender=model, dispatch_uid=f"newsroom-cache-save-{model._meta.label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"newsroom-cache-delete-{model._meta.label}")
    m2m_changed.connect(_changed, sender=LiveUpdate.authors.through, dispatch_uid="newsroom-cache-live-authors")
