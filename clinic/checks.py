"""Deploy checks of the clinic's own settings (``manage.py check --deploy``)."""

from django.core.checks import Tags, Warning, register

from clinic.contact import clinic_phone_configured


@register(Tags.security, deploy=True)
def clinic_phone_check(app_configs, **kwargs):
    """Patients are told to call the clinic (under-18s, errors, e-mails): without a number
    they would read a placeholder."""
    if clinic_phone_configured():
        return []
    return [
        Warning(
            "CLINIC_PHONE is not set: pages and e-mails that say 'call the clinic' show "
            "a placeholder instead of a number.",
            hint="Set CLINIC_PHONE in the environment or .env, e.g. CLINIC_PHONE='555 010 0100'.",
            id="clinic.W001",
        )
    ]
