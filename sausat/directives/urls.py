from django.urls import path

from sausat.directives import views, views_pack

app_name = "directives"

urlpatterns = [
    path("", views.board, name="index"),
    path("van-ban/", views.document_list, name="documents"),
    path("van-ban/moi/", views.document_create, name="document_create"),
    path("van-ban/<int:pk>/", views.document_detail, name="document"),
    path("van-ban/<int:pk>/nhiem-vu/", views.task_create, name="task_create"),
    path("van-ban/<int:pk>/han/", views.deadline_preview, name="deadline_preview"),
    path("nhiem-vu/<int:pk>/", views.task_detail, name="task"),
    path("nhiem-vu/<int:pk>/sua/", views.task_edit, name="task_edit"),
    path("nhiem-vu/<int:pk>/tien-do/", views.task_progress, name="task_progress"),
    path("nhiem-vu/<int:pk>/hoan-thanh/", views.task_complete, name="task_complete"),
    path("nhiem-vu/<int:pk>/gia-han/", views.task_extend, name="task_extend"),
    path("de-nghi/<int:pk>/xu-ly/", views.request_decide, name="request_decide"),
    path("ra-soat/", views_pack.check, name="check"),
    path("bao-cao-quy/", views_pack.pack, name="pack"),
    path("bao-cao-quy.xlsx", views_pack.pack_xlsx, name="pack_xlsx"),
    path("bao-cao-quy.docx", views_pack.pack_docx, name="pack_docx"),
    path("tong-quan/", views_pack.dashboard, name="dashboard"),
]
