"""Sections and tags: the lists editors keep."""

from django.contrib import admin
from taggit.admin import TagAdmin
from taggit.models import Tag

from common.admin_guards import GuardedAdminMixin

from ..models import Section


@admin.register(Section)
class SectionAdmin(GuardedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


admin.site.unregister(Tag)


@admin.register(Tag)
class GuardedTagAdmin(GuardedAdminMixin, TagAdmin):
    """taggit's admin, with the same guards against hostile list parameters as ours."""
