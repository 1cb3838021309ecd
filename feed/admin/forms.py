"""The article form of the admin, its row formsets and the kill form. The rules of publishing are
not here: the forms ask feed.workflow."""

from datetime import datetime

from django import forms
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from taggit.utils import edit_string_for_tags, parse_tags

from .. import merging, readiness, revisions
from ..html import body_text, sanitize_body
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

# The story's own fields that merge with a colleague's save; bylines and links are rows of their own.
MERGED_FIELDS = {
    "language", "headline", "slug", "section", "summary", "body", "tags", "lead_photo", "lead_photo_caption",
    "published_at", "embargo_until", "video_url", "video_poster", "video_duration",
}  # fmt: skip
FOREIGN_KEYS = {"section", "lead_photo", "video_poster"}


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
            form.fields["DELETE"].widget.attrs["aria-label"] = gettext("Remove this byline")

    def clean(self):
        super().clean()
        refuse_repeating_rows_not_in_the_form(
            self, "author", gettext("This author already has a byline on this story.")
        )
        if intent_of(self.request) == "unpublish":
            return
        if problems := readiness.live_edit_problems(self.instance, byline_count=len(kept_forms(self))):
            raise forms.ValidationError(
                [
                    gettext("This story is published or scheduled, so it must stay ready: %(problem)s")
                    % {"problem": problem}
                    for problem in problems
                ]
            )


class RelatedLinkFormSet(forms.BaseInlineFormSet):
    def clean(self):
        # The one-link-per-target constraint is conditional, and formsets only check
        # unconditional ones; without this a repeated story would end in an IntegrityError.
        super().clean()
        refuse_repeating_rows_not_in_the_form(self, "target", gettext("This story is already linked."))
        seen = set()
        for form in kept_forms(self):
            target = form.cleaned_data.get("target")
            if target is None:
                continue
            if target.pk in seen:
                form.add_error("target", gettext("This story is already linked."))
            seen.add(target.pk)


