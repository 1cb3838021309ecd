"""The live desk's forms: the composer (also an update's edit page) and a correction."""

from django import forms
from django.contrib import admin
from django.template.loader import render_to_string

from common.text import paragraphs
from feed.admin.inlines import NamedBlankAutocompleteSelect

from .models import LiveUpdate, UpdateCorrection


def autocomplete(field_name):
    return NamedBlankAutocompleteSelect(LiveUpdate._meta.get_field(field_name), admin.site)


class UpdateForm(forms.ModelForm):
    """The live desk's composer, with the body in the same rich-text editor as a story's. The desk's
    compact composer posts plain `text` instead of a body: its paragraphs become the body's paragraphs,
    so a refused post from the desk opens here with the text in the editor."""

    required_css_class = "required"

    class Meta:
        model = LiveUpdate
        fields = ["headline", "body", "photo", "photo_caption", "linked_story", "pinned"]
        widgets = {"photo": autocomplete("photo"), "linked_story": autocomplete("linked_story")}
        labels = {"pinned": "Key point"}
        error_messages = {
            "body": {"required": "Write the update."},
            "photo": {"invalid_choice": "That photo does not exist (any more); choose another."},
            "linked_story": {"invalid_choice": "Link to a published story."},
        }

    def __init__(self, data=None, *args, may_pin=True, **kwargs):
        if data is not None and not data.get("body") and data.get("text", "").strip():
            data = data.copy()
            data["body"] = render_to_string("live/_body_from_paragraphs.html", {"paragraphs": paragraphs(data["text"])})
        super().__init__(data, *args, **kwargs)
        if not may_pin:
            del self.fields["pinned"]

    def clean_headline(self):
        return self.cleaned_data["headline"].strip()


class EditUpdateForm(UpdateForm):
    """An update's edit page: the composer without "Key point", which has its own Pin/Unpin button."""

    class Meta(UpdateForm.Meta):
        fields = ["headline", "body", "photo", "photo_caption", "linked_story"]


class CorrectionForm(forms.ModelForm):
    class Meta:
        model = UpdateCorrection
        fields = ["text"]
        labels = {"text": "Correction"}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"text": {"required": "Write what was wrong and what is right now."}}


class PinForm(forms.Form):
    pinned = forms.BooleanField(required=False)
