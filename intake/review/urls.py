from django.urls import path

from intake.photos import staff_views
from intake.review import views

app_name = "review"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("<str:reference>/", views.intake_detail, name="intake"),
    path("<str:reference>/print/", views.intake_print, name="intake_print"),
    path("<str:reference>/history/", views.intake_history, name="intake_history"),
    path("<str:reference>/photos/<int:pk>/", staff_views.intake_photo, name="intake_photo"),
]
