"""API tokens in the admin: made for a user with a name and an expiry, shown once after the save,
revoked by an action (never edited: a changed token is a new one)."""

from django.contrib import admin, messages
from django.utils import timezone

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "expires_at", "revoked_at", "last_used_at"]
    list_filter = ["revoked_at"]
    list_select_related = ["user"]
    search_fields = ["name", "user__username"]
    autocomplete_fields = ["user"]
    fields = ["user", "name", "expires_at"]
    actions = ["revoke"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["user", "name", "expires_at", "prefix", "created_at", "revoked_at", "last_used_at"]

    def get_fields(self, request, obj=None):
        return self.fields if obj is None else self.get_readonly_fields(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            return
        secret = obj.new_secret()
        super().save_model(request, obj, form, change)
        messages.warning(
            request,
            f"The token “{obj.name}” is {secret} — copy it now: it is stored only hashed and will not be shown again.",
        )

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, f"{count} token(s) revoked; requests with them now get 401.")
