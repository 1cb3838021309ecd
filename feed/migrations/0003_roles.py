from django.db import migrations

# The roles as they were when this migration was written, frozen here: feed/roles.py holds today's,
# which `manage.py sync_roles` applies to an existing database.
CRUD = ("add", "change", "delete", "view")

ROLES = {
    "Reporter": [
        *(f"feed.{action}_article" for action in ("add", "change", "view")),
        *(f"feed.{action}_{model}" for model in ("byline", "relatedlink") for action in CRUD),
        "feed.view_section",
        "feed.view_correction",
        "authors.view_author",
        "media.add_photo",
        "media.view_photo",
        "media.add_photocredit",
        "media.view_photocredit",
    ],
    "Editor": [
        *(f"feed.{action}_{model}" for model in ("article", "byline", "relatedlink", "section") for action in CRUD),
        "feed.publish_article",
        "feed.change_any_article",
        "feed.add_correction",
        "feed.view_correction",
        "authors.view_author",
        *(f"media.{action}_{model}" for model in ("photo", "photocredit", "slotcrop") for action in CRUD),
        *(f"taggit.{action}_tag" for action in CRUD),
    ],
    "Bio manager": [
        *(f"authors.{action}_author" for action in CRUD),
        "media.add_photo",
        "media.view_photo",
        "media.add_photocredit",
        "media.view_photocredit",
    ],
}

# Django makes permissions only after all migrations ran, and a fresh database needs these now, named
# as Django names them (it then finds them made): "Can <action> <verbose name>", or the model's own.
VERBOSE_NAMES = {"relatedlink": "related link", "photocredit": "photo credit", "slotcrop": "slot crop"}
CUSTOM_PERMISSIONS = {
    "feed.publish_article": "Can publish, schedule, unpublish and kill stories",
    "feed.change_any_article": "Can edit every story, not only their own drafts",
}


def permission(code):
    """(app label, model, codename, name) of a permission the roles use."""
    app_label, codename = code.split(".")
    if code in CUSTOM_PERMISSIONS:
        return app_label, "article", codename, CUSTOM_PERMISSIONS[code]
    action, model = codename.split("_")
    return app_label, model, codename, f"Can {action} {VERBOSE_NAMES.get(model, model)}"


def create_roles(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for role, codes in ROLES.items():
        permissions = []
        for app_label, model, codename, name in map(permission, codes):
            content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
            found, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": name}
            )
            permissions.append(found)
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("feed", "0002_editorial_workflow"),
        ("authors", "0002_avatar_is_a_photo"),
        ("media", "0002_focal_point_renditions_slot_crops"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
