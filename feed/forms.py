from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from authors.models import Author
from common.editions import current_edition, slug_lookup

from .models import Article, Byline, Section, published_q
from .search import MAX_QUERY_LENGTH, clean_query


class EditionSlugChoiceField(forms.ModelChoiceField):
    """A section or author chosen by its slug in the page's edition: a Ukrainian one, or the English
    one where it has none yet, as its address there (common.editions.slug_lookup)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        found = self.queryset.filter(slug_lookup(value)).first()
        if found is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})
        return found


def bylined_in_edition():
    """Active authors with a published story in the page's edition."""
    stories = Byline.objects.filter(
        published_q("article__"), article__language=current_edition(), author=OuterRef("pk")
    )
    return Author.objects.active().filter(Exists(stories))


class SearchForm(forms.Form):
    """The reader's search: words, and optionally a section and an author (by slug)."""

    q = forms.CharField(label=_("Search for"), required=False, strip=False, widget=forms.SearchInput)
    section = EditionSlugChoiceField(
        Section.objects.all(), to_field_name="slug", required=False, empty_label=_("All sections")
    )
    author = EditionSlugChoiceField(
        Author.objects.none(),  # bylined_in_edition(), made for each form: the edition is the request's
        to_field_name="slug",
        required=False,
        empty_label=_("All authors"),
    )

    def __init__(self, params):
        data = {name: params.get(name, "") for name in self.base_fields}
        data["q"], self.shortened = clean_query(data["q"])
        super().__init__(data)
        self.fields["author"].queryset = bylined_in_edition()
        self.fields["q"].widget.attrs["maxlength"] = MAX_QUERY_LENGTH


class LivePreviewForm(forms.ModelForm):
    """What the article form's script posts for the live preview: its text fields as typed. Applied to
    a story in memory only; the preview never saves."""

    # The body may hold markup the sanitiser will remove; allow room for it, but not without bound.
    body = forms.CharField(required=False, strip=False, max_length=200_000)

    class Meta:
        model = Article
        fields = ["headline", "summary", "body", "lead_photo_caption"]

    def validate_unique(self):
        pass  # nothing is saved, so nothing can collide
