from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from sausat.api import api
from sausat.geo import urls as geo_urls
from sausat.meetings import urls as meeting_urls
from sausat.opinions import meeting_urls as meeting_opinion_urls
from sausat.people import unit_urls
from sausat.portal import urls as portal_urls
from sausat.portal.views_media import rendition

urlpatterns = [
    path("", include("sausat.core.urls")),
    path("tai-khoan/", include("sausat.accounts.urls")),
    path("dia-ban/", include((geo_urls.urlpatterns + unit_urls.urlpatterns, "geo"))),
    path("can-bo/ho-so/", include("sausat.cadres.urls")),
    path("can-bo/", include("sausat.people.urls")),
    path("hoi-nghi/", include((meeting_urls.urlpatterns + meeting_opinion_urls.urlpatterns, "meetings"))),
    path("y-kien/", include("sausat.opinions.urls")),
    path("chi-dao/", include("sausat.directives.urls")),
    path("co-so/", include("sausat.liaison.urls")),
    path("van-ban/", include("sausat.meetings.article_urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # The public news portal: staff pages, Wagtail's admin (own CSP, see sausat.portal.middleware),
    # the reader pages of our own, then Wagtail's page tree as the catch-all under /tin-tuc/.
    path("cong-tin/", include("sausat.portal.urls")),
    path("quan-tri-tin/", include(wagtailadmin_urls)),
    path("tin-tuc/", include((portal_urls.public_urlpatterns, "portal_public"))),
    path("tin-tuc/", include(wagtail_urls)),
    path("media/images/<path:name>", rendition, name="portal_rendition"),
]
