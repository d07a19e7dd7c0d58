from django.urls import path

from sausat.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("xac-thuc-hai-lop/", views.mfa_setup, name="mfa_setup"),
    path("xac-thuc-hai-lop/nhap-ma/", views.mfa_verify, name="mfa_verify"),
    path("doi-mat-khau/", views.PasswordChangeView.as_view(), name="password_change"),
]
