"""Uploading a photo through the API: the same checks and cleaning as the photo form (media/), then a
photo id to give a draft as its lead photo. Registered on the stories router."""

from django import forms
from django.db import transaction
from ninja import File, Form, Status
from ninja.files import UploadedFile

from media.models import DiskFullError, Photo, PhotoCredit

from . import representations
from .schemas import Error
from .schemas import Photo as PhotoSchema
from .stories import router
from .writes import AUTH, ERRORS, acting_as_token

UPLOAD_FIELDS = ["image", "alt_text", "caption"]


class UploadedPhoto(PhotoSchema):
    id: int


class PhotoUploadForm(forms.ModelForm):
    photographer = forms.CharField(max_length=120, required=False)
    source = forms.CharField(max_length=120, required=False)

    class Meta:
        model = Photo
        fields = UPLOAD_FIELDS

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("photographer", "").strip() or cleaned.get("source", "").strip()):
            raise forms.ValidationError("Give the photographer, the source (an agency, an outlet) or both.")
        return cleaned


def form_errors(form):
    return " ".join(f"{name}: {message}" if name != "__all__" else message
                    for name, messages in form.errors.items() for message in messages)  # fmt: skip


@router.post(
    "/photos/",
    auth=AUTH,
    response={201: UploadedPhoto, **ERRORS, 503: Error},
    summary="Upload a photo",
)
def upload_photo(
    request,
    image: File[UploadedFile],
    alt_text: Form[str],
    caption: Form[str] = "",
    photographer: Form[str] = "",
    source: Form[str] = "",
):
    """A JPEG, PNG, WebP, AVIF or GIF (as the photo form takes them), its alt text, and who took it. Location
    and camera data are removed; renditions are made in the background. Give the answer's `id` to a draft
    as `lead_photo`."""
    if not request.user.has_perm("media.add_photo"):
        return Status(403, {"detail": "Your role cannot upload photos."})
    fields = {"alt_text": alt_text, "caption": caption, "photographer": photographer, "source": source}
    form = PhotoUploadForm(fields, {"image": image})
    if not form.is_valid():
        return Status(400, {"detail": form_errors(form)})
    photo = form.save(commit=False)
    found = {"photographer": form.cleaned_data["photographer"].strip(), "source": form.cleaned_data["source"].strip()}
    photo.uploaded_by = request.user
    try:
        with acting_as_token(request), transaction.atomic():  # the credit made for it goes if the photo does
            photo.credit = PhotoCredit.objects.for_names(**found)
            photo.save()
    except DiskFullError as refusal:
        return Status(503, {"detail": str(refusal)})
    return Status(201, {"id": photo.pk, **representations.photo(request, photo)})
