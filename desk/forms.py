from django import forms
from django.conf import settings

from authors.models import Author
from common.slugs import latin_slug
from feed.models import Article, Section

from .models import AUTOSAVED_FIELDS


class QuickPostForm(forms.Form):
    required_css_class = "required"

    language = forms.ChoiceField(
        choices=settings.LANGUAGES,
        initial=settings.MODELTRANSLATION_DEFAULT_LANGUAGE,
        help_text="The edition the story appears in.",
    )
    headline = forms.CharField(max_length=Article._meta.get_field("headline").max_length)
    summary = forms.CharField(
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One or two sentences for the feed. Leave blank to use the first paragraph.",
    )
    text = forms.CharField(
        label="Story",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="A few paragraphs; leave an empty line between paragraphs.",
    )
    section = forms.ModelChoiceField(queryset=Section.objects.all())
    author = forms.ModelChoiceField(
        label="Byline",
        queryset=Author.objects.active(),
        help_text="Your own author profile when you have one.",
    )
    is_breaking = forms.BooleanField(
        label="Breaking news",
        required=False,
        initial=True,
        help_text="Goes live before it has a lead photo, with a text-only card; add the photo later.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        own = Author.objects.filter(user=user).first()
        if own is not None:
            self.fields["author"].initial = own

    def clean_headline(self):
        headline = self.cleaned_data["headline"].strip()
        if not latin_slug(headline):
            raise forms.ValidationError("The headline needs at least one letter or digit: it becomes the address.")
        return headline

    def clean_summary(self):
        return self.cleaned_data["summary"].strip()


class WorkingCopyForm(forms.Form):
    """What the article form's script posts: its text fields as typed and the version it shows."""

    known_version = forms.IntegerField(min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in AUTOSAVED_FIELDS:
            field = Article._meta.get_field(name)
            # The body may hold markup the sanitiser will remove; allow room for it, but not without bound.
            limit = 200_000 if name == "body" else field.max_length
            self.fields[name] = forms.CharField(required=False, strip=False, max_length=limit)

    def text_fields(self):
        return {name: self.cleaned_data[name] for name in AUTOSAVED_FIELDS if name in self.data}
