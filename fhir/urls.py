"""The FHIR API under /fhir/ (token-authenticated, read-only; docs/fhir.md)."""

from django.urls import path

from fhir import views

app_name = "fhir"

urlpatterns = [
    path("metadata", views.metadata, name="metadata"),
    path("Questionnaire/<str:resource_id>", views.questionnaire_read, name="questionnaire"),
    path(
        "QuestionnaireResponse",
        views.questionnaire_response_search,
        name="questionnaire_response_search",
    ),
    path(
        "QuestionnaireResponse/<str:resource_id>",
        views.questionnaire_response_read,
        name="questionnaire_response",
    ),
    path("<str:resource_type>", views.unsupported_type, name="unsupported_type"),
    path(
        "<str:resource_type>/<str:resource_id>",
        views.unsupported_type,
        name="unsupported_resource",
    ),
]
