from django.urls import path

from sausat.opinions.views import answers, detail, drafts, intake, issue_groups, lists, lookup, outputs

app_name = "opinions"

urlpatterns = [
    path("", lists.register, name="index"),
    path("<int:pk>/", detail.detail, name="detail"),
    path("<int:pk>/tra-loi/", answers.answer, name="answer"),
    path("<int:pk>/ghi-chu/", lists.add_note, name="add_note"),
    path("can-tra-loi/", lists.queue, name="queue"),
    path("de-an/", drafts.draft_list, name="drafts"),
    path("de-an/<int:pk>/", drafts.draft_detail, name="draft"),
    path("nhom/<int:pk>/tra-loi/", answers.answer_group, name="answer_group"),
    path("kien-nghi/<int:pk>/", answers.petition, name="petition"),
    path("tra-loi/<int:pk>/cong-bo/", answers.publish, name="publish"),
    path("gui/tra-cuu/", lookup.lookup, name="lookup"),  # under gui/: logged without the client (core.logformat)
    path("gui/<str:token>/", intake.submit, name="submit"),
    path("gui/<str:token>/da-gui/", intake.submitted, name="submitted"),
    path("mau-phieu-y-kien.xlsx", intake.import_template, name="import_template"),
    path("hoi-nghi/<int:meeting_pk>/nhap-phieu/", intake.import_paper, name="import"),
    path("hoi-nghi/<int:meeting_pk>/truc-tiep/", intake.live_entry, name="live_entry"),
    path("hoi-nghi/<int:meeting_pk>/phan-nhom/", issue_groups.grouping, name="grouping"),
    path("hoi-nghi/<int:meeting_pk>/phan-nhom/thao-tac/", issue_groups.grouping_action, name="grouping_action"),
    path("hoi-nghi/<int:meeting_pk>/phan-nhom/goi-y/", issue_groups.suggestions, name="suggestions"),
    path("hoi-nghi/<int:meeting_pk>/bang/moi/", outputs.board_since, name="board_since"),
]
