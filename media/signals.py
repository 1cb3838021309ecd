"""A deleted photo's files go with it. Connected in MediaConfig.ready()."""

from django.db import transaction
from django.db.models.signals import post_delete

from .models import Photo


def delete_files(sender, instance, **kwargs):
    """After the commit (a delete that rolls back keeps them): a photo taken down, say for legal reasons,
    must not stay reachable on the media host by its old address."""
    names = [instance.image.name, *(name for entry in instance.rendition_entries() for name in entry["files"].values())]
    storage = instance.image.storage
    transaction.on_commit(lambda: [storage.delete(name) for name in names if name])


def connect():
    post_delete.connect(delete_files, sender=Photo, dispatch_uid="media-delete-photo-files")
