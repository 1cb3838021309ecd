"""The newsroom's roles, as Django groups. feed/migrations/0003_roles.py made them as they were then;
`manage.py sync_roles` applies these to an existing database."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

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
        "wires.view_wireitem",
    ],
    "Editor": [
        *(
            f"feed.{action}_{model}"
            for model in ("article", "byline", "relatedlink", "section", "redirect")
            for action in CRUD
        ),
        "feed.publish_article",
        "feed.change_any_article",
        "feed.add_correction",
        "feed.view_correction",
        "authors.view_author",
        *(f"media.{action}_{model}" for model in ("photo", "photocredit", "slotcrop") for action in CRUD),
        *(f"taggit.{action}_tag" for action in CRUD),
        "wires.view_wireitem",
        "wires.view_wirefile",
        *(f"wires.{action}_wiresource" for action in CRUD),
    ],
    "Bio manager": [
        *(f"authors.{action}_author" for action in CRUD),
        "media.add_photo",
        "media.view_photo",
        "media.add_photocredit",
        "media.view_photocredit",
    ],
}


class UnknownPermissions(LookupError):
    pass


@transaction.atomic
def sync_roles():
    """Gives each role's group exactly the permissions ROLES lists, making the group if it is missing;
    other groups are left alone. Returns {role: (permissions added, permissions removed)}.

    The permissions must exist: `migrate` makes them for every model once it has run, so one that is
    missing is a mistake in ROLES (or a database not migrated), and nothing is changed."""
    permissions = {
        f"{permission.content_type.app_label}.{permission.codename}": permission
        for permission in Permission.objects.select_related("content_type")
    }
    unknown = sorted({code for codes in ROLES.values() for code in codes} - permissions.keys())
    if unknown:
        raise UnknownPermissions(f"No such permission: {', '.join(unknown)}. Is the database migrated?")
    changes = {}
    for role, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        had = set(group.permissions.all())
        wanted = {permissions[code] for code in codes}
        group.permissions.set(wanted)
        changes[role] = (len(wanted - had), len(had - wanted))
    return changes
