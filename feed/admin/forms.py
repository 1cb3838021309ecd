"""The article form of the admin, its row formsets and the kill form. The rules of publishing are
not here: the forms ask feed.workflow."""

from django import forms
from django.urls import reverse
from django.utils.text import slugify
from taggit.models import Tag

from .. import revisions, workflow
from ..models import Article

TAG_MAX_LENGTH = Tag._meta.get_field("name").max_length

# The submit buttons of the article form, by the name each posts, and the change each asks for.
INTENTS = {
    "_save_draft": "draft",
    "_submit_review": "review",
    "_publish": "publish",
    "_schedule": "schedule",
    "_unpublish": "unpublish",
}
PUBLISHING_INTENTS = {"publish", "schedule", "unpublish"}


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


def kept_forms(formset):
    return [form for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]


class BylineFormSet(forms.BaseInlineFormSet):
    """Validated after the story's own form, with the story as posted in `instance`: the one place
    that sees the whole story about to be saved, rows included. So it asks the workflow whether a
    published or scheduled story may be saved like this (the change form shows these errors at its
    top, feed/templates/admin/feed/article/change_form.html)."""

    request = None  # set by BylineInline.get_formset

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            # A table cell under a "Delete?" heading is no label; name the box itself.
            form.fields["DELETE"].widget.attrs["aria-label"] = "Remove this byline"

    def clean(self):
        super().clean()
        refuse_repeating_rows_not_in_the_form(self, "author", "This author already has a byline on this story.")
        if intent_of(self.request) == "unpublish":
            return
        if problems := workflow.live_edit_problems(self.instance, byline_count=len(kept_forms(self))):
            raise forms.ValidationError(
                [f"This story is published or scheduled, so it must stay ready: {problem}" for problem in problems]
            )


class RelatedLinkFormSet(forms.BaseInlineFormSet):
    def clean(self):
        # The one-link-per-target constraint is conditional, and formsets only check
        # unconditional ones; without this a repeated story would end in an IntegrityError.
        super().clean()
        refuse_repeating_rows_not_in_the_form(self, "target", "This story is already linked.")
        seen = set()
        for form in kept_forms(self):
            target = form.cleaned_data.get("target")
            if target is None:
                continue
            if target.pk in seen:
                form.add_error("target", "This story is already linked.")
            seen.add(target.pk)


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

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if not Article.objects.exclude(pk=self.instance.pk).filter(slug=slug).exists():
            return slug
        # The free address goes into the field, so that one more click on a save button takes it.
        free = Article.objects.free_slug(slug)
        self.data = self.data.copy()
        self.data[self.add_prefix("slug")] = free
        raise forms.ValidationError(
            f"Another story already has the address {reverse('feed:article', args=[slug])}. "
            f"“{free}” is free and is now in the field: save again to use it, or write another."
        )

    def clean_published_at(self):
        return self._same_second_unchanged("published_at")

    def clean_embargo_until(self):
        return self._same_second_unchanged("embargo_until")

    def _same_second_unchanged(self, name):
        """The form shows times to the second; a stored time with a fraction of a second comes back
        without it. Keep the stored value then, so that a save changes no time nobody touched (the
        next editor's conflict message would say it had changed)."""
        posted, stored = self.cleaned_data[name], getattr(self.instance, name)
        if posted and stored and posted == stored.replace(microsecond=0):
            return stored
        return posted

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


class KillForm(forms.Form):
    DEFAULT_NOTICE = "This story has been withdrawn."
    notice = forms.CharField(
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Readers who follow a link to the story see this instead.",
    )
