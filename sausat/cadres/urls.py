from django.urls import path

from sausat.cadres import views

app_name = "cadres"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:person_id>/", views.record, name="record"),
    path("<int:person_id>/ban-in.docx", views.record_export, name="record_export"),
    path("ky/<int:pk>/", views.period, name="period"),
    path("ky/<int:pk>/quyet-dinh/", views.period_decide, name="period_decide"),
    path("danh-gia/<int:pk>/", views.evaluation, name="evaluation"),
    path("tin-nhiem/<int:pk>/", views.session, name="session"),
]
