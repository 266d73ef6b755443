"""The two staff roles (PRODUCT.md "Roles"), with the permissions each needs.

On a fresh database, permissions only appear at post_migrate (Django ticket
#29843), so this migration creates the content types and permissions it needs.
"""

from django.db import migrations

CONTENT_EDITORS = "Content editors"
DERMATOLOGISTS = "Dermatologists"

# (app_label, model, codename, name)
ROLE_PERMISSIONS = {
    CONTENT_EDITORS: [
        ("education", "treatment", f"{verb}_treatment", f"Can {verb} treatment")
        for verb in ("add", "change", "view")
    ]
    + [
        ("education", "scartype", f"{verb}_scartype", f"Can {verb} scar type")
        for verb in ("add", "change", "view")
    ]
    + [
        ("education", "treatmentfit", "view_treatmentfit", "Can view treatment fit"),
        ("education", "caution", "view_caution", "Can view caution"),
    ],
    DERMATOLOGISTS: [
        ("intake", "intake", "review_intake", "Can review patient intakes"),
        ("intake", "intake", "view_intake", "Can view intake"),
        ("education", "treatment", "view_treatment", "Can view treatment"),
        ("education", "scartype", "view_scartype", "Can view scar type"),
        (
            "education",
            "treatment",
            "review_treatment",
            "Can mark treatment pages medically reviewed",
        ),
        (
            "education",
            "scartype",
            "review_scartype",
            "Can mark scar type pages medically reviewed",
        ),
    ],
}


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for group_name, permissions in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for app_label, model, codename, name in permissions:
            content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": name}
            )
            group.permissions.add(permission)


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=list(ROLE_PERMISSIONS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0002_review_workspace"),
        ("education", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
