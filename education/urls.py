from django.urls import path

from education import views

app_name = "education"

urlpatterns = [
    path("", views.ScarGuideView.as_view(), name="scar_guide"),
    path("scars/<slug:slug>/", views.scar_detail, name="scar_detail"),
    path("treatments/", views.TreatmentListView.as_view(), name="treatment_list"),
    path("treatments/<slug:slug>/", views.treatment_detail, name="treatment_detail"),
    path("compare/", views.CompareView.as_view(), name="compare"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("cost/", views.CostView.as_view(), name="cost"),
    path("preview/treatments/<int:pk>/", views.treatment_preview, name="treatment_preview"),
    path("preview/scars/<int:pk>/", views.scar_preview, name="scar_preview"),
]
