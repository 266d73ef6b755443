"""The dermatologist's FHIR download, beside the intake page under /review/."""

from django.urls import path

from fhir import review_views

app_name = "fhir_review"

urlpatterns = [
    path("<str:reference>/fhir.json", review_views.intake_download, name="intake_download"),
]
