from django.urls import path

from sausat.cadres import views, views_report

app_name = "cadres"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:person_id>/", views.record, name="record"),
    path("<int:person_id>/ban-in.docx", views.record_export, name="record_export"),
    path("ky/<int:pk>/", views.period, name="period"),
    path("ky/<int:pk>/quyet-dinh/", views.period_decide, name="period_decide"),
    path("ky/<int:pk>/xep-loai/", views_report.classification, name="report"),
    path("ky/<int:pk>/xep-loai.xlsx", views_report.classification_xlsx, name="report_xlsx"),
    path("ky/<int:pk>/xep-loai.docx", views_report.classification_docx, name="report_docx"),
    path("vung/<int:pk>/", views_report.region, name="region"),
    path("vung/<int:pk>/so-lieu.xlsx", views_report.region_xlsx, name="region_xlsx"),
    path("danh-gia/<int:pk>/", views.evaluation, name="evaluation"),
    path("tin-nhiem/<int:pk>/", views.session, name="session"),
]
