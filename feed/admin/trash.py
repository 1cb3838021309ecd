"""The trash: deleted stories, restorable for TRASH_DAYS days."""

from django.contrib import admin

from common.admin_guards import GuardedAdminMixin

from .. import workflow
from ..models import TRASH_DAYS, Article, ArticleInTrash


@admin.register(ArticleInTrash)
class ArticleInTrashAdmin(GuardedAdminMixin, admin.ModelAdmin):
    """Deleted stories, restorable for TRASH_DAYS days; `manage.py empty_trash` removes older ones."""

    list_display = ["headline", "section", "status", "deleted_at"]
    list_select_related = ["section"]
    search_fields = ["headline"]
    actions = ["restore_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).trashed()

    def has_module_permission(self, request):
        return request.user.has_perm("feed.delete_article")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("feed.delete_article")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("feed.delete_article")

    def has_restore_permission(self, request):
        return request.user.has_perm("feed.delete_article")

    def get_actions(self, request):
        # The stock delete comes first; here it is the one action that cannot be undone, so it goes last.
        actions = super().get_actions(request)
        if stock_delete := actions.pop("delete_selected", None):
            function, name, _description = stock_delete
            actions[name] = (function, name, "Delete the selected stories for good")
        return actions

    @admin.action(permissions=["restore"], description="Restore the selected stories from the trash")
    def restore_selected(self, request, queryset):
        restored = 0
        for article in Article.objects.filter(pk__in=queryset.values("pk")):
            workflow.restore_from_trash(article=article, user=request.user)
            restored += 1
        self.message_user(request, f"Restored {restored} from the trash (kept {TRASH_DAYS} days).")
