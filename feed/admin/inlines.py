"""The rows edited inside the article form: bylines, related links and corrections."""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Q

from common.admin_guards import CappedInlineMixin, GuardedAutocompleteSelect

from ..models import Article, Byline, Correction, RelatedLink
from .forms import BylineFormSet, RelatedLinkFormSet


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

    def get_queryset(self, request):
        """Links to stories the user may not see are left out of the form, read-only or not (a save
        leaves them as they are): their headlines and admin links would give those stories away."""
        links = super().get_queryset(request)
        if request.user.has_perm("feed.change_any_article"):
            return links
        return links.filter(Q(target__isnull=True) | Q(target__in=Article.objects.visible_to_staff(request.user)))


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
