from csp.decorators import csp_update
from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.utils.decorators import method_decorator
from django.utils.html import format_html

from common.admin_guards import CappedInlineMixin, GuardedAdminMixin

from .images import SLOTS, crop_box, fit_to_aspect, override_box, read_credit
from .models import DiskFullError, Photo, PhotoCredit, SlotCrop, usage_relations
from .templatetags.media_tags import photo_credit
from .widgets import FocalPointWidget


@admin.register(PhotoCredit)
class PhotoCreditAdmin(GuardedAdminMixin, admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["__str__", "photographer", "source", "may_syndicate", "photo_count"]
    list_filter = ["may_syndicate"]
    search_fields = ["photographer", "source"]

    def get_queryset(self, request):
        # An aggregate drops Meta.ordering (GROUP BY); the autocomplete pages the result, so order it again.
        return (
            super()
            .get_queryset(request)
            .annotate(photo_count=models.Count("photos"))
            .order_by(*PhotoCredit._meta.ordering)
        )

    @admin.display(description="Photos", ordering="photo_count")
    def photo_count(self, credit):
        return credit.photo_count


class PhotoForm(forms.ModelForm):
    """The credit may be left empty when the file names its photographer or source."""

    class Meta:
        model = Photo
        fields = ["image", "alt_text", "caption", "credit", "focal_x", "focal_y"]
        widgets = {"focal_x": FocalPointWidget(), "focal_y": forms.NumberInput({"step": "0.01", "min": 0, "max": 1})}
        labels = {"focal_x": "Across (0–1)", "focal_y": "Down (0–1)"}
        help_texts = {"focal_x": ""}  # the widget says how, for a saved photo and for one just chosen

    def __init__(self, data=None, files=None, *args, **kwargs):
        # Set by PhotoAdmin.changeform_view when the photo could not be stored. The upload was read and
        # closed, and browsers do not resend a file: the form is shown again without it, to choose again.
        self.refusal = getattr(self.request, "photo_not_stored", None)
        super().__init__(data, None if self.refusal else files, *args, **kwargs)
        # A role that may only view photos gets a form without fields: the admin shows them read-only.
        if not self.fields:
            return
        if self.instance.image:
            self.fields["focal_x"].widget.image_url = self.instance.rendition_url("full", 640)
        self.fields["credit"].required = False
        self.fields[
            "credit"
        ].help_text = "Shown as “(Photo: Photographer/Source)”. Leave empty to use the credit written in the file."
        if self.refusal:
            self.fields["image"].required = False

    request = None  # set by PhotoAdmin.get_form

    def clean(self):
        cleaned = super().clean()
        if self.refusal:
            raise forms.ValidationError(self.refusal)
        image = cleaned.get("image")
        if cleaned.get("credit") or not image or "image" in self.errors:
            return cleaned
        # Read now: the metadata is stripped when the photo is saved.
        self.credit_from_file = read_credit(image)
        if not any(self.credit_from_file.values()):
            self.add_error("credit", "The file names no photographer or source; choose a credit.")
        return cleaned

    def save(self, commit=True):
        names = getattr(self, "credit_from_file", None)
        if not self.instance.credit_id and names:
            self.instance.credit = PhotoCredit.objects.for_names(**names)
        return super().save(commit)


class SlotCropForm(forms.ModelForm):
    class Meta:
        model = SlotCrop
        fields = ["slot", "left", "top", "right", "bottom"]
        # A table row has no <label>s: the column headers are not tied to the inputs, so each names itself.
        widgets = {
            "slot": forms.Select({"aria-label": "Slot"}),
            **{
                side: forms.NumberInput({"aria-label": f"{side.title()} edge"})
                for side in ["left", "top", "right", "bottom"]
            },
        }


class SlotCropFormSet(forms.BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["aria-label"] = "Delete this own crop"


class SlotCropInline(CappedInlineMixin, admin.TabularInline):
    model = SlotCrop
    form = SlotCropForm
    formset = SlotCropFormSet
    extra = 0
    max_num = len(SlotCrop._meta.get_field("slot").choices)
    verbose_name = "own crop"
    verbose_name_plural = "Own crops (replace the point-of-interest crop for one slot: {})".format(
        ", ".join(f"{slot.name} {slot.shape}" for slot in SLOTS.values() if slot.aspect)
    )

    def get_extra(self, request, obj=None, **kwargs):
        # One row for each slot without an own crop yet, its slot chosen: the crop boxes above fill it in.
        return len(missing_crop_slots(obj)) if obj else 0


def missing_crop_slots(photo):
    """The slots (with a shape) the photo has no own crop for, in the order the crop tool shows them."""
    cropped = {crop.slot for crop in photo.crops.all()}
    return [slot.name for slot in SLOTS.values() if slot.aspect and slot.name not in cropped]


def crop_boxes(photo):
    """For each slot with a shape: the box its renditions are cut from today, as fractions of the photo
    (the editor's own crop trimmed to the slot's shape, or else the point-of-interest crop)."""
    own = {crop.slot: crop.as_fractions() for crop in photo.crops.all()}
    boxes = []
    for slot in SLOTS.values():
        if not slot.aspect:
            continue
        if slot.name in own:
            box = fit_to_aspect(override_box(photo.width, photo.height, own[slot.name]), slot.aspect)
        else:
            box = crop_box(photo.width, photo.height, slot.aspect, photo.focal_x, photo.focal_y)
        left, top, right, bottom = box
        boxes.append(
            {
                "slot": slot,
                "own": slot.name in own,
                "left": left / photo.width,
                "top": top / photo.height,
                "right": right / photo.width,
                "bottom": bottom / photo.height,
            }
        )
    return boxes


def usage_label():
    """The usage column's header names what it counts, e.g. "Used by articles, authors"."""
    names = sorted({str(relation.related_model._meta.verbose_name_plural) for relation in usage_relations()})
    return f"Used by {', '.join(names)}"


@admin.register(Photo)
class PhotoAdmin(GuardedAdminMixin, admin.ModelAdmin):
    form = PhotoForm
    inlines = [SlotCropInline]
    list_display = [
        "thumbnail",
        "__str__",
        "credit",
        "usage_count",
        "width",
        "height",
        "renditions_state",
        "uploaded_at",
    ]
    list_display_links = ["thumbnail", "__str__"]
    list_filter = ["renditions_state", "credit"]
    actions = ["retry_renditions"]
    list_select_related = ["credit"]
    search_fields = ["alt_text", "caption", "credit__photographer", "credit__source"]
    autocomplete_fields = ["credit"]
    readonly_fields = ["credit_line", "renditions_status", "width", "height", "uploaded_at", "uploaded_by"]
    date_hierarchy = "uploaded_at"

    class Media:
        # A stylesheet, not a style attribute: the Content-Security-Policy refuses inline styles.
        css = {"all": ["media/admin.css"]}

    fieldsets = [
        (None, {"fields": ["image", "alt_text", "caption", "credit", "credit_line"]}),
        ("Point of interest", {"fields": ["focal_x", "focal_y"]}),
        ("File", {"classes": ["collapse"], "fields": ["width", "height", "uploaded_at", "uploaded_by"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        # A saved photo says how its renditions stand, under the image.
        if obj is None:
            return self.fieldsets
        first, *rest = self.fieldsets
        return [(None, {"fields": ["image", "renditions_status", *first[1]["fields"][1:]]}), *rest]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.request = request
        return form

    def get_inlines(self, request, obj):
        # Own crops are drawn on the saved photo's crop boxes; a new photo has none yet.
        return self.inlines if obj else []

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, SlotCropInline) and obj and obj.pk:
            kwargs["initial"] = [{"slot": slot} for slot in missing_crop_slots(obj)]
        return kwargs

    def change_view(self, request, object_id, form_url="", extra_context=None):
        photo = self.get_object(request, object_id)
        if photo and photo.width and photo.height and self.has_change_permission(request, photo):
            extra_context = (extra_context or {}) | {
                "crop_tool": {"image_url": photo.rendition_url("full", 640), "boxes": crop_boxes(photo)}
            }
        return super().change_view(request, object_id, form_url, extra_context)

    # The file chosen in the form is previewed before it is sent, from a blob: address made in the page.
    @method_decorator(csp_update({"img-src": ["blob:"]}))
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DiskFullError as refusal:
            # Nothing was kept: the view's transaction dropped the row, Photo.save and the storage the
            # files. The form comes back as any refused form does, with the reason, ready to resend.
            request.photo_not_stored = str(refusal)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_queryset(self, request):
        return super().get_queryset(request).with_usage()

    @admin.display(description="Photo")
    def thumbnail(self, photo):
        return format_html(
            '<img class="photo-thumbnail" src="{}" alt="" width="96" height="54">',
            photo.rendition_url("lead", 320),
        )

    @admin.display(description=usage_label(), ordering="usage_count")
    def usage_count(self, photo):
        return photo.usage_count

    @admin.display(description="Readers see")
    def credit_line(self, photo):
        if not photo.credit_id:
            return "—"
        return format_html("{} {}", photo.caption, photo_credit(photo.credit))

    @admin.display(description="Renditions")
    def renditions_status(self, photo):
        return render_to_string("media/admin/renditions_state.html", {"photo": photo})

    @admin.action(description="Retry building the renditions of the selected photos", permissions=["change"])
    def retry_renditions(self, request, queryset):
        for photo in queryset:
            photo.queue_renditions()
        self.message_user(
            request, f"Queued the renditions of {len(queryset)} photo{'s' if len(queryset) != 1 else ''} again."
        )

    def response_change(self, request, obj):
        if "_retry_renditions" in request.POST:
            self.message_user(request, "The renditions are queued to be built again.")
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Own crops are saved after the photo, so its renditions are asked for again once they are in.
        if any(formset.has_changed() for formset in formsets) or "_retry_renditions" in request.POST:
            form.instance.queue_renditions()
