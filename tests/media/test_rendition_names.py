"""Rendition names carry a secret of each photo: whoever reaches the media host cannot count through
the photos of stories not yet published."""

import importlib

import pytest
from django.apps import apps
from django.core.files.storage import default_storage

from media.models import Photo
from tests.factories import image_file, make_photo

pytestmark = pytest.mark.django_db


def rendition_names(photo):
    return {name for entries in photo.renditions.values() for entry in entries for name in entry["files"].values()}


def file_names(photo):
    return {name.rsplit("/", 1)[1] for name in rendition_names(photo)}


def test_two_photos_of_the_same_shape_share_no_rendition_name():
    first, second = make_photo(image=image_file(size=(800, 450))), make_photo(image=image_file(size=(800, 450)))
    assert first.rendition_key != second.rendition_key
    assert file_names(first).isdisjoint(file_names(second))


def test_a_rendition_name_is_not_worked_out_from_the_crop_alone():
    photo = make_photo(image=image_file(size=(800, 450)))
    tags = {name.split("-")[1] for name in file_names(photo)}
    assert all(len(tag) == 16 for tag in tags)
    photo.rendition_key = "another secret"
    photo.rebuild_renditions()
    assert {name.split("-")[1] for name in file_names(photo)}.isdisjoint(tags)


def test_the_migration_gives_each_photo_its_own_key_and_leaves_old_renditions_working():
    photos = [make_photo(image=image_file(size=(640, 360))) for _ in range(3)]
    Photo.objects.update(rendition_key="")
    old_names = {photo.pk: rendition_names(photo) for photo in photos}
    migration = importlib.import_module("media.migrations.0004_rendition_key")
    migration.give_each_photo_its_key(apps, None)
    keys = set(Photo.objects.values_list("rendition_key", flat=True))
    assert len(keys) == 3 and "" not in keys
    for photo in Photo.objects.all():
        assert rendition_names(photo) == old_names[photo.pk]
        assert all(default_storage.exists(name) for name in rendition_names(photo))
