import reversion
from csp.decorators import csp_update
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from js_asset import Media

from authors.models import Author
from common.admin_guards import GuardedAdminMixin
from common.editions import other_edition

from .. import workflow
from ..html import sanitize_body
from ..models import TRASH_DAYS, Article, Byline, Correction, RelatedLink
from .forms import (
    PUBLISHING_INTENTS,
    ArticleForm,
    intent_of,
)
from .inlines import BylineInline, CorrectionInline, NamedBlankAutocompleteMixin, RelatedLinkInline
from .story_pages import StoryPagesMixin

# The body editor (django-prose-editor's Tiptap) adds its base stylesheet as an inline <style> element,
# and offers no setting to give it a nonce. The Content-Security-Policy allows exactly that stylesheet
# by its hash, on the article form only. A new django-prose-editor may change it: the browser test
# tests/browser/test_content_security_policy.py then reports the refused style and its new hash.
PROSE_EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"

# How the message says which change the button asked for when feed.workflow refused it.
REFUSED_WORDS = {
    "draft": _("returned to draft"),
    "review": _("submitted for review"),
    "publish": _("published"),
    "schedule": _("scheduled"),
    "unpublish": _("unpublished"),
}


class StatusFilter(admin.SimpleListFilter):
    """Status, with "Scheduled" told apart from live stories."""

    title = _("status")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            *Article.Status.choices[:2],
            ("scheduled", _("Scheduled")),
            ("live", pgettext_lazy("story state", "Live")),
            *Article.Status.choices[3:],
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "live":
            return queryset.published()
        if value == "scheduled":
            return queryset.scheduled()
        if value in Article.Status.values:
            return queryset.filter(status=value)
        return queryset


