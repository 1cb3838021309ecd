from django.contrib import admin

from .models import Author


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "has_avatar", "user", "is_active"]
    list_filter = ["is_active", "role"]
    list_select_related = ["user", "avatar"]
    search_fields = ["name", "role"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user", "avatar"]
    fieldsets = [
        (None, {"fields": [("name", "slug"), "role", "avatar", "short_bio", "bio", "is_active"]}),
        ("Advanced", {"classes": ["collapse"], "fields": ["user"]}),
    ]

    @admin.display(boolean=True, description="Avatar")
    def has_avatar(self, author):
        return author.avatar_id is not None
