"""Template context every page needs: the clinic's name and contact details."""

from django.conf import settings


def clinic(request):
    return {
        "clinic": {
            "name": settings.CLINIC_NAME,
            "phone": settings.CLINIC_PHONE,
            "email": settings.CLINIC_EMAIL,
            "address": settings.CLINIC_ADDRESS,
        }
    }
