"""Dermatologists sign the rule book off (DOMAIN.md §1).

As in intake's 0003_staff_groups: on a fresh database permissions only appear at
post_migrate (Django ticket #29843), so this creates the permission it grants.
"""

from django.db import migrations

DERMATOLOGISTS = "Dermatologists"
CODENAME = "sign_off_rulebook"


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="education", model="rulebookversion"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=CODENAME,
        defaults={"name": "Can sign off the clinical rule book"},
    )
    group, _ = Group.objects.get_or_create(name=DERMATOLOGISTS)
    group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=DERMATOLOGISTS):
        group.permissions.remove(*Permission.objects.filter(codename=CODENAME))


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0002_clinical_sign_off"),
        ("intake", "0003_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
