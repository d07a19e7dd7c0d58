from django.urls import path

from sausat.geo import hamlet_views, views

# The unit page (geo:detail) shows people's data: it is sausat.people.unit_urls, joined here by sausat/urls.py.
app_name = "geo"

urlpatterns = [
    path("", views.unit_index, name="index"),
    path("chon/", views.unit_picker, name="picker"),
    path("<str:code>/con/", views.unit_children, name="children"),
    path("<str:code>/nhap-thon/", hamlet_views.hamlet_import, name="hamlet_import"),
    path("<str:code>/nhap-thon/mau.xlsx", hamlet_views.hamlet_template, name="hamlet_template"),
]
