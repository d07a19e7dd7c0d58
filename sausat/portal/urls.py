"""Staff pages of the portal (/cong-tin/) and the reader pages before Wagtail's catch-all (/tin-tuc/)."""

from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from sausat.portal import views

app_name = "portal"

urlpatterns = [
    path("y-kien-ban-doc/", views.moderation, name="moderation"),
    path("soan-tu-hoi-nghi/<int:meeting_id>/", views.draft_from_meeting, name="draft_from_meeting"),
]

public_urlpatterns = [
    path("tim-kiem/", views.search, name="search"),
    path("rss/<int:category_id>/", views.CategoryFeed(), name="rss"),
    path("y-kien/<int:article_id>/", views.post_comment, name="comment"),
    path("sitemap.xml", sitemap, name="sitemap"),
]
