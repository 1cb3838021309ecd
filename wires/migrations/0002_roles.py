# The wire inbox's permissions for the newsroom's roles, as feed/roles.py lists them today (its own
# copy, as feed/migrations/0003_roles.py keeps one): reporters and editors read the inbox and make
# drafts from it; editors manage the sources and see the files read.

from django.db import migrations

PERMISSIONS = {
    "Reporter": [("wireitem", "view", "wire item")],
    "Editor": [
        ("wireitem", "view", "wire item"),
        ("wirefile", "view", "wire file"),
        *((("wiresource", action, "wire source") for action in ("add", "change", "delete", "view"))),
    ],
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for role, permissions in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for model, action, verbose_name in permissions:
            content_type, _ = ContentType.objects.get_or_create(app_label="wires", model=model)
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {verbose_name}"}
            )
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("wires", "0001_initial"),
        ("feed", "0003_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
