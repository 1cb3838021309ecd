"""Whatever a reader page shows changes: end the page cache's generation (feed/caching.py).

Connected in FeedConfig.ready(). Covers every model a page renders: stories and their bylines,
related links, corrections and tags; sections; authors; photos, their credits and crops. Saves in
the admin, in services and in management commands all go through Model.save()/delete(); a bulk
QuerySet.update() does not send signals, so code that uses one must call content_changed() itself.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from taggit.models import Tag, TaggedItem

from authors.models import Author
from media.models import Photo, PhotoCredit, SlotCrop

from .caching import content_changed
from .models import Article, Byline, Correction, RelatedLink, Section

SHOWN_ON_PAGES = [
    Article,
    Byline,
    RelatedLink,
    Correction,
    Section,
    Author,
    Photo,
    PhotoCredit,
    SlotCrop,
    Tag,
    TaggedItem,
]


def _changed(sender, **kwargs):
    content_changed()


def _tags_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        content_changed()


def connect():
    for model in SHOWN_ON_PAGES:
        post_save.connect(_changed, sender=model, dispatch_uid=f"newsroom-cache-save-{model._meta.label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"newsroom-cache-delete-{model._meta.label}")
    # taggit's add/remove/clear bulk-write TaggedItem rows and send m2m_changed instead.
    m2m_changed.connect(_tags_changed, sender=TaggedItem, dispatch_uid="newsroom-cache-tags")
