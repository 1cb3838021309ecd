import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from authors.models import Author
from common.web_addresses import validate_web_address, web_address


@reversion.register()
class Byline(models.Model):
    article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="byline_unique_author_per_article"),
        ]

    def __str__(self):
        return f"{self.author} on {self.article}"


@reversion.register()
class RelatedLink(models.Model):
    """An editor's related-story link: to one of our stories, or to an outside page."""

    article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="related_links")
    target = models.ForeignKey(
        "Article",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="linked_from",
        help_text="One of our stories. Its current headline and summary are shown.",
    )
    url = models.URLField(
        "outside address", blank=True, validators=[validate_web_address], help_text="Or a page elsewhere…"
    )
    title = models.CharField(max_length=200, blank=True, help_text="…with the title to show for it.")
    after_paragraph = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Show inside the body after this paragraph (1 = the first). Empty: list it after the body.",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "target"],
                condition=Q(target__isnull=False),
                name="relatedlink_unique_target",
                violation_error_message="This story is already linked.",
            ),
            models.CheckConstraint(
                condition=~Q(target=F("article")),
                name="relatedlink_not_to_itself",
                violation_error_message="A story cannot link to itself.",
            ),
            models.CheckConstraint(
                condition=(Q(target__isnull=False) & Q(url="")) | (Q(target__isnull=True) & ~Q(url="") & ~Q(title="")),
                name="relatedlink_story_or_outside_page",
                violation_error_message="Pick one of our stories, or give an outside address and its title.",
            ),
        ]

    def __str__(self):
        return f"{self.article} → {self.target or self.title}"

    def clean(self):
        # Admin inlines leave `article` out of the form, so Django skips the database check
        # relatedlink_not_to_itself when validating; repeat it here to give a form error, not a 500.
        if self.target_id is not None and self.target_id == self.article_id:
            raise ValidationError({"target": "A story cannot link to itself."})

    @property
    def href(self):
        return self.target.get_absolute_url() if self.target_id else web_address(self.url)

    @property
    def label(self):
        return self.target.headline if self.target_id else self.title

    @property
    def teaser(self):
        return self.target.summary if self.target_id else ""
