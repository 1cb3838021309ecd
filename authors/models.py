from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from media.models import Photo


class AuthorQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Author(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True, help_text=_("Used in the author page's address."))
    role = models.CharField(
        _("role"), max_length=80, blank=True, help_text=_("Shown under the name. Example: News Editor.")
    )
    short_bio = models.TextField(
        _("short bio"),
        blank=True,
        max_length=600,
        help_text=_("One paragraph for the author box under each story."),
    )
    bio = models.TextField(
        _("bio"), blank=True, help_text=_("The full biography on the author page. Blank lines start paragraphs.")
    )
    avatar = models.ForeignKey(
        Photo,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="avatar_of",
        verbose_name=_("avatar"),
        help_text=_("A head-and-shoulders photo; it is cropped square around the photo's point of interest."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
        verbose_name=_("user"),
        help_text=_("Only for staff who log in. Contributors need no account."),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Untick for people who have left; their stories stay credited to them."),
    )

    objects = AuthorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("feed:author", kwargs={"slug": self.slug})

    @property
    def initials(self):
        return "".join(word[0] for word in self.name.split()[:2]).upper()
