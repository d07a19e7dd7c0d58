from django.urls import path

from sausat.geo import views

app_name = "geo"

urlpatterns = [
    path("", views.unit_index, name="index"),
    path("chon/", views.unit_picker, name="picker"),
    path("<str:code>/", views.unit_detail, name="detail"),
    path("<str:code>/con/", views.unit_children, name="children"),
]
