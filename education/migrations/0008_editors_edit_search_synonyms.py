"""Content editors keep the search's synonym list (issue 14: "a synonym list editors
can extend"), as they keep the pages.

As in intake's 0003_staff_groups: on a fresh database permissions only appear at
post_migrate (Django ticket #29843), so this creates the permissions it grants.
"""

from django.db import migrations

CONTENT_EDITORS = "Content editors"
VERBS = ("add", "change", "delete", "view")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="education", model="searchsynonym"
    )
    group, _ = Group.objects.get_or_create(name=CONTENT_EDITORS)
    for verb in VERBS:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{verb}_searchsynonym",
            defaults={"name": f"Can {verb} search synonym"},
        )
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{verb}_searchsynonym" for verb in VERBS]
    for group in Group.objects.filter(name=CONTENT_EDITORS):
        group.permissions.remove(*Permission.objects.filter(codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0007_search_synonyms_cost"),
        ("intake", "0003_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
