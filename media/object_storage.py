"""Uploads on an S3-compatible object store (MEDIA_STORAGE=s3; docs/deploy.md, "Uploads on object storage")."""

from botocore.exceptions import BotoCoreError, ClientError
from storages.backends.s3 import S3Storage

from .storage import WriteRefused


class ObjectStorage(S3Storage):
    """django-storages' S3 storage, whose refusals are the photo form's: an object is written whole or not at
    all (boto3 aborts a multipart upload that fails), so a failed write leaves nothing behind, and the store's
    error — full, over quota, unreachable — becomes a WriteRefused, which the photo form shows."""

    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except (BotoCoreError, ClientError) as error:
            raise WriteRefused(f"The object store did not take {name}: {error}") from error
