from django.urls import path

from sausat.meetings import attendee_views, views

# The opinions pages of a meeting (summary, board, results, register, notice) share this namespace
# and the /hoi-nghi/ prefix; sausat/urls.py mounts them from sausat.opinions.meeting_urls.
app_name = "meetings"

urlpatterns = [
    path("", views.index, name="index"),
    path("tao-moi/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/sua/", views.edit, name="edit"),
    path("<int:pk>/trang-thai/", views.change_status, name="status"),
    path("<int:pk>/dinh-kem/", views.attach, name="attach"),
    path("<int:pk>/dinh-kem/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("<int:pk>/ma-qr.png", views.qr_code, {"fmt": "png"}, name="qr_png"),
    path("<int:pk>/ma-qr.svg", views.qr_code, {"fmt": "svg"}, name="qr_svg"),
    path("<int:pk>/cong-bo-ket-qua/", views.publish_results, name="publish_results"),
    path("<int:pk>/tham-du/", attendee_views.add, name="attendee_add"),
    path("<int:pk>/tham-du/<int:attendee_pk>/bo/", attendee_views.remove, name="attendee_remove"),
    path("<int:pk>/nguoi-ket-luan/", attendee_views.conclusion_giver, name="conclusion_giver"),
]
