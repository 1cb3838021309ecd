"""Each photo gets its own secret for the names of its renditions. Existing renditions keep their old
names, and keep working, until the photo's renditions are next rebuilt (a new focal point or crop,
or `manage.py rebuild_renditions`, which renames them all)."""

import secrets

from django.db import migrations, models

import media.models


def give_each_photo_its_key(apps, schema_editor):
    Photo = apps.get_model("media", "Photo")
    # Its own copy of new_rendition_key: a migration must not change when the app's code does.
    photos = [Photo(pk=pk, rendition_key=secrets.token_hex(16)) for pk in Photo.objects.values_list("pk", flat=True)]
    Photo.objects.bulk_update(photos, ["rendition_key"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("media", "0003_alter_photocredit_url"),
    ]

    operations = [
        migrations.AddField(
            model_name="photo",
            name="rendition_key",
            field=models.CharField(default="", editable=False, max_length=32),
        ),
        migrations.RunPython(give_each_photo_its_key, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="photo",
            name="rendition_key",
            field=models.CharField(default=media.models.new_rendition_key, editable=False, max_length=32),
        ),
    ]
