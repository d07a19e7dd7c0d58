"""Staff pages of the portal (/cong-tin/) and the reader pages before Wagtail's catch-all (/tin-tuc/)."""

from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from sausat.portal import views, views_reader

app_name = "portal"

urlpatterns = [
    path("y-kien-ban-doc/", views.moderation, name="moderation"),
    path("soan-tu-hoi-nghi/<int:meeting_id>/", views.draft_from_meeting, name="draft_from_meeting"),
]

public_urlpatterns = [
    path("tim-kiem/", views.search, name="search"),
    path("rss/<int:category_id>/", views.CategoryFeed(), name="rss"),
    path("atom/<int:category_id>/", views_reader.CategoryAtomFeed(), name="atom"),
    path("the/<str:slug>/", views_reader.tag, name="tag"),
    path("luu-tru/<int:home_id>/", views_reader.archive, name="archive"),
    path("luu-tru/<int:home_id>/<int:year>/<int:month>/", views_reader.archive_month, name="archive_month"),
    path("in/<int:article_id>/", views_reader.print_view, name="print"),
    path("y-kien/<int:article_id>/", views.post_comment, name="comment"),
    path("sitemap.xml", sitemap, name="sitemap"),
]
