from django import forms
from django.db.models import Exists, OuterRef

from authors.models import Author

from .models import Byline, Section, published_q
from .search import MAX_QUERY_LENGTH, clean_query


class SearchForm(forms.Form):
    """The reader's search: words, and optionally a section and an author (by slug)."""

    q = forms.CharField(label="Search for", required=False, strip=False, widget=forms.SearchInput)
    section = forms.ModelChoiceField(
        Section.objects.all(), to_field_name="slug", required=False, empty_label="All sections"
    )
    author = forms.ModelChoiceField(
        Author.objects.active().filter(Exists(Byline.objects.filter(published_q("article__"), author=OuterRef("pk")))),
        to_field_name="slug",
        required=False,
        empty_label="All authors",
    )

    def __init__(self, params):
        data = {name: params.get(name, "") for name in self.base_fields}
        data["q"], self.shortened = clean_query(data["q"])
        super().__init__(data)
        self.fields["q"].widget.attrs["maxlength"] = MAX_QUERY_LENGTH
