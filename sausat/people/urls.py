from django.urls import path

from sausat.people import views

app_name = "people"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/chuc-vu/", views.add_position, name="add_position"),
    path("<int:pk>/chuc-vu/<int:position_id>/ket-thuc/", views.end_position, name="end_position"),
    path("<int:pk>/xoa/", views.delete_person, name="delete"),
    path("<int:pk>/khoi-phuc/", views.restore_person, name="restore"),
    path("co-quan/<int:pk>/xoa/", views.delete_organ, name="delete_organ"),
    path("co-quan/<int:pk>/khoi-phuc/", views.restore_organ, name="restore_organ"),
]