@admin.register(Article)
class ArticleAdmin(StoryPagesMixin, GuardedAdminMixin, NamedBlankAutocompleteMixin, admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    form = ArticleForm
    list_display = ["headline", "language", "section", "state", "byline_list", "published_at", "tag_list"]
    list_filter = [StatusFilter, "language", "section", "authors", ("tags", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["section"]
    search_fields = ["headline", "summary"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["lead_photo", "video_poster"]
    readonly_fields = [
        "state",
        "updated_at",
        "reading_minutes",
        "created_at",
        "created_by",
        "modified_at",
        "body_as_read",
    ]
    inlines = [BylineInline, RelatedLinkInline, CorrectionInline]
    actions = ["publish_selected", "unpublish_selected", "translate_selected", "trash_selected"]
    change_form_template = "admin/feed/article/change_form.html"
    change_list_template = "admin/feed/article/change_list.html"
    delete_confirmation_template = "admin/feed/article/delete_confirmation.html"
    object_history_template = "admin/feed/article/object_history.html"
    fieldsets = [
        # known_version is a hidden field of the form, rendered by the template: a fieldset would give it a
        # label, and a label for a hidden input is invalid HTML.
        (
            None,
            {
                "fields": [
                    *("language", "headline", "slug", "section", "is_breaking", "live_coverage"),
                    *("summary", "body", "tags"),
                ]
            },
        ),
        (_("Lead photo"), {"fields": ["lead_photo", "lead_photo_caption"]}),
        (
            _("Publishing"),
            {
                "fields": [
                    "state",
                    "published_at",
                    "embargo_until",
                    "substantive_update",
                    "updated_at",
                    "reading_minutes",
                ]
            },
        ),
        (_("Video"), {"classes": ["collapse"], "fields": ["video_url", "video_poster", "video_duration"]}),
        (_("Advanced"), {"classes": ["collapse"], "fields": ["created_at", "created_by", "modified_at"]}),
    ]

    class Media:
        css = {"all": ["feed/admin.css"]}
        js = ["feed/article_form.js", "feed/live_preview.js"]

    # Permissions: editors work on every story; reporters on their own drafts (see Article).

    def get_queryset(self, request):
        return Article.objects.visible_to_staff(request.user).prefetch_related(
            "tags", Prefetch("bylines", queryset=Byline.objects.select_related("author"))
        )

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return super().has_view_permission(request)
        return obj.can_be_viewed_by(request.user) or (obj.is_published and super().has_view_permission(request))

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return obj.can_be_edited_by(request.user)

    def has_publish_permission(self, request):
        return request.user.has_perm("feed.publish_article")

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read-only (a reporter's submitted story): the body as readers will read it, not its HTML, and
        # no "substantive update" tick box for a save that cannot happen.
        shown_instead = {"body": ["body_as_read"], "substantive_update": []}
        return [
            (
                name,
                options
                | {"fields": [shown for field in options["fields"] for shown in shown_instead.get(field, [field])]},
            )
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            readonly.append("published_at")
        if obj is not None and obj.status in (Article.Status.PUBLISHED, Article.Status.KILLED):
            # The language is part of the address readers know (/uk/news/…); a new story is written instead.
            readonly.append("language")
        return readonly

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "missing-translations/",
                view(self.missing_translations_view),
                name="feed_article_missing_translations",
            ),
            path("<path:object_id>/kill/", view(self.kill_view), name="feed_article_kill"),
            path(
                "<path:object_id>/translate/",
                view(require_POST(self.translate_view)),
                name="feed_article_translate",
            ),
            path(
                "<path:object_id>/return-to-draft/",
                view(require_POST(self.return_to_draft_view)),
                name="feed_article_return_to_draft",
            ),
            path(
                "<path:object_id>/revisions/<int:version_id>/",
                view(self.revision_view),
                name="feed_article_revision",
            ),
            *super().get_urls(),
        ]

    # The form and its buttons: the story is saved as written, then the change the button asks for
    # goes to feed.workflow. A refused change keeps the text saved and says what is missing.

    @method_decorator(csp_update({"style-src": [PROSE_EDITOR_STYLE_HASH]}))
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if intent_of(request) in PUBLISHING_INTENTS and not self.has_publish_permission(request):
            raise PermissionDenied
        extra_context = (extra_context or {}) | {"can_publish": self.has_publish_permission(request)}
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # django-prose-editor's import map is an inline <script type="importmap">: the Content-Security-Policy
        # lets it run only with this request's nonce, which django-js-asset's Media puts on its tags.
        context["media"] = Media.from_media(context["media"], nonce=request.csp_nonce)
        # Those who can edit the story return it to draft with "Save draft"; a writer whose story is in
        # review sees it read-only, with this button instead.
        context["can_return_to_draft"] = (
            obj is not None
            and obj.status == Article.Status.REVIEW
            and not self.has_change_permission(request, obj)
            and workflow.may_return_to_draft(obj, request.user)
        )
        if obj is not None and obj.pk is not None:
            context["translations"] = list(
                Article.objects.visible_to_staff(request.user).translations_of(obj).order_by("language")
            )
            context["can_translate"] = self.has_add_permission(request) and not any(
                translation.language == other_edition(obj.language) for translation in context["translations"]
            )
            context["translate_into"] = dict(settings.LANGUAGES)[other_edition(obj.language)]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        if change and form.cleaned_data.get("substantive_update") and obj.is_published:
            obj.updated_at = timezone.now()
        super().save_model(request, obj, form, change)
        if form.merge_note:
            messages.info(request, form.merge_note)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        try:
            outcome = self.apply_intent(request, form.instance)
        except workflow.EditorialError as refusal:
            # Read by response_add/response_change: back to the form, not to the list.
            request.editorial_refusal = refusal
            self.message_user(
                request,
                gettext("“%(story)s” is saved as %(state)s, but not %(change)s: %(reason)s")
                % {
                    "story": form.instance,
                    "state": form.instance.state_label.lower(),
                    "change": REFUSED_WORDS[intent_of(request)],
                    "reason": refusal,
                },
                messages.ERROR,
            )
            return
        if outcome is not None:
            messages.info(request, f"“{outcome.article}”: {outcome.message}")

    def apply_intent(self, request, article):
        """The workflow change the pressed button asks for, if any, through feed.workflow."""
        intent, user = intent_of(request), request.user
        if intent == "draft" and article.status == Article.Status.REVIEW:
            return workflow.return_to_draft(article=article, user=user)
        if intent == "review" and article.status == Article.Status.DRAFT:
            return workflow.submit_for_review(article=article, user=user)
        if intent == "publish":
            return workflow.publish_now(article=article, user=user)
        if intent == "schedule":
            return workflow.schedule(article=article, user=user, at=article.published_at)
        if intent == "unpublish" and article.status == Article.Status.PUBLISHED:
            return workflow.unpublish(article=article, user=user)
        return None

    def response_add(self, request, obj, post_url_continue=None):
        if getattr(request, "editorial_refusal", None):
            return redirect("admin:feed_article_change", obj.pk)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if getattr(request, "editorial_refusal", None):
            return redirect("admin:feed_article_change", obj.pk)
        return super().response_change(request, obj)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        """A new story's first byline is the writer's own author profile, when they have one. Only on
        the empty form: posted, the byline is then a change from no initial value, and is saved."""
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if (obj is None or obj.pk is None) and request.method == "GET" and isinstance(inline, BylineInline):
            author = Author.objects.filter(user=request.user).values_list("pk", flat=True).first()
            if author is not None:
                kwargs["initial"] = [{"author": author}]
        return kwargs

    def save_formset(self, request, form, formset, change):
        if formset.model is Correction:
            for note in formset.save(commit=False):
                workflow.append_correction(article=form.instance, user=request.user, kind=note.kind, text=note.text)
            return
        if formset.model not in (Byline, RelatedLink):
            return super().save_formset(request, form, formset, change)
        # Rows are saved one at a time, so swapping two bylines' authors or two links' targets
        # would break a unique constraint halfway. Delete the edited rows first, then insert.
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        formset.model.objects.filter(pk__in=[obj.pk for obj in instances if obj.pk]).delete()
        for obj in instances:
            obj.pk = None
            obj._state.adding = True
            obj.save()
        formset.save_m2m()

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.get_change_message())
        return entry

    # Deleting moves stories to the trash, and is said so: the stock words speak of deleting.

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # trash_selected instead
        return actions

    def delete_view(self, request, object_id, extra_context=None):
        extra_context = (extra_context or {}) | {"title": gettext("Move to the trash?"), "trash_days": TRASH_DAYS}
        return super().delete_view(request, object_id, extra_context)

    def response_delete(self, request, obj_display, obj_id):
        self.message_user(
            request,
            gettext("“%(story)s” is in the trash; it can be restored for %(days)d days.")
            % {"story": obj_display, "days": TRASH_DAYS},
        )
        return redirect("admin:feed_article_changelist")

    def delete_model(self, request, obj):
        workflow.move_to_trash(article=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            workflow.move_to_trash(article=article, user=request.user)

    def get_deleted_objects(self, objs, request):
        # Nothing else goes: the story keeps its bylines, links and notes while in the trash.
        to_delete = [str(obj) for obj in objs]
        return to_delete, {Article._meta.verbose_name_plural: len(to_delete)}, set(), []

    # Bulk actions.

    def apply_to_each(self, request, queryset, service, refused, done):
        """Runs a workflow service on each selected story; says which were refused and why. `refused`
        says one story was not changed ("“%(story)s” was not published: %(reason)s"), `done` how many
        were (a plural, "Published %(count)d stories.")."""
        changed = 0
        for article in queryset:
            try:
                service(article=article, user=request.user)
            except workflow.EditorialError as refusal:
                self.message_user(request, refused % {"story": article, "reason": refusal}, messages.WARNING)
            else:
                changed += 1
        if changed:
            self.message_user(request, done(changed) % {"count": changed, "days": TRASH_DAYS})

    @admin.action(permissions=["publish"], description=_("Publish the selected stories now"))
    def publish_selected(self, request, queryset):
        # Live and killed stories are passed over without a word, as they were not asked for.
        stories = [article for article in queryset if not (article.is_published or article.is_killed)]
        self.apply_to_each(
            request,
            stories,
            workflow.publish_now,
            gettext("“%(story)s” was not published: %(reason)s"),
            lambda count: ngettext("Published %(count)d story.", "Published %(count)d stories.", count),
        )

    @admin.action(permissions=["publish"], description=_("Unpublish the selected stories"))
    def unpublish_selected(self, request, queryset):
        self.apply_to_each(
            request,
            queryset.filter(status=Article.Status.PUBLISHED),
            workflow.unpublish,
            gettext("“%(story)s” was not unpublished: %(reason)s"),
            lambda count: ngettext("Unpublished %(count)d story.", "Unpublished %(count)d stories.", count),
        )

    @admin.action(permissions=["add"], description=_("Translate the selected stories (a draft in the other language)"))
    def translate_selected(self, request, queryset):
        self.apply_to_each(
            request,
            queryset,
            workflow.translate,
            gettext("“%(story)s” was not translated into drafts in the other language: %(reason)s"),
            lambda count: ngettext(
                "Translated %(count)d story into drafts in the other language.",
                "Translated %(count)d stories into drafts in the other language.",
                count,
            ),
        )

    @admin.action(permissions=["delete"], description=_("Move the selected stories to the trash"))
    def trash_selected(self, request, queryset):
        self.apply_to_each(
            request,
            queryset,
            workflow.move_to_trash,
            gettext("“%(story)s” was not moved to the trash: %(reason)s"),
            lambda count: ngettext(
                "Moved %(count)d story to the trash (restorable for %(days)d days).",
                "Moved %(count)d stories to the trash (restorable for %(days)d days).",
                count,
            ),
        )

    # List columns.

    @admin.display(description=_("Body"))
    def body_as_read(self, article):
        # Cleaned as every save cleans it, so this is the HTML the article page shows readers.
        return mark_safe(sanitize_body(article.body))

    @admin.display(description=_("Status"), ordering="status")
    def state(self, article):
        return article.state_label

    def view_on_site(self, article):
        return article.get_absolute_url() if article.is_published else reverse("feed:preview", args=[article.pk])

    @admin.display(description=_("Bylines"))
    def byline_list(self, article):
        return ", ".join(byline.author.name for byline in article.bylines.all())

    @admin.display(description=_("Tags"))
    def tag_list(self, article):
        return ", ".join(tag.name for tag in article.tags.all())
