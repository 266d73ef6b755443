from django.urls import path

from intake import views

app_name = "intake"

urlpatterns = [
    path("", views.start, name="start"),
    path("check/", views.check, name="check"),
    path("guide/<str:token>/", views.guide, name="guide"),
    path("guide/<str:token>/print/", views.guide, {"printable": True}, name="guide_print"),
    path("guide/<str:token>/open/<str:kind>/<slug:slug>/", views.guide_open, name="guide_open"),
    path("<slug:slug>/", views.step, name="step"),
]
