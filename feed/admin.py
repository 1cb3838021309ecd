import reversion
from csp.decorators import csp_update
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.text import slugify
from js_asset import Media
from reversion.errors import RevertError
from taggit.admin import TagAdmin
from taggit.models import Tag

from common.admin_guards import CappedInlineMixin, GuardedAdminMixin, GuardedAutocompleteSelect

from . import revisions
from .models import TRASH_DAYS, Article, ArticleInTrash, Byline, Correction, RelatedLink, Section

# The body editor (django-prose-editor's Tiptap) adds its base stylesheet as an inline <style> element,
# and offers no setting to give it a nonce. The Content-Security-Policy allows exactly that stylesheet
# by its hash, on the article form only. A new django-prose-editor may change it: the browser test
# tests/browser/test_content_security_policy.py then reports the refused style and its new hash.
PROSE_EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"


@admin.register(Section)
class SectionAdmin(GuardedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


admin.site.unregister(Tag)


@admin.register(Tag)
class GuardedTagAdmin(GuardedAdminMixin, TagAdmin):
    """taggit's admin, with the same guards against hostile list parameters as ours."""


TAG_MAX_LENGTH = Tag._meta.get_field("name").max_length

# The submit buttons of the article form, by the name each posts.
INTENTS = {
    "_save_draft": "draft",
    "_submit_review": "review",
    "_publish": "publish",
    "_schedule": "schedule",
    "_unpublish": "unpublish",
}
PUBLISHING_INTENTS = {"publish", "schedule", "unpublish"}
GOING_LIVE_INTENTS = {"publish", "schedule"}


def stays_or_goes_live(article, intent):
    """Whether the story will be published (live or scheduled) after this save."""
    if intent in GOING_LIVE_INTENTS:
        return True
    return article.status == Article.Status.PUBLISHED and intent != "unpublish"


def intent_of(request):
    """What the editor asked for with the button they pressed; "" for a plain save."""
    if request is None or request.method != "POST":
        return ""
    return next((intent for name, intent in INTENTS.items() if name in request.POST), "")


def rows_not_in_the_form(formset):
    """The story's rows that a posted inline formset does not show (a stale or tampered form says
    there are fewer than there are). Saving leaves them as they are, so no form may repeat them."""
    if formset.instance.pk is None:
        return formset.model.objects.none()
    shown = [form.instance.pk for form in formset.initial_forms if form.instance.pk]
    return formset.model.objects.filter(article=formset.instance).exclude(pk__in=shown)


def refuse_repeating_rows_not_in_the_form(formset, field, message):
    """Found by tests/properties: without this, such a repeat ended in an IntegrityError (a 500)."""
    taken = set(rows_not_in_the_form(formset).values_list(f"{field}_id", flat=True))
    for form in formset.forms:
        value = form.cleaned_data.get(field) if form.cleaned_data else None
        if value is not None and not form.cleaned_data.get("DELETE") and value.pk in taken:
            form.add_error(field, message)


class BylineFormSet(forms.BaseInlineFormSet):
    request = None  # set by BylineInline.get_formset

    def clean(self):
        super().clean()
        refuse_repeating_rows_not_in_the_form(self, "author", "This author already has a byline on this story.")
        if not stays_or_goes_live(self.instance, intent_of(self.request)):
            return
        kept = [form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        if not kept:
            raise forms.ValidationError("Add at least one byline before publishing.")


class NamedBlankAutocompleteSelect(GuardedAutocompleteSelect):
    """Django's autocomplete renders its blank choice as <option value=""></option>, which HTML forbids
    (an empty option needs a label attribute); select2 shows its own placeholder either way."""

    def create_option(self, name, value, label, *args, **kwargs):
        option = super().create_option(name, value, label, *args, **kwargs)
        if value == "" and not label:
            option["attrs"]["label"] = "None"
        return option


class NamedBlankAutocompleteMixin:
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = NamedBlankAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class BylineInline(CappedInlineMixin, NamedBlankAutocompleteMixin, admin.TabularInline):
    model = Byline
    formset = BylineFormSet
    extra = 1
    max_num = 20
    fields = ["author", "position"]
    autocomplete_fields = ["author"]
    # A table's column heading is no label; name the box itself.
    formfield_overrides = {
        models.PositiveSmallIntegerField: {"widget": forms.NumberInput(attrs={"aria-label": "Position"})},
    }

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.request = request
        return formset


def view_on_site_for_visible_articles(request, content_type_id, object_id):
    """The admin's /admin/r/ redirect, which checks only that the user is staff, refused for stories
    the user may not see: it would reveal their address, and so their headline."""
    content_type = ContentType.objects.filter(pk=content_type_id).first()
    model = content_type.model_class() if content_type else None
    is_story = model is not None and issubclass(model, Article)
    if is_story and not (
        str(object_id).isdigit() and Article.objects.visible_to_staff(request.user).filter(pk=object_id).exists()
    ):
        raise Http404("No such story.")
    return shortcut(request, content_type_id, object_id)


class RelatedLinkFormSet(forms.BaseInlineFormSet):
    def clean(self):
        # The one-link-per-target constraint is conditional, and formsets only check
        # unconditional ones; without this a repeated story would end in an IntegrityError.
        super().clean()
        refuse_repeating_rows_not_in_the_form(self, "target", "This story is already linked.")
        seen = set()
        for form in self.forms:
            target = form.cleaned_data.get("target")
            if target is None or form.cleaned_data.get("DELETE"):
                continue
            if target.pk in seen:
                form.add_error("target", "This story is already linked.")
            seen.add(target.pk)


class RelatedLinkInline(CappedInlineMixin, NamedBlankAutocompleteMixin, admin.StackedInline):
    formset = RelatedLinkFormSet
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    model = RelatedLink
    fk_name = "article"
    extra = 0
    max_num = 20
    autocomplete_fields = ["target"]
    fields = ["target", ("url", "title"), ("after_paragraph", "position")]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "target":
            # The same stories the autocomplete offers: a posted id of any other is refused.
            kwargs["queryset"] = Article.objects.visible_to_staff(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CorrectionInline(CappedInlineMixin, admin.TabularInline):
    """Corrections are appended, never edited or removed: they are the public record."""

    model = Correction
    extra = 0
    max_num = 200
    fields = ["kind", "text", "created_at", "created_by"]
    readonly_fields = ["created_at", "created_by"]
    verbose_name = "correction, clarification or update note"
    verbose_name_plural = "Corrections, clarifications and updates (shown on the story; cannot be changed once saved)"

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ArticleForm(forms.ModelForm):
    substantive_update = forms.BooleanField(
        required=False,
        label="This is a substantive update",
        help_text="Tick when the story's facts changed; readers then see “Updated” with the time of this save. "
        "Leave unticked for typo fixes.",
    )
    known_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        # The admin shows help text as HTML, so "<slug>" in the model's help text would be an unknown tag.
        help_texts = {"slug": "The story's address: /news/&lt;slug&gt;/."}

    request = None  # set by ArticleAdmin.get_form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["known_version"].initial = self.instance.version
        # The admin labels a date-and-time pair as a whole; each box needs its own name for screen readers.
        for name, label in (("published_at", "Publication"), ("embargo_until", "Embargo until")):
            if name not in self.fields:  # read-only for reporters
                continue
            date, time = self.fields[name].widget.widgets
            date.attrs["aria-label"] = f"{label}: date"
            time.attrs["aria-label"] = f"{label}: time"

    def clean_tags(self):
        tags = self.cleaned_data["tags"]
        for name in tags:
            if len(name) > TAG_MAX_LENGTH:
                raise forms.ValidationError(f"Keep each tag under {TAG_MAX_LENGTH} characters: “{name[:40]}…”.")
            # Such a tag would get an empty address and no topic page.
            if not slugify(name, allow_unicode=True):
                raise forms.ValidationError(f"The tag “{name}” needs at least one letter or digit.")
        return tags

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None:
            self._refuse_overwriting_a_newer_version(cleaned.get("known_version"))
        return cleaned

    def _refuse_overwriting_a_newer_version(self, known):
        # The row stays locked until the admin's transaction ends, so no save can slip in between.
        current = Article.objects.select_for_update().filter(pk=self.instance.pk).values_list("version", flat=True)
        current = current.first()
        if current is None or known == current:
            return
        if known is None:
            self.add_error(None, "This form lost track of which version of the story it shows; reload the page.")
            return
        self.add_error(
            None,
            f"{revisions.conflict_message(self.instance, known)} Your changes are still in the form below; "
            "nothing was saved. Look at the story in another tab, then save again to replace their version "
            "with yours.",
        )
        # A second, deliberate save goes through.
        self.data = self.data.copy()
        self.data[self.add_prefix("known_version")] = current

    def _post_clean(self):
        super()._post_clean()  # the instance now holds the submitted values
        intent = intent_of(self.request)
        article = self.instance
        if intent in GOING_LIVE_INTENTS and article.is_killed:
            self.add_error(None, "A killed story cannot be published again; write a new one.")
        elif intent == "publish" and article.status == Article.Status.PUBLISHED:
            self.add_error(None, "This story is already published.")
        elif stays_or_goes_live(article, intent):
            self._check_publishable(intent)

    def _check_publishable(self, intent):
        """Run for every save after which the story is live or scheduled, not only for the buttons
        that put it there: a live story must not lose its byline or slip before its embargo."""
        article = self.instance
        going_live_at = timezone.now() if intent == "publish" else article.published_at
        if intent == "schedule" and (going_live_at is None or going_live_at <= timezone.now()):
            self.add_error("published_at", "To schedule the story, give a publication time in the future.")
            return
        if going_live_at and (problem := article.embargo_problem(going_live_at)):
            self.add_error("embargo_until", problem)
        for problem in article.publish_problems():
            self.add_error(None, f"Before publishing: {problem}")


class StatusFilter(admin.SimpleListFilter):
    """Status, with "Scheduled" told apart from live stories."""

    title = "status"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [*Article.Status.choices[:2], ("scheduled", "Scheduled"), ("live", "Live"), *Article.Status.choices[3:]]

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
class ArticleAdmin(GuardedAdminMixin, NamedBlankAutocompleteMixin, admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    form = ArticleForm
    list_display = ["headline", "section", "state", "byline_list", "published_at", "tag_list"]
    list_filter = [StatusFilter, "section", "authors", ("tags", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["section"]
    search_fields = ["headline", "summary"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["lead_photo", "video_poster"]
    readonly_fields = ["state", "updated_at", "reading_minutes", "created_at", "created_by", "modified_at"]
    inlines = [BylineInline, RelatedLinkInline, CorrectionInline]
    actions = ["publish_selected", "unpublish_selected"]
    change_form_template = "admin/feed/article/change_form.html"
    object_history_template = "admin/feed/article/object_history.html"
    fieldsets = [
        # known_version is a hidden field of the form, rendered by the template: a fieldset would give it a
        # label, and a label for a hidden input is invalid HTML.
        (None, {"fields": ["headline", "slug", "section", "summary", "body", "tags"]}),
        ("Lead photo", {"fields": ["lead_photo", "lead_photo_caption"]}),
        (
            "Publishing",
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
        ("Video", {"classes": ["collapse"], "fields": ["video_url", "video_poster", "video_duration"]}),
        ("Advanced", {"classes": ["collapse"], "fields": ["created_at", "created_by", "modified_at"]}),
    ]

    class Media:
        css = {"all": ["feed/admin.css"]}

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

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            readonly.append("published_at")
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.request = request
        return form

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/kill/", view(self.kill_view), name="feed_article_kill"),
            path(
                "<path:object_id>/revisions/<int:version_id>/",
                view(self.revision_view),
                name="feed_article_revision",
            ),
            *super().get_urls(),
        ]

    # The form and its buttons.

    @method_decorator(csp_update({"style-src": [PROSE_EDITOR_STYLE_HASH]}))
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if intent_of(request) in PUBLISHING_INTENTS and not self.has_publish_permission(request):
            raise PermissionDenied
        extra_context = (extra_context or {}) | {"can_publish": self.has_publish_permission(request)}
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, *args, **kwargs):
        # django-prose-editor's import map is an inline <script type="importmap">: the Content-Security-Policy
        # lets it run only with this request's nonce, which django-js-asset's Media puts on its tags.
        context["media"] = Media.from_media(context["media"], nonce=request.csp_nonce)
        return super().render_change_form(request, context, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        intent = intent_of(request)
        now = timezone.now()
        if not change:
            obj.created_by = request.user
        message = ""
        if intent in {"draft", "review"} and obj.status in {Article.Status.DRAFT, Article.Status.REVIEW}:
            obj.status = intent
            message = "Submitted for review." if intent == "review" else ""
        elif intent == "publish":
            obj.status, obj.published_at = Article.Status.PUBLISHED, now
            message = "Published."
        elif intent == "schedule":
            obj.status = Article.Status.PUBLISHED
            message = f"Scheduled for {timezone.localtime(obj.published_at):%d %B %Y, %H:%M}."
        elif intent == "unpublish" and obj.status == Article.Status.PUBLISHED:
            obj.status = Article.Status.DRAFT
            message = "Unpublished."
        if change and form.cleaned_data.get("substantive_update") and obj.is_published:
            obj.updated_at = now
        super().save_model(request, obj, form, change)
        if message:
            self.log_change(request, obj, message)
            messages.info(request, f"“{obj}”: {message}")

    def save_formset(self, request, form, formset, change):
        if formset.model is Correction:
            notes = formset.save(commit=False)
            for note in notes:
                note.created_by = request.user
                note.save()
            article = form.instance
            # An appended note is a substantive change: readers see the story as updated.
            if notes and article.is_published:
                article.updated_at = timezone.now()
                Article.objects.filter(pk=article.pk).update(updated_at=article.updated_at)
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

    # Deleting moves stories to the trash.

    def delete_model(self, request, obj):
        obj.move_to_trash()

    def delete_queryset(self, request, queryset):
        for article in queryset:
            article.move_to_trash()

    def get_deleted_objects(self, objs, request):
        # Nothing else goes: the story keeps its bylines, links and notes while in the trash.
        to_delete = [str(obj) for obj in objs]
        return to_delete, {Article._meta.verbose_name_plural: len(to_delete)}, set(), []

    # Bulk actions.

    @admin.action(permissions=["publish"], description="Publish the selected stories now")
    def publish_selected(self, request, queryset):
        published = 0
        now = timezone.now()
        candidates = queryset.select_related("lead_photo", "video_poster").annotate(byline_count=Count("bylines"))
        for article in candidates:
            if article.is_published or article.is_killed:
                continue
            problems = article.publish_problems()
            if not article.byline_count:
                problems.append("Add at least one byline.")
            if problem := article.embargo_problem(now):
                problems.append(problem)
            if problems:
                self.message_user(request, f"“{article}” was not published: {' '.join(problems)}", messages.WARNING)
                continue
            article.status, article.published_at = Article.Status.PUBLISHED, now
            with reversion.create_revision():
                reversion.set_user(request.user)
                article.save()
                self.log_change(request, article, "Published.")
            published += 1
        if published:
            self.message_user(request, f"Published {published} stor{'y' if published == 1 else 'ies'}.")

    @admin.action(permissions=["publish"], description="Unpublish the selected stories")
    def unpublish_selected(self, request, queryset):
        unpublished = 0
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            article.status = Article.Status.DRAFT
            with reversion.create_revision():
                reversion.set_user(request.user)
                article.save()
                self.log_change(request, article, "Unpublished.")
            unpublished += 1
        self.message_user(request, f"Unpublished {unpublished} stor{'y' if unpublished == 1 else 'ies'}.")

    # Kill, revisions.

    def _article_or_404(self, request, object_id):
        """The story, for those who may see it whole: its revisions hold text cut before publication."""
        article = self.get_object(request, object_id)
        if article is None or not article.can_be_viewed_by(request.user):
            raise Http404("No such story.")
        return article

    def kill_view(self, request, object_id):
        if not self.has_publish_permission(request):
            raise PermissionDenied
        article = self._article_or_404(request, object_id)
        if article.status != Article.Status.PUBLISHED:
            # A story that never ran has nothing to withdraw; a 410 would announce that it existed.
            raise Http404("Only published stories can be killed; unpublished ones can be deleted.")
        form = KillForm(request.POST or None, initial={"notice": article.kill_notice or KillForm.DEFAULT_NOTICE})
        if request.method == "POST" and form.is_valid():
            with transaction.atomic(), reversion.create_revision():
                reversion.set_user(request.user)
                article.kill(form.cleaned_data["notice"])
                self.log_change(request, article, f"Killed: {form.cleaned_data['notice']}")
            self.message_user(request, f"“{article}” is killed: its address answers “410 Gone” with your notice.")
            return redirect("admin:feed_article_change", article.pk)
        context = self.admin_site.each_context(request) | {
            "title": "Kill this story",
            "opts": self.opts,
            "original": article,
            "form": form,
        }
        return TemplateResponse(request, "admin/feed/article/kill.html", context)

    def revision_view(self, request, object_id, version_id):
        article = self._article_or_404(request, object_id)
        version = get_object_or_404(revisions.versions_of(article), pk=version_id)
        if request.method == "POST":
            if not self.has_change_permission(request, article):
                raise PermissionDenied
            saved_at = timezone.localtime(version.revision.date_created)
            try:
                restored = revisions.restore(article, version, request.user)
            except (RevertError, IntegrityError):
                self.message_user(
                    request,
                    "This revision cannot be restored: something it refers to (an author, a photo, a linked "
                    "story) is gone, or its address is now another story's. Nothing was changed.",
                    messages.ERROR,
                )
                return redirect("admin:feed_article_revision", article.pk, version.pk)
            self.log_change(request, restored, f"Restored the revision of {saved_at:%d %B %Y, %H:%M}.")
            self.message_user(request, "The revision is restored. The version it replaced is kept in the history.")
            return redirect("admin:feed_article_change", article.pk)
        rows, body = revisions.compare(version, article)
        context = self.admin_site.each_context(request) | {
            "title": f"Revision of {timezone.localtime(version.revision.date_created):%d %B %Y, %H:%M}",
            "opts": self.opts,
            "original": article,
            "version": version,
            "rows": rows,
            "body_diff": body,
            "can_restore": self.has_change_permission(request, article),
        }
        return TemplateResponse(request, "admin/feed/article/revision.html", context)

    def history_view(self, request, object_id, extra_context=None):
        article = self.get_object(request, object_id)
        if article is not None and not article.can_be_viewed_by(request.user):
            raise PermissionDenied
        versions = revisions.versions_of(article) if article else []
        return super().history_view(request, object_id, (extra_context or {}) | {"versions": versions})

    # List columns.

    @admin.display(description="Status", ordering="status")
    def state(self, article):
        return article.state_label

    def view_on_site(self, article):
        return article.get_absolute_url() if article.is_published else reverse("feed:preview", args=[article.pk])

    @admin.display(description="Bylines")
    def byline_list(self, article):
        return ", ".join(byline.author.name for byline in article.bylines.all())

    @admin.display(description="Tags")
    def tag_list(self, article):
        return ", ".join(tag.name for tag in article.tags.all())


class KillForm(forms.Form):
    DEFAULT_NOTICE = "This story has been withdrawn."
    notice = forms.CharField(
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Readers who follow a link to the story see this instead.",
    )


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

    @admin.action(permissions=["restore"], description="Restore the selected stories from the trash")
    def restore_selected(self, request, queryset):
        restored = list(Article.objects.filter(pk__in=queryset.values("pk")))
        for article in restored:
            article.restore_from_trash()
        # Logged against the article itself, so the story's own history shows it.
        LogEntry.objects.log_actions(request.user.pk, restored, CHANGE, "Restored from the trash.")
        self.message_user(request, f"Restored {len(restored)} from the trash (kept {TRASH_DAYS} days).")
