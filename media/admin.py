from django.contrib import admin
from django.db import models
from django.utils.html import format_html

from .models import Photo, PhotoCredit


@admin.register(PhotoCredit)
class PhotoCreditAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["__str__", "photographer", "source", "may_syndicate"]
    list_filter = ["may_syndicate"]
    search_fields = ["photographer", "source"]


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "__str__", "credit", "width", "height", "uploaded_at", "uploaded_by"]
    list_display_links = ["thumbnail", "__str__"]
    list_select_related = ["credit", "uploaded_by"]
    search_fields = ["alt_text", "caption", "credit__photographer", "credit__source"]
    autocomplete_fields = ["credit"]
    readonly_fields = ["width", "height", "uploaded_at", "uploaded_by"]
    date_hierarchy = "uploaded_at"

    @admin.display(description="Photo")
    def thumbnail(self, photo):
        return format_html('<img src="{}" alt="" style="height:48px;width:auto">', photo.url)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
