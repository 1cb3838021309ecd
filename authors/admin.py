from django.contrib import admin

from common.admin_guards import GuardedAdminMixin

from .models import Author


def own_profile(request):
    """The author profile linked to the logged-in user, if any."""
    return Author.objects.filter(user_id=request.user.pk).first() if request.user.is_authenticated else None


@admin.register(Author)
class AuthorAdmin(GuardedAdminMixin, admin.ModelAdmin):
    """Bio managers edit every profile; any staff member linked to a profile edits their own bio and avatar."""

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
    OWN_PROFILE_FIELDS = {"avatar", "short_bio", "bio"}

    def _is_own(self, request, obj):
        return obj is not None and obj.user_id is not None and obj.user_id == request.user.pk

    def has_module_permission(self, request):
        return super().has_module_permission(request) or own_profile(request) is not None

    def has_view_permission(self, request, obj=None):
        if super().has_view_permission(request, obj):
            return True
        return self._is_own(request, obj) if obj is not None else own_profile(request) is not None

    def has_change_permission(self, request, obj=None):
        if super().has_change_permission(request, obj):
            return True
        return self._is_own(request, obj) if obj is not None else own_profile(request) is not None

    def get_queryset(self, request):
        authors = super().get_queryset(request)
        if request.user.has_perm("authors.view_author") or request.user.has_perm("authors.change_author"):
            return authors
        return authors.filter(user=request.user)

    def get_readonly_fields(self, request, obj=None):
        if request.user.has_perm("authors.change_author"):
            # Stories belong to the users linked to their bylines: relinking a profile hands them over.
            return [] if request.user.has_perm("auth.change_user") else ["user"]
        every_field = [field.name for field in Author._meta.fields if field.editable]
        return [name for name in every_field if name not in self.OWN_PROFILE_FIELDS]

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if request.user.has_perm("authors.change_author") else {}

    @admin.display(boolean=True, description="Avatar")
    def has_avatar(self, author):
        return author.avatar_id is not None
