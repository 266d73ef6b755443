"""Any change to education content invalidates the cached public pages."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from education.cache import content_changed
from education.models import Caution, CautionEffect, ScarType, Treatment, TreatmentFit


def connect():
    for model in (ScarType, Treatment, TreatmentFit, Caution, CautionEffect):
        post_save.connect(content_changed, sender=model, dispatch_uid=f"edu-save-{model.__name__}")
        post_delete.connect(
            content_changed, sender=model, dispatch_uid=f"edu-delete-{model.__name__}"
        )
    m2m_changed.connect(
        content_changed, sender=Treatment.related.through, dispatch_uid="edu-related"
    )
