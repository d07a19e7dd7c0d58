"""The opinions pages of one meeting, served under /hoi-nghi/ in the ``meetings:`` URL namespace.

They read opinions, so they belong here; their addresses and URL names predate the split and stay
(sausat/urls.py joins these patterns to sausat.meetings.urls), while meetings imports no opinions
code.
"""

from django.urls import path

from sausat.opinions.views import exports, outputs

urlpatterns = [
    path("<int:meeting_pk>/tong-hop/", outputs.summary, name="summary"),
    path("<int:meeting_pk>/bang-truc-tiep/", outputs.board, name="board"),
    path("<int:meeting_pk>/ket-qua/", outputs.results, name="results"),
    path("ket-qua/<slug:ref>/", outputs.public_results, name="public_results"),
    path("<int:meeting_pk>/so-y-kien.xlsx", exports.register_xlsx, name="register_xlsx"),
    path("<int:meeting_pk>/thong-bao-ket-luan/", exports.conclusion_notice, name="notice"),
]
