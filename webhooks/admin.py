from django import forms
from django.contrib import admin, messages

from feed.events import EVENTS

from .models import Delivery, Endpoint, every_event, new_secret
from .tasks import send_again


class EndpointForm(forms.ModelForm):
    url = forms.URLField(
        label="Address", assume_scheme="https", max_length=500, help_text=Endpoint._meta.get_field("url").help_text
    )
    events = forms.MultipleChoiceField(
        choices=EVENTS.items(),
        initial=every_event,
        widget=forms.CheckboxSelectMultiple,
        help_text="What the partner is told of.",
    )

    class Meta:
        model = Endpoint
        fields = ["name", "url", "events", "active"]


@admin.register(Endpoint)
class EndpointAdmin(admin.ModelAdmin):
    form = EndpointForm
    list_display = ["name", "url", "active", "created_at"]
    list_filter = ["active"]
    search_fields = ["name", "url"]
    readonly_fields = ["secret"]
    actions = ["change_secret"]

    @admin.action(description="Give the selected endpoints a new secret", permissions=["change"])
    def change_secret(self, request, queryset):
        for endpoint in queryset:
            endpoint.secret = new_secret()
            endpoint.save(update_fields=["secret"])
        messages.success(request, "New secrets made: give each partner theirs (on the endpoint's page).")


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "endpoint", "event", "story_id", "state", "attempts", "response_status"]
    list_filter = ["state", "event", "endpoint"]
    list_select_related = ["endpoint"]
    search_fields = ["=story_id", "key"]
    date_hierarchy = "created_at"
    fields = [
        "endpoint", "event", "story_id", "state", "attempts", "response_status", "error",
        "created_at", "next_attempt_at", "delivered_at", "key", "payload",
    ]  # fmt: skip
    readonly_fields = fields
    actions = ["deliver_again"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # A delivery's page is its record, to read; the list's action sends it again.
        return obj is None and super().has_change_permission(request)

    @admin.action(description="Send the selected notifications again", permissions=["change"])
    def deliver_again(self, request, queryset):
        count = send_again(queryset)
        messages.success(request, f"{count} notification(s) queued to be sent again (those already queued are left).")
