from django.urls import path

from sausat.textkit import views

app_name = "textkit"

urlpatterns = [
    path("nhap-bai-bao/", views.index, name="index"),
]
