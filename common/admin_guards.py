"""Guards for every admin list against parameters Django itself turns into server errors."""

from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.core.validators import EMPTY_VALUES

# The date-hierarchy values a list accepts: years whose next year and whose UTC form exist.
DATE_HIERARCHY_RANGES = {"year": (2, 9998), "month": (1, 12), "day": (1, 31)}


class GuardedAutocompleteSelect(AutocompleteSelect):
    """Django looks the chosen ids up as they were posted, so showing a refused form again with "abc"
    (or an id past the database's integers) in an autocomplete box was a server error; such ids
    match nothing, and the form's own error says so."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [item for item in value if self._could_exist(item)], attr)

    def _could_exist(self, item):
        if item in EMPTY_VALUES:
            return True
        try:
            self.field.target_field.clean(item, None)
        except ValidationError:
            return False
        return True


class GuardedAdminMixin:
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = GuardedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changelist_instance(self, request):
        """Django turns ?<date_hierarchy>__year=9999 (there is no year 10000), a month of 10**20
        (OverflowError) and, on SQLite, year 1 (before year 1 in UTC) into server errors; such
        addresses get the admin's usual answer to wacky parameters instead, a redirect to ?e=1."""
        if self.date_hierarchy:
            for part, (lowest, highest) in DATE_HIERARCHY_RANGES.items():
                for value in request.GET.getlist(f"{self.date_hierarchy}__{part}"):
                    if not (
                        value.isascii() and value.isdigit() and len(value) <= 4 and lowest <= int(value) <= highest
                    ):
                        raise IncorrectLookupParameters(f"{value!r} is not a {part} the date hierarchy can show.")
        return super().get_changelist_instance(request)

    def response_action(self, request, queryset):
        """Django filters on the posted ids as they come, so a bulk action on "abc" or on an id past
        the database's integers is a server error; the list says what is wrong instead."""
        primary_key = self.opts.pk
        for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
            try:
                primary_key.clean(value, None)
            except ValidationError:
                self.message_user(request, "The selection holds an item that does not exist.", messages.WARNING)
                return None
        return super().response_action(request, queryset)


class CappedInlineMixin:
    """An inline that builds at most `max_num` forms (as the class sets it), or as many as the object
    already has if that is more, whatever the posted TOTAL_FORMS says; more is a form error. Django's
    own cap is max_num + 1,000: a post claiming 2,000 related links made the admin build and show
    again 2,000 forms (7.5 s and a 6.6 MB page for one request). The class's value, because the
    admin sets the instance's max_num to 0 for a user who may not add rows, and existing rows count:
    they must still be saved and removed."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **({"absolute_max": type(self).max_num} | kwargs))
        return type(formset.__name__, (AtLeastExistingRowsFormSet, formset), {})


class AtLeastExistingRowsFormSet:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The rows the forms are built from anyway: no extra query.
        self.absolute_max = max(self.absolute_max, len(self.get_queryset()))
