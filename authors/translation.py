"""Author names, slugs, roles and bios per language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Author


@register(Author)
class AuthorTranslationOptions(TranslationOptions):
    fields = ("name", "slug", "role", "short_bio", "bio")
    # Unique name and slug columns hold many NULLs; empty text fields stay "" as they are today.
    empty_values = {"name": None, "slug": None}
