from django.apps import AppConfig


class EducationConfig(AppConfig):
    name = "education"
    verbose_name = "Patient education"

    def ready(self):
        from education import checks, signals  # noqa: F401 - checks registers itself

        signals.connect()
