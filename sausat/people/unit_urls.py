"""The unit page, joined to sausat.geo.urls (``geo:detail``) by sausat/urls.py."""

from django.urls import path

from sausat.people import unit_views

urlpatterns = [
    path("<str:code>/", unit_views.unit_detail, name="detail"),
]
