from django import forms
from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from .models import Article, Byline, RelatedLink, Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


TAG_MAX_LENGTH = Tag._meta.get_field("name").max_length


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["author"]


class RelatedLinkFormSet(forms.BaseInlineFormSet):
    def clean(self):
        # The one-link-per-target constraint is conditional, and formsets only check
        # unconditional ones; without this a repeated story would end in an IntegrityError.
        super().clean()
        seen = set()
        for form in self.forms:
            target = form.cleaned_data.get("target")
            if target is None or form.cleaned_data.get("DELETE"):
                continue
            if target.pk in seen:
                form.add_error("target", "This story is already linked.")
            seen.add(target.pk)


class RelatedLinkInline(admin.StackedInline):
    formset = RelatedLinkFormSet
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    model = RelatedLink
    fk_name = "article"
    extra = 0
    autocomplete_fields = ["target"]
    fields = ["target", ("url", "title"), ("after_paragraph", "position")]


class ArticleForm(forms.ModelForm):
    substantive_update = forms.BooleanField(
        required=False,
        label="This is a substantive update",
        help_text="Tick when the story's facts changed; readers then see “Updated” with the time of this save. "
        "Leave unticked for typo fixes.",
    )

    def clean_tags(self):
        tags = self.cleaned_data["tags"]
        for name in tags:
            if len(name) > TAG_MAX_LENGTH:
                raise forms.ValidationError(f"Keep each tag under {TAG_MAX_LENGTH} characters: “{name[:40]}…”.")
            # Such a tag would get an empty address and no topic page.
            if not slugify(name, allow_unicode=True):
                raise forms.ValidationError(f"The tag “{name}” needs at least one letter or digit.")
        return tags


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    form = ArticleForm
    list_display = ["headline", "section", "status", "published_at", "is_live", "is_video", "tag_list"]
    list_filter = ["status", "section"]
    list_select_related = ["section"]
    search_fields = ["headline", "summary"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["lead_photo", "video_poster"]
    readonly_fields = ["updated_at", "reading_minutes", "created_at", "modified_at"]
    inlines = [BylineInline, RelatedLinkInline]
    fieldsets = [
        (None, {"fields": [("headline", "slug"), "section", "summary", "body", "tags"]}),
        ("Lead photo", {"fields": ["lead_photo", "lead_photo_caption"]}),
        ("Publishing", {"fields": ["status", "published_at", "substantive_update", "updated_at", "reading_minutes"]}),
        ("Video", {"classes": ["collapse"], "fields": ["video_url", "video_poster", "video_duration"]}),
        ("Advanced", {"classes": ["collapse"], "fields": ["created_at", "modified_at"]}),
    ]

    def save_model(self, request, obj, form, change):
        if change and form.cleaned_data.get("substantive_update") and obj.is_published:
            obj.updated_at = timezone.now()
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
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

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    @admin.display(boolean=True, description="Live")
    def is_live(self, article):
        return article.is_published

    @admin.display(boolean=True, description="Video")
    def is_video(self, article):
        return article.is_video

    @admin.display(description="Tags")
    def tag_list(self, article):
        return ", ".join(tag.name for tag in article.tags.all())
