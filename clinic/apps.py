from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class ClinicConfig(AppConfig):
    default = True
    name = "clinic"
    verbose_name = "Clinic"

    def ready(self):
        from clinic import checks  # noqa: F401 - registers the deploy checks


class ClinicAdminConfig(admin_apps.AdminConfig):
    """Django's admin app with the clinic's site (clinic.admin_site) as admin.site,
    so every app's @admin.register lands on the site that asks for a second factor."""

    default = False
    default_site = "clinic.admin_site.ClinicAdminSite"
