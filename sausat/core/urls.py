from django.urls import path

from sausat.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", views.LogoutView.as_view(), name="logout"),
    path("lich-su/<str:object_type>/<str:object_id>/", views.object_history, name="history"),
    path("healthz", views.health, name="health"),
]
