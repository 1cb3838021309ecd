"""The photos of a WordPress import: attachments and featured images, read from the old uploads folder
(never fetched), through the same upload checks as the photo form."""

from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from media.images import read_credit, validate_image_upload
from media.models import Photo, PhotoCredit

from .bodies import plain_text
from .models import ImportedItem
from .report import PLACEHOLDER_CREDIT

UPLOADS = "wp-content/uploads/"
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"}


class PhotoImport:
    """WordPressImport's photos: needs its attachments, photos, attachment_ids_by_path, media_dir, source,
    user and report, and its _upload_path()."""

    def _lead_photo(self, item, image_urls, *, dry_run):
        thumbnail = item.meta.get("_thumbnail_id", "")
        candidates = [int(thumbnail)] if thumbnail.isdigit() else []
        for url in image_urls:
            path = uploads_path(url)
            candidates.append(
                self.attachment_ids_by_path.get(path) or self.attachment_ids_by_path.get(original_of(path))
            )
        for wp_id in candidates:
            if wp_id in self.attachments and (photo := self._photo(wp_id, dry_run=dry_run)):
                return photo
        return None

    def _photo(self, wp_id, *, dry_run):
        if wp_id in self.photos:
            return self.photos[wp_id]
        attachment = self.attachments[wp_id]
        record = ImportedItem.objects.filter(source=self.source, source_id=wp_id).select_related("photo").first()
        if record and record.photo and record.fingerprint == attachment.fingerprint:
            self.photos[wp_id] = record.photo
            return record.photo
        relative = self._upload_path(attachment)
        path = (self.media_dir / relative) if self.media_dir and relative else None
        self.photos[wp_id] = None
        if PurePosixPath(relative).suffix.lower() not in IMAGE_EXTENSIONS:
            self.report.notes.append((wp_id, relative, "not an image: not imported"))
            return None
        if path is not None and not _inside(path, self.media_dir):
            self.report.notes.append((wp_id, relative, "refused: its file name leads outside the media folder"))
            return None
        if path is None or not path.is_file():
            self.report.photos_missing.append(relative or attachment.attachment_url or f"attachment #{wp_id}")
            return None
        photo = None
        with path.open("rb") as handle:
            upload = File(handle, name=path.name)
            try:
                validate_image_upload(upload)
            except ValidationError as error:
                self.report.notes.append((wp_id, relative, f"photo refused: {' '.join(error.messages)}"))
                return None
            title = plain_text(attachment.title)
            alt = attachment.meta.get("_wp_attachment_image_alt", "").strip() or title or path.stem
            with transaction.atomic():  # the photo, its credit and the record of its import
                credit = self._credit(read_credit(upload), relative)
                if not dry_run:
                    photo = record.photo if record and record.photo else Photo(uploaded_by=self.user)
                    photo.alt_text = alt[:250]
                    photo.caption = plain_text(attachment.excerpt)[:300]
                    photo.credit = credit
                    if photo.pk is None:
                        photo.image = upload
                    photo.save()
                    ImportedItem.objects.update_or_create(
                        source=self.source,
                        source_id=wp_id,
                        defaults={
                            "kind": ImportedItem.Kind.ATTACHMENT,
                            "photo": photo,
                            "fingerprint": attachment.fingerprint,
                        },
                    )
        self.report.photos_imported += 1
        self.photos[wp_id] = photo
        return photo

    def _credit(self, found, relative):
        if found["photographer"] or found["source"]:
            return PhotoCredit.objects.for_names(**found)
        self.report.photos_without_credit.append(relative)
        credit, _ = PhotoCredit.objects.get_or_create(photographer="", source=PLACEHOLDER_CREDIT)
        return credit


def uploads_path(url):
    """A file's path under the uploads folder from its address: what follows wp-content/uploads/, or
    (WordPress.com, whose files are at files.wordpress.com/2024/01/…) the whole path."""
    path = unquote(urlsplit(url).path)
    return (path.split(UPLOADS, 1)[1] if UPLOADS in path else path).lstrip("/")


def original_of(path):
    """WordPress's resized copy 'a-300x200.jpg' names its original 'a.jpg'."""
    pure = PurePosixPath(path)
    stem = pure.stem
    head, _, size = stem.rpartition("-")
    if head and "x" in size and size.replace("x", "").isdigit():
        return str(pure.with_name(head + pure.suffix))
    return path


def _inside(path, folder):
    return folder is not None and path.resolve().is_relative_to(folder.resolve())
