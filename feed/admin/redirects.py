"""Redirects: old addresses and where they lead, kept by editors."""

from django.contrib import admin

from common.admin_guards import GuardedAdminMixin

from ..models import Redirect


@admin.register(Redirect)
class RedirectAdmin(GuardedAdminMixin, admin.ModelAdmin):
    list_display = ["old_path", "article", "target_path", "created_at"]
    search_fields = ["old_path", "target_path"]
    autocomplete_fields = ["article"]
    fields = ["old_path", "article", "target_path"]