class ArticleForm(forms.ModelForm):
    substantive_update = forms.BooleanField(
        required=False,
        label=_("This is a substantive update"),
        help_text=_(
            "Tick when the story's facts changed; readers then see “Updated” with the time of this save. "
            "Leave unticked for typo fixes."
        ),
    )
    known_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Reversion keeps every other field of the version the form was opened at, but not its tags.
    known_tags = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        # The admin shows help text as HTML, so "<slug>" in the model's help text would be an unknown tag.
        help_texts = {"slug": _("The story's address: /news/&lt;slug&gt;/.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["known_version"].initial = self.instance.version
        if self.instance.pk is not None:
            self.fields["known_tags"].initial = edit_string_for_tags(self.instance.tags.all())
        self.merge_conflicts, self.merge_against, self.merge_note = [], None, ""
        # The admin labels a date-and-time pair as a whole; each box needs its own name for screen readers.
        for name, label in (("published_at", gettext("Publication")), ("embargo_until", gettext("Embargo until"))):
            if name not in self.fields:  # read-only for reporters
                continue
            date, time = self.fields[name].widget.widgets
            date.attrs["aria-label"] = gettext("%(field)s: date") % {"field": label}
            time.attrs["aria-label"] = gettext("%(field)s: time") % {"field": label}

    def clean_tags(self):
        tags = self.cleaned_data["tags"]
        for name in tags:
            if len(name) > TAG_MAX_LENGTH:
                raise forms.ValidationError(
                    gettext("Keep each tag under %(limit)d characters: “%(tag)s…”.")
                    % {"limit": TAG_MAX_LENGTH, "tag": name[:40]}
                )
            # Such a tag would get an empty address and no topic page.
            if not slugify(name, allow_unicode=True):
                raise forms.ValidationError(
                    gettext("The tag “%(tag)s” needs at least one letter or digit.") % {"tag": name}
                )
        return tags

    def clean_language(self):
        language = self.cleaned_data["language"]
        taken = Article.objects.translations_of(self.instance).filter(language=language).first()
        if taken is not None:
            raise forms.ValidationError(
                gettext("“%(story)s” is this story's version in %(language)s; a story has one per language.")
                % {"story": taken, "language": taken.get_language_display()}
            )
        return language

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if not Article.objects.exclude(pk=self.instance.pk).filter(slug=slug).exists():
            return slug
        # The free address goes into the field, so that one more click on a save button takes it.
        free = Article.objects.free_slug(slug)
        self.data = self.data.copy()
        self.data[self.add_prefix("slug")] = free
        raise forms.ValidationError(
            gettext(
                "Another story already has the address %(address)s. "
                "“%(free)s” is free and is now in the field: save again to use it, or write another."
            )
            % {"address": reverse("feed:article", args=[slug]), "free": free}
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
            self._merge_with_a_newer_version(cleaned)
        return cleaned

    def _merge_with_a_newer_version(self, cleaned):
        """A colleague saved since this form was opened: their changes and these merge (feed.merging),
        with the version the form was opened at, kept by django-reversion, as the common base."""
        known = cleaned.get("known_version")
        # The row stays locked until the admin's transaction ends, so no save can slip in between.
        current = Article.objects.select_for_update().filter(pk=self.instance.pk).first()
        if current is None or known == current.version:
            return
        if known is None:
            self.add_error(None, "This form lost track of which version of the story it shows; reload the page.")
            return
        base = revisions.version_at(current, known)
        if base is None:  # saved outside the admin, so no revision to merge from
            self._refuse_overwriting(known, current)
            return
        names = [name for name in self.fields if name in MERGED_FIELDS and name in cleaned]
        mine = {name: self._comparable(name, cleaned[name], base.field_dict) for name in names}
        theirs = {name: _stored_value(current, name) for name in names}
        base_values = {name: _stored_value(base.field_dict, name) for name in names if name != "tags"}
        if "tags" in names:
            base_values["tags"] = parse_tags(self.data.get(self.add_prefix("known_tags"), "")) or theirs["tags"]
        against = self.data.get(self.add_prefix("merge_against"))
        choices = {
            key.removeprefix("merge-"): value for key, value in self.data.items() if key.startswith("merge-")
        } if against == str(current.version) else {}  # fmt: skip
        labels = {name: str(self.fields[name].label or name) for name in names}
        merge = merging.merge_story(base_values, theirs, mine, labels=labels, choices=choices)
        who, when = revisions.last_save(current)
        if merge.conflicts:
            self.merge_conflicts = [self._shown(conflict, cleaned, current) for conflict in merge.conflicts]
            self.merge_against = current.version
            self.add_error(
                None,
                f"{who} saved this story at {when:%H:%M} after you opened it, and changed some of what you "
                "changed. Their other changes and yours merge; for each part below, choose which to keep, then "
                "save again. Nothing was saved yet, and your text is still in the form.",
            )
            return
        for name, value in merge.values.items():
            cleaned[name] = _form_value(name, value, cleaned[name], current)
        # The save moves the version on from the colleague's, not from the one this form was opened at.
        self.instance.version = current.version
        taken = ", ".join(merge.taken) or "nothing of theirs overlapped yours"
        self.merge_note = f"Merged with {who}’s save at {when:%H:%M}: {taken}."
        # What the editor chose against is said once more, so that no typed word is gone unseen.
        for label, value in merge.set_aside:
            text = " ".join(body_text("".join(value)).split()) if isinstance(value, list) else value
            self.merge_note += f" Your {label}, not kept: “{text}”."

    def _comparable(self, name, value, base):
        if name == "body":
            return sanitize_body(value or "")
        if isinstance(value, datetime) and base.get(name) and value == base[name].replace(microsecond=0):
            return base[name]  # the form shows seconds; an untouched time is not a change
        return value.pk if isinstance(value, models.Model) else value

    def _shown(self, conflict, cleaned, current):
        """A conflict with picked objects shown by name rather than by id."""
        if conflict.key in FOREIGN_KEYS:
            conflict.mine, conflict.theirs = cleaned[conflict.key], getattr(current, conflict.key)
        return conflict

    def _refuse_overwriting(self, known, current):
        self.add_error(
            None,
            f"{revisions.conflict_message(current, known)} Your changes are still in the form below; "
            "nothing was saved. Look at the story in another tab, then save again to replace their version "
            "with yours.",
        )
        # A second, deliberate save goes through.
        self.data = self.data.copy()
        self.data[self.add_prefix("known_version")] = current.version


def _stored_value(source, name):
    """A field's value in a saved story or a revision's field dict, as feed.merging compares it."""
    if name == "tags":
        return sorted(source.tags.names(), key=str.lower)
    attname = f"{name}_id" if name in FOREIGN_KEYS else name
    return source[attname] if isinstance(source, dict) else getattr(source, attname)


def _form_value(name, merged, mine, current):
    """The merged value as the form's cleaned data holds it (objects for picked fields)."""
    if name in FOREIGN_KEYS and merged != (mine.pk if mine else None):
        return getattr(current, name)
    return mine if name in FOREIGN_KEYS else merged


class KillForm(forms.Form):
    DEFAULT_NOTICE = "This story has been withdrawn."
    notice = forms.CharField(
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Readers who follow a link to the story see this instead.",
    )
