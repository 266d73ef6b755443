from django.urls import path

from intake import review_views

app_name = "review"

urlpatterns = [
    path("", review_views.queue, name="queue"),
    path("<str:reference>/", review_views.intake_detail, name="intake"),
    path("<str:reference>/print/", review_views.intake_print, name="intake_print"),
    path("<str:reference>/history/", review_views.intake_history, name="intake_history"),
]
