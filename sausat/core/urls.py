from django.urls import path

from sausat.accounts import views as account_views
from sausat.core import calendar_views, ops, token_views, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("dang-nhap/", account_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", views.LogoutView.as_view(), name="logout"),
    path("lich-su/<str:object_type>/<str:object_id>/", views.object_history, name="history"),
    path("lich-nghi/", calendar_views.calendar_page, name="calendar"),
    path("tai-khoan/khoa-api/", token_views.token_page, name="tokens"),
    path("healthz", ops.healthz, name="health"),
    path("readyz", ops.readyz, name="ready"),
    path("metrics", ops.metrics, name="metrics"),
]

# Background jobs: status page / HTMX fragment and the produced file (sausat.core.jobs).
from sausat.core import jobs_views  # noqa: E402

urlpatterns += [
    path("jobs/<int:job_id>/", jobs_views.job_status, name="job_status"),
    path("jobs/<int:job_id>/tai-ve/", jobs_views.job_download, name="job_download"),
]
