from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from .querysets import Status, published_q

PATH_MAX_LENGTH = 500


def redirect_paths(path, query):
    """The old addresses a request may match: its path, and its path with WordPress's ?p=ID (the
    only query an old address keeps; others are campaign tags and the like)."""
    paths = [path]
    post_id = query.get("p", "")
    if post_id.isascii() and post_id.isdigit() and len(post_id) <= 20:
        paths.append(f"{path}?p={post_id}")
    return paths


class RedirectQuerySet(models.QuerySet):
    def followable(self):
        """Redirects that lead somewhere readers may go: a path, or a story that is live or killed
        (whose address answers 410 with its notice). One to a draft, a scheduled or trashed story
        says nothing, so that a redirect never reveals a story before its time."""
        killed = Q(article__status=Status.KILLED, article__deleted_at__isnull=True)
        return self.filter(Q(article__isnull=True) | published_q("article__") | killed)


class Redirect(models.Model):
    """An old address that answers 301: to a story's address now, or to another path. Asked only when
    nothing else answers (feed.redirects.RedirectFallbackMiddleware). Made by renaming a live story
    (its former address), by imports (a WordPress site's permalinks), and by editors in the admin."""

    old_path = models.CharField(
        max_length=PATH_MAX_LENGTH,
        unique=True,
        help_text="The address as readers asked for it, from the first slash, e.g. /2019/05/04/a-story/ "
        "or /?p=123 (WordPress's short links keep only the p query).",
    )
    article = models.ForeignKey(
        "feed.Article",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="redirects",
        help_text="The story it leads to, at whatever address the story has.",
    )
    target_path = models.CharField(
        max_length=PATH_MAX_LENGTH,
        blank=True,
        help_text="Or an address on this site it leads to, from the first slash. Leave blank when a story is chosen.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RedirectQuerySet.as_manager()

    class Meta:
        ordering = ["old_path"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(article__isnull=True) & ~Q(target_path=""))
                | (Q(article__isnull=False) & Q(target_path="")),
                name="redirect_has_one_target",
                violation_error_message="Choose a story or give an address, not both.",
            ),
        ]

    def __str__(self):
        return f"{self.old_path} → {self.article or self.target_path}"

    def clean(self):
        # Addresses on this site only: a redirect must not send readers elsewhere.
        for name in ("old_path", "target_path"):
            value = getattr(self, name)
            if value and (not value.startswith("/") or value.startswith("//") or "\\" in value):
                raise ValidationError({name: "Give an address on this site, starting with a single /."})
        if bool(self.article_id) == bool(self.target_path):
            raise ValidationError("Choose a story or give an address, not both.")

    def target_url(self):
        return self.article.get_absolute_url() if self.article_id else self.target_path
