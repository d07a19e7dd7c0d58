from django.urls import include, path

from sausat.api import api

urlpatterns = [
    path("", include("sausat.core.urls")),
    path("dia-ban/", include("sausat.geo.urls")),
    path("can-bo/", include("sausat.people.urls")),
    path("hoi-nghi/", include("sausat.meetings.urls")),
    path("y-kien/", include("sausat.opinions.urls")),
    path("chi-dao/", include("sausat.directives.urls")),
    path("co-so/", include("sausat.liaison.urls")),
    path("van-ban/", include("sausat.textkit.urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
