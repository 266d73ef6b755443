"""Template context every page needs: the clinic's name and contact details."""

from django.conf import settings

from clinic.contact import call_the_clinic, clinic_phone, clinic_phone_configured


def clinic(request):
    return {
        "clinic": {
            "name": settings.CLINIC_NAME,
            "phone": settings.CLINIC_PHONE,
            # What pages show: the number, or the placeholder when it is not set.
            "phone_shown": clinic_phone(),
            "phone_set": clinic_phone_configured(),
            "call": call_the_clinic(),
            "email": settings.CLINIC_EMAIL,
            "address": settings.CLINIC_ADDRESS,
        }
    }
