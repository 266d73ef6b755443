from django.urls import path

from intake import draft_views, views
from intake.photos import views as photo_views

app_name = "intake"

urlpatterns = [
    path("", views.start, name="start"),
    path("check/", views.check, name="check"),
    path("guide/<str:token>/", views.guide, name="guide"),
    path("guide/<str:token>/print/", views.guide, {"printable": True}, name="guide_print"),
    path("guide/<str:token>/open/<str:kind>/<slug:slug>/", views.guide_open, name="guide_open"),
    path("resume/", draft_views.resume, name="resume"),
    path("resume/<str:token>/", draft_views.resume_link, name="resume_link"),
    path("start-again/", draft_views.start_again, name="start_again"),
    path("photos/", photo_views.photos_step, name="photos"),
    path("<slug:slug>/", views.step, name="step"),
]
