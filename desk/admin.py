"""The article admin, extended by the desk: the form's script keeps unsaved text (autosave) and says
who else has the story open (presence); the list says who is editing each story.

feed/admin registers ArticleAdmin; this subclass takes its place, calling it for everything else."""

from django.contrib import admin
from django.db.models import Prefetch
from django.urls import reverse

from feed.admin.articles import ArticleAdmin
from feed.models import Article

from . import services
from .diff import working_copy_diff
from .models import AUTOSAVED_FIELDS, EditingSession, WorkingCopy

admin.site.unregister(Article)


@admin.register(Article)
class DeskArticleAdmin(ArticleAdmin):
    change_form_template = "desk/article_change_form.html"
    list_display = [*ArticleAdmin.list_display, "editing_now"]

    class Media:
        css = {"all": ["desk/desk.css"]}
        js = ["desk/autosave.js"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch(
                    "editing_sessions",
                    queryset=EditingSession.objects.active().select_related("user"),
                    to_attr="active_editing_sessions",
                )
            )
        )

    @admin.display(description="Editing now")
    def editing_now(self, article):
        return ", ".join(session.editor_name for session in article.active_editing_sessions)

    def get_object(self, request, object_id, from_field=None):
        article = super().get_object(request, object_id, from_field)
        # "Restore" on the form's notice: the form opens with the kept text, typed against the version it was.
        if article is not None and request.method == "GET" and "restore" in request.GET:
            copy = WorkingCopy.objects.filter(user=request.user, article=article).first()
            if copy is not None:
                copy.apply_to(article)
        return article

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = super().get_object(request, object_id)
        extra_context = extra_context or {}
        if article is not None and article.can_be_edited_by(request.user):
            copy = WorkingCopy.objects.filter(user=request.user, article=article).first()
            extra_context |= {
                "desk_editing": {
                    "autosave": reverse("desk:autosave", args=[article.pk]),
                    "presence": reverse("desk:presence", args=[article.pk]),
                    "leave": reverse("desk:leave", args=[article.pk]),
                    "fields": " ".join(AUTOSAVED_FIELDS),
                },
                "working_copy": copy if copy is not None and "restore" not in request.GET else None,
                "working_copy_restored": copy is not None and "restore" in request.GET,
                "working_copy_diff": working_copy_diff(article, copy) if copy else [],
                "others_editing": services.others_editing(user=request.user, article=article),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, *args, **kwargs):
        context["parent_change_form_template"] = ArticleAdmin.change_form_template
        return super().render_change_form(request, context, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.forget_working_copy(user=request.user, article=obj)
