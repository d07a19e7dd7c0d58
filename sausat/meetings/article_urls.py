"""The article import page, mounted at /van-ban/ by sausat/urls.py (its address predates the move)."""

from django.urls import path

from sausat.meetings import article_views

app_name = "articles"

urlpatterns = [
    path("nhap-bai-bao/", article_views.index, name="import"),
]
