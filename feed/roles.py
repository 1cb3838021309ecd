"""The newsroom's roles, as Django groups. Applied by a data migration; `sync_roles` re-applies them."""

from django.contrib.auth.management import create_permissions

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


def sync_roles(apps):
    """Creates or updates each role's group with exactly its permissions. Works inside migrations."""
    # Permissions are normally created after all migrations ran; a fresh database needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = []
        for code in codes:
            app_label, codename = code.split(".")
            permissions.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        group.permissions.set(permissions)
