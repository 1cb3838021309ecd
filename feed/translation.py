"""Section names and slugs per language (django-modeltranslation: name_en, name_uk, slug_en, slug_uk)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Section


@register(Section)
class SectionTranslationOptions(TranslationOptions):
    fields = ("name", "slug")
    # A Ukrainian name or slug not yet written is NULL, not "": the unique columns hold many NULLs.
    empty_values = None
