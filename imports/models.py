from django.db import models

from feed.models import Article
from media.models import Photo


class ImportedItem(models.Model):
    """What an item of another site's export became here, so that importing the export again updates
    it instead of making a second copy."""

    class Kind(models.TextChoices):
        POST = "post", "Post"
        ATTACHMENT = "attachment", "Attachment"

    source = models.CharField(max_length=300, help_text="The exported site's address.")
    source_id = models.PositiveBigIntegerField(help_text="The item's id there (WordPress's post id).")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    # The item as exported, hashed: an unchanged item is left alone.
    fingerprint = models.CharField(max_length=64)
    # The story's version after the import: a story edited here since is not overwritten.
    article_version = models.PositiveIntegerField(null=True, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="importeditem_unique_source_item"),
        ]

    def __str__(self):
        return f"{self.source} #{self.source_id}"
