from django.apps import AppConfig
from taggit.apps import TaggitAppConfig


class NewsroomConfig(AppConfig):
    # The one Django picks for "newsroom" in INSTALLED_APPS: this module holds other app configs too.
    default = True
    name = "newsroom"
    verbose_name = "Site"

    def ready(self):
        from django.conf import settings
        from django.contrib import admin

        from . import checks  # noqa: F401  (registers the system checks)

        # The newsroom's name where the admin said "Django administration".
        admin.site.site_header = f"{settings.NEWSROOM_SITE_NAME} newsroom"
        admin.site.site_title = f"{settings.NEWSROOM_SITE_NAME} newsroom"


class TopicsConfig(TaggitAppConfig):
    """django-taggit's tags, as the newsroom calls them ("Topics", not "Taggit", in the admin)."""

    verbose_name = "Topics"
