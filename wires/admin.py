"""The wire inbox in the admin: sources (editors), the items (reporters and editors; read-only, with
*Make a draft*), and the files read, with why any was refused."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.views.decorators.http import require_POST

from common.times import local_time
from feed.workflow import EditorialError

from . import services
from .models import WireFile, WireItem, WireSource


@admin.register(WireSource)
class WireSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "agency_name", "kind", "location", "section", "is_active", "polled", "last_error"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "agency_name"]

    @admin.display(description="Last polled", ordering="last_polled_at")
    def polled(self, source):
        return local_time(source.last_polled_at) if source.last_polled_at else "Never"


class ReplacedFilter(admin.SimpleListFilter):
    title = "version"
    parameter_name = "replaced"

    def lookups(self, request, model_admin):
        return [("no", "Current only"), ("yes", "Replaced")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(replaced_by__isnull=self.value() == "no")
        return queryset


@admin.register(WireItem)
class WireItemAdmin(admin.ModelAdmin):
    list_display = ["headline", "agency", "received", "embargo", "version_note", "story"]
    list_filter = ["agency", ReplacedFilter, "source"]
    search_fields = ["headline", "guid"]
    list_select_related = ["story", "replaced_by"]
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.display(description="Received", ordering="received_at")
    def received(self, item):
        return local_time(item.received_at)

    @admin.display(description="Embargo", ordering="embargo_until")
    def embargo(self, item):
        return f"Until {local_time(item.embargo_until)}" if item.embargo_until else ""

    @admin.display(description="Version", ordering="version")
    def version_note(self, item):
        if item.is_replaced:
            return f"{item.version} (replaced by version {item.replaced_by.version})"
        if item.is_withdrawn:
            return f"{item.version} ({item.pub_status} by the agency)"
        return str(item.version)

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"title": "Wire"} | (extra_context or {}))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:item_id>/make-draft/",
                view(require_POST(self.make_draft_view)),
                name="wires_wireitem_make_draft",
            ),
            *super().get_urls(),
        ]

    def _item_or_404(self, request, item_id):
        if not self.has_view_permission(request):
            raise PermissionDenied
        item = self.get_queryset(request).select_related("source", "story", "replaced_by").filter(pk=item_id).first()
        if item is None:
            raise Http404("No such wire item.")
        return item

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not str(object_id).isdigit():
            raise Http404("No such wire item.")
        item = self._item_or_404(request, int(object_id))
        context = self.admin_site.each_context(request) | {
            "title": item.headline,
            "opts": self.opts,
            "item": item,
            "may_make_draft": services.may_make_drafts(request.user),
        }
        return TemplateResponse(request, "admin/wires/wireitem/item.html", context)

    def make_draft_view(self, request, item_id):
        item = self._item_or_404(request, item_id)
        try:
            story = services.make_draft(item=item, user=request.user)
        except EditorialError as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return redirect("admin:wires_wireitem_change", item.pk)
        self.message_user(request, f"“{story}” is a draft bylined {item.agency}; the wire copy is its first revision.")
        return redirect("admin:feed_article_change", story.pk)


@admin.register(WireFile)
class WireFileAdmin(admin.ModelAdmin):
    list_display = ["name", "source", "read", "items", "error"]
    list_filter = ["source", ("error", admin.EmptyFieldListFilter)]
    search_fields = ["name", "error"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="Read", ordering="read_at")
    def read(self, wire_file):
        return local_time(wire_file.read_at)
