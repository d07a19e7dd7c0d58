from django.urls import path

from sausat.cadres import views, views_appointments, views_ballots, views_planning, views_report

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
    path("tin-nhiem/<int:pk>/phieu-dien-tu/", views_ballots.box, name="ballot_box"),
    path("tin-nhiem/<int:pk>/bien-ban-kiem-phieu.docx", views_ballots.minutes, name="minutes"),
    path("bo-phieu/", views_ballots.cast, name="ballot_cast"),  # public; logged without the client (core.logformat)
    path("bo-nhiem/", views_appointments.index, name="appointments"),
    path("bo-nhiem/<int:pk>/", views_appointments.detail, name="appointment"),
    path("quy-hoach/<int:unit_id>/<str:term>/", views_planning.plan, name="plan"),
    path("<int:person_id>/luan-chuyen/", views_planning.rotation_add, name="rotation_add"),
]
