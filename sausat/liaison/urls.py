from django.urls import path

from sausat.liaison import office_views, views

app_name = "liaison"

urlpatterns = [
    path("", views.index, name="index"),
    path("dia-ban/<int:unit_id>/", views.unit_detail, name="unit"),
    path("dia-ban/<int:unit_id>/hoat-dong/moi/", views.activity_new, name="activity_new"),
    path("dia-ban/<int:unit_id>/bao-cao/moi/", views.report_new, name="report_new"),
    path("hoat-dong/<int:pk>/", views.activity_detail, name="activity"),
    path("anh/<int:pk>/", views.photo, name="photo"),
    path("bao-cao/<int:pk>/", views.report_detail, name="report"),
    path("bao-quat/", office_views.dashboard, name="dashboard"),
    path("so-ket.xlsx", office_views.review_xlsx, name="review_xlsx"),
    path("so-ket.docx", office_views.review_docx, name="review_docx"),
    path("quyet-dinh/", office_views.decisions, name="decisions"),
    path("quyet-dinh/<int:pk>/", office_views.decision_detail, name="decision"),
    path("phan-cong/<int:pk>/ket-thuc/", office_views.assignment_end, name="assignment_end"),
    path("phan-cong/<int:pk>/chuyen/", office_views.assignment_move, name="assignment_move"),
    path("quyet-dinh/nhap/", office_views.import_decision, name="import"),
    path("quyet-dinh/mau.xlsx", office_views.import_template, name="import_template"),
]
