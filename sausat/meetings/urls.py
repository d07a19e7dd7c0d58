from django.urls import path

from sausat.meetings import views
from sausat.opinions.views import exports, outputs

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
    path("<int:meeting_pk>/tong-hop/", outputs.summary, name="summary"),
    path("<int:meeting_pk>/bang-truc-tiep/", outputs.board, name="board"),
    path("<int:meeting_pk>/ket-qua/", outputs.results, name="results"),
    path("ket-qua/<slug:ref>/", outputs.public_results, name="public_results"),
    path("<int:pk>/cong-bo-ket-qua/", views.publish_results, name="publish_results"),
    path("<int:meeting_pk>/so-y-kien.xlsx", exports.register_xlsx, name="register_xlsx"),
    path("<int:meeting_pk>/thong-bao-ket-luan/", exports.conclusion_notice, name="notice"),
]
